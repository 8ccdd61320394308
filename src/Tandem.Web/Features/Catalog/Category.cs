using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Catalog;

/// <summary>A node of the category tree. Its default GL account codes the spend of items in it.</summary>
public sealed class Category : IAudited, IVersioned, ICompanyCoded, IActivatable
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public Guid? ParentId { get; set; }

    public Guid? DefaultGlAccountId { get; set; }

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}

/// <summary>A vendor preferred for a category, ranked (1 = first choice).</summary>
public sealed class PreferredVendor : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid CategoryId { get; set; }

    public Guid VendorId { get; set; }

    public int Rank { get; set; }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>, IEntityTypeConfiguration<PreferredVendor>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.Property(x => x.Code).HasMaxLength(20);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GlAccount>().WithMany().HasForeignKey(x => x.DefaultGlAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CompanyId, x.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PreferredVendor> builder)
    {
        builder.ToTable("preferred_vendors");
        builder.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Vendors.Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.CategoryId, x.VendorId }).IsUnique();
    }
}
