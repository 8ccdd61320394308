using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>A named set of items shown to an audience (departments, locations, roles, or everyone). Requesters see only what is curated for them.</summary>
public sealed class CuratedCatalog : IAudited, IVersioned, ICompanyCoded, IActivatable
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }

    public List<CatalogAudience> Audience { get; set; } = [];

    public List<CatalogItem> Items { get; set; } = [];
}

public enum AudienceKind
{
    Everyone,
    Department,
    Location,
    Role,
}

/// <summary>Who sees a catalog: everyone, one department, one location, or holders of one role.</summary>
public sealed class CatalogAudience
{
    public Guid Id { get; set; }

    public Guid CatalogId { get; set; }

    public AudienceKind Kind { get; set; }

    public Guid? DepartmentId { get; set; }

    public Guid? LocationId { get; set; }

    public string? Role { get; set; }
}

public sealed class CatalogItem
{
    public Guid CatalogId { get; set; }

    public Guid ItemId { get; set; }
}

/// <summary>
/// One row per item holding the text the full-text engine indexes: SKU, name, description, category path and the
/// names of vendors offering it. SQLite indexes it with an FTS5 table, PostgreSQL with a narrow tsvector table; both
/// follow it through triggers (ADR 0012).
/// </summary>
public sealed class CatalogSearchEntry
{
    public long Id { get; set; }

    public Guid ItemId { get; set; }

    public Guid CompanyId { get; set; }

    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string Category { get; set; } = "";

    public string Vendors { get; set; } = "";

    /// <summary>
    /// Filter tokens checked on the matched rows, so visibility and category filters need no joins:
    /// "active" for an active item, "k&lt;catalog&gt;" per active catalog holding it, "c&lt;category&gt;" for its category and each ancestor.
    /// </summary>
    public string Tags { get; set; } = "";
}

internal sealed class CuratedCatalogConfiguration :
    IEntityTypeConfiguration<CuratedCatalog>, IEntityTypeConfiguration<CatalogAudience>, IEntityTypeConfiguration<CatalogItem>, IEntityTypeConfiguration<CatalogSearchEntry>
{
    public void Configure(EntityTypeBuilder<CuratedCatalog> builder)
    {
        builder.ToTable("catalogs");
        builder.Property(x => x.Code).HasMaxLength(20);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Description).HasMaxLength(2000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Code }).IsUnique();
        builder.HasMany(x => x.Audience).WithOne().HasForeignKey(x => x.CatalogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.CatalogId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CatalogAudience> builder)
    {
        builder.ToTable("catalog_audiences");
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Role).HasMaxLength(20);
        builder.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Location>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CatalogItem> builder)
    {
        builder.ToTable("catalog_items");
        builder.HasKey(x => new { x.CatalogId, x.ItemId });
        builder.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ItemId);
    }

    public void Configure(EntityTypeBuilder<CatalogSearchEntry> builder)
    {
        builder.ToTable("catalog_search");
        builder.Property(x => x.Sku).HasMaxLength(40);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Description).HasMaxLength(2000);
        builder.Property(x => x.Category).HasMaxLength(1000);
        builder.Property(x => x.Vendors).HasMaxLength(4000);
        builder.Property(x => x.Tags).HasMaxLength(8000);
        builder.HasOne<Item>().WithOne().HasForeignKey<CatalogSearchEntry>(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ItemId).IsUnique();
        builder.HasIndex(x => x.CompanyId);
    }
}
