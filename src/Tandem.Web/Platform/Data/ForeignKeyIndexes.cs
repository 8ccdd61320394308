using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// EF Core's convention of an index on every foreign key, except on the keys marked <see cref="Unindexed"/>: references
/// from a large, often-written table to master rows the product never deletes (GL accounts, cost centers, categories),
/// which no query looks up by. Such an index serves only the database's check when a referenced row is deleted, and
/// costs an entry on every insert and on every update PostgreSQL cannot make in place (ADR 0029).
/// </summary>
internal sealed class ForeignKeyIndexes(ProviderConventionSetBuilderDependencies dependencies) : ForeignKeyIndexConvention(dependencies)
{
    /// <summary>The annotation that marks a foreign key as not indexed.</summary>
    public const string Unindexed = "Tandem:Unindexed";

    protected override IConventionIndex? CreateIndex(IReadOnlyList<IConventionProperty> properties, bool unique, IConventionEntityTypeBuilder entityTypeBuilder)
    {
        ArgumentNullException.ThrowIfNull(entityTypeBuilder);
        return entityTypeBuilder.Metadata.FindForeignKeys(properties).Any(IsUnindexed) ? null : base.CreateIndex(properties, unique, entityTypeBuilder);
    }

    public override void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        // The key's index was made by convention when the relationship was declared, before the mark was put on it.
        foreach (var key in modelBuilder.Metadata.GetEntityTypes().SelectMany(e => e.GetDeclaredForeignKeys()).Where(IsUnindexed).ToList())
        {
            if (key.DeclaringEntityType.FindIndex(key.Properties) is { } index && index.GetConfigurationSource() == ConfigurationSource.Convention)
            {
                key.DeclaringEntityType.Builder.HasNoIndex(index);
            }
        }

        base.ProcessModelFinalizing(modelBuilder, context);
    }

    private static bool IsUnindexed(IConventionForeignKey key) => key[Unindexed] is true;
}

/// <summary>Declares a foreign key not indexed (<see cref="ForeignKeyIndexes"/>).</summary>
internal static class UnindexedForeignKeyExtensions
{
    public static ReferenceCollectionBuilder<TPrincipal, TDependent> Unindexed<TPrincipal, TDependent>(this ReferenceCollectionBuilder<TPrincipal, TDependent> builder)
        where TPrincipal : class
        where TDependent : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.HasAnnotation(ForeignKeyIndexes.Unindexed, true);
    }
}
