using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Account;

/// <summary>
/// An integration's credential. Only the SHA-256 of the secret is stored; the secret is shown once at creation.
/// It acts as its user, limited to <see cref="Roles"/> (a subset of the user's roles, intersected again at every use).
/// </summary>
public sealed class ApiToken : IAudited
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The first characters of the secret, to recognise it in lists ("tdm_3kF9...").</summary>
    public string Prefix { get; set; } = "";

    [NotAudited]
    public string TokenHash { get; set; } = "";

    /// <summary>Space-separated role names.</summary>
    public string Roles { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ExpiresAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Prefix).HasMaxLength(16);
        builder.Property(x => x.TokenHash).HasMaxLength(64);
        builder.Property(x => x.Roles).HasMaxLength(200);
        builder.HasIndex(x => x.TokenHash).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
