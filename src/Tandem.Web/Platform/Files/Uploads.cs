using Tandem.Web.Platform.Api;

namespace Tandem.Web.Platform.Files;

/// <summary>
/// Uploaded files, checked the same way everywhere: a size limit, the type decided by the file's first bytes (never by
/// its name or the browser's claim), and a file name stripped to safe characters.
/// </summary>
public static class Uploads
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Reads an upload into memory, or adds an error on <paramref name="field"/> and returns null.</summary>
    public static async Task<(byte[] Content, string ContentType)?> ReadAsync(Validator v, Stream? content, long length, string field, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (content is null || length == 0)
        {
            v.Add(field, "required", $"{field} is required.");
            return null;
        }

        if (length > MaxBytes)
        {
            v.Add(field, "file_too_large", $"{field} must be at most {MaxBytes / 1024 / 1024} MB.");
            return null;
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (Sniff(bytes) is not { } type)
        {
            v.Add(field, "file_type_not_allowed", $"{field} must be a PDF, PNG or JPEG document.");
            return null;
        }

        return (bytes, type);
    }

    /// <summary>The content type from the file's magic number; null when it is not an allowed type.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) => content switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        _ => null,
    };

    public static string SafeName(string? name, string contentType)
    {
        var clean = new string([.. Path.GetFileName(name ?? "").Where(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ')]).Trim();
        if (clean.Length == 0)
        {
            clean = "document";
        }

        return clean.Length > 200 ? clean[..200] : clean + (Path.HasExtension(clean) ? "" : contentType switch
        {
            "application/pdf" => ".pdf",
            "application/xml" => ".xml",
            "image/png" => ".png",
            _ => ".jpg",
        });
    }
}
