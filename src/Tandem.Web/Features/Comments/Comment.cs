using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Features.Comments;

/// <summary>A comment on a document (a requisition today; purchase orders and invoices later), with its mentions and files.</summary>
public sealed class Comment : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>What the comment is on: <see cref="CommentThreads.Requisition"/>, ...</summary>
    public string DocumentType { get; set; } = "";

    public Guid DocumentId { get; set; }

    public Guid AuthorId { get; set; }

    public string Body { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public List<CommentMention> Mentions { get; set; } = [];

    public List<CommentAttachment> Attachments { get; set; } = [];
}

/// <summary>A person named with "@" in a comment: notified, and from then on allowed to read the document.</summary>
public sealed class CommentMention
{
    public Guid CommentId { get; set; }

    public Guid UserId { get; set; }

    public Guid CompanyId { get; set; }

    public Guid DocumentId { get; set; }
}

/// <summary>A file attached to a comment (a quote, a spec); its bytes live in <see cref="CommentAttachmentFile"/>.</summary>
public sealed class CommentAttachment : IAudited
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid CommentId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long SizeBytes { get; set; }

    public string Sha256 { get; set; } = "";
}

public sealed class CommentAttachmentFile
{
    public Guid AttachmentId { get; set; }

    public byte[] Content { get; set; } = [];
}

internal sealed class CommentConfiguration :
    IEntityTypeConfiguration<Comment>, IEntityTypeConfiguration<CommentMention>, IEntityTypeConfiguration<CommentAttachment>, IEntityTypeConfiguration<CommentAttachmentFile>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("comments");
        builder.Property(x => x.DocumentType).HasMaxLength(40);
        builder.Property(x => x.Body).HasMaxLength(CommentThreads.MaxBody);
        builder.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Mentions).WithOne().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.CompanyId, x.DocumentType, x.DocumentId, x.CreatedAtUtc });
    }

    public void Configure(EntityTypeBuilder<CommentMention> builder)
    {
        builder.ToTable("comment_mentions");
        builder.HasKey(x => new { x.CommentId, x.UserId });
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.UserId, x.DocumentId });
    }

    public void Configure(EntityTypeBuilder<CommentAttachment> builder)
    {
        builder.ToTable("comment_attachments");
        builder.Property(x => x.FileName).HasMaxLength(200);
        builder.Property(x => x.ContentType).HasMaxLength(100);
        builder.Property(x => x.Sha256).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<CommentAttachmentFile> builder)
    {
        builder.ToTable("comment_attachment_files");
        builder.HasKey(x => x.AttachmentId);
        builder.HasOne<CommentAttachment>().WithOne().HasForeignKey<CommentAttachmentFile>(x => x.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
