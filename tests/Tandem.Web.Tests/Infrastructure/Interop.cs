namespace Tandem.Web.Tests.Infrastructure;

/// <summary>
/// The official schemas and samples in <c>../shared/interop/</c> beside the repository. Tests read them from there
/// (never copied into the repo); in a clone without that folder they skip and say so. CI always has it.
/// </summary>
internal static class Interop
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "interop");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    });

    /// <summary>The full path of a file under interop/, or the test is skipped when the folder is absent.</summary>
    public static string PathOf(string relative)
    {
        var root = Root.Value;
        if (root is null)
        {
            Assert.Skip("../shared/interop/ is not beside this clone, so the official schemas are unavailable; CI always has it.");
        }

        var path = Path.Combine(root!, relative);
        Assert.True(File.Exists(path), $"{path} is missing from the interop folder.");
        return path;
    }

    /// <summary>The full path of a folder under interop/, or null when the interop folder is absent (for fixtures, which cannot skip).</summary>
    public static string? FolderOrNull(string relative) => Root.Value is { } root && Directory.Exists(Path.Combine(root, relative)) ? Path.Combine(root, relative) : null;

    /// <summary>The full path of a folder under interop/, or the test is skipped when the interop folder is absent.</summary>
    public static string FolderOf(string relative)
    {
        var root = Root.Value;
        if (root is null)
        {
            Assert.Skip("../shared/interop/ is not beside this clone, so the official schemas are unavailable; CI always has it.");
        }

        var path = Path.Combine(root!, relative);
        Assert.True(Directory.Exists(path), $"{path} is missing from the interop folder.");
        return path;
    }
}
