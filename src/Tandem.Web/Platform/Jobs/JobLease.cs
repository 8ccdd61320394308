using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tandem.Web.Platform.Jobs;

/// <summary>
/// Which instance may run a scheduled job, until when. A job runs only on the instance that moves
/// <see cref="LeasedUntilUtc"/> forward with a conditional UPDATE, so two instances never run it twice (ADR 0013).
/// </summary>
public sealed class JobLease
{
    public string Name { get; set; } = "";

    public string Holder { get; set; } = "";

    public DateTime LeasedUntilUtc { get; set; }

    public DateTime? LastStartedAtUtc { get; set; }

    public DateTime? LastFinishedAtUtc { get; set; }

    public string? LastError { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("job_leases");
        builder.HasKey(x => x.Name);
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Holder).HasMaxLength(100);
        builder.Property(x => x.LastError).HasMaxLength(2000);
    }
}
