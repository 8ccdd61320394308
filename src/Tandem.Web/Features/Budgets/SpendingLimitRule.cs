using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Budgets;

/// <summary>
/// A spending limit for one person or for everyone holding a role: per document and per calendar month, in the company
/// currency. Exceeding it flags a request <c>overSpendingLimit</c> for the approval rules (domain: <see cref="Domain.Budgets.SpendingLimit"/>).
/// </summary>
public sealed class SpendingLimitRule : IAudited, IVersioned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid? UserId { get; set; }

    public string? Role { get; set; }

    public long? PerDocumentMinor { get; set; }

    public long? PerMonthMinor { get; set; }

    public int Version { get; set; }
}

internal sealed class SpendingLimitRuleConfiguration : IEntityTypeConfiguration<SpendingLimitRule>
{
    public void Configure(EntityTypeBuilder<SpendingLimitRule> builder)
    {
        builder.ToTable("spending_limits");
        builder.Property(x => x.Role).HasMaxLength(20);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.UserId });
        builder.HasIndex(x => new { x.CompanyId, x.Role });
    }
}
