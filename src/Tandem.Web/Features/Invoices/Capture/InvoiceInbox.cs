using Microsoft.EntityFrameworkCore;
using Tandem.Domain;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Auth;
using Tandem.Web.Platform.Data;
using Tandem.Web.Platform.Jobs;
using Tandem.Web.Platform.Xml;

namespace Tandem.Web.Features.Invoices.Capture;

/// <summary>
/// Machine delivery by folder: UBL invoices and credit notes dropped into <c>Invoices:Inbox:Folder</c> (a scanner
/// service, an access point, an SFTP drop) are received as the user <c>Invoices:Inbox:ReceivedBy</c> names (an AP
/// clerk; the audit says "invoice inbox"), exactly like an upload (<see cref="CaptureInvoice"/>). Each file is claimed
/// by renaming it into <c>processing/</c> (atomic, so two instances never take the same file), then moved to
/// <c>done/</c> or to <c>failed/</c> with a <c>.problem.txt</c> beside it giving every reason. Only <c>*.xml</c> files
/// that have not changed for <c>Invoices:Inbox:SettleSeconds</c> (default 5) are taken, so a file still being written
/// waits; a file left in <c>processing/</c> by a stopped instance goes back to the inbox after an hour (receiving the
/// same file twice is refused, so a retry never duplicates an invoice).
/// </summary>
public sealed class InvoiceInbox(IConfiguration configuration, TimeProvider clock)
{
    public const int FilesPerRun = 500;

    private static readonly TimeSpan StaleClaim = TimeSpan.FromHours(1);

    /// <summary>What one run did: files received, files refused (with reasons), files left for later.</summary>
    public sealed record RunResult(int Received, int Failed);

    public string? Folder => configuration["Invoices:Inbox:Folder"] is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

    public async Task<RunResult> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (Folder is not { } folder)
        {
            return new RunResult(0, 0);
        }

        var db = services.GetRequiredService<TandemDb>();
        var user = await ReceiverAsync(db, ct);
        services.GetRequiredService<ActorAccessor>().Current = new Actor(user.UserId, null, $"{user.DisplayName} (invoice inbox)", user.CompanyId);
        var schemas = services.GetRequiredService<UblSchemas>();
        var processing = Directory.CreateDirectory(Path.Combine(folder, "processing")).FullName;
        var done = Directory.CreateDirectory(Path.Combine(folder, "done")).FullName;
        var failed = Directory.CreateDirectory(Path.Combine(folder, "failed")).FullName;
        var now = clock.GetUtcNow().UtcDateTime;
        Reclaim(processing, folder, now);

        var settle = TimeSpan.FromSeconds(configuration.GetValue("Invoices:Inbox:SettleSeconds", 5));
        var candidates = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.TopDirectoryOnly)
            .Where(f => f.Extension.Equals(".xml", StringComparison.OrdinalIgnoreCase) && !f.Name.StartsWith('.') && now - f.LastWriteTimeUtc >= settle)
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).Take(FilesPerRun).ToList();
        int received = 0, refused = 0;
        foreach (var file in candidates)
        {
            var claimed = Path.Combine(processing, file.Name);
            if (!TryMove(file.FullName, claimed))
            {
                continue; // taken by another instance, or gone
            }

            var result = await ReceiveAsync(db, schemas, user, claimed, file.Name, ct);
            db.ChangeTracker.Clear();
            if (result.IsSuccess)
            {
                _ = TryMove(claimed, Free(done, file.Name));
                received++;
            }
            else
            {
                var target = Free(failed, file.Name);
                await File.WriteAllLinesAsync(target + ".problem.txt", [.. result.Errors.Select(e => $"{e.Code}: {e.Message}")], ct);
                _ = TryMove(claimed, target);
                refused++;
            }
        }

        return new RunResult(received, refused);
    }

    private static async Task<Result<InvoiceDocumentResponse>> ReceiveAsync(TandemDb db, UblSchemas schemas, CurrentUser user, string path, string name, CancellationToken ct)
    {
        if (new FileInfo(path).Length > SafeXml.MaxBytes)
        {
            return CaptureInvoice.TooLarge("The file");
        }

        return await CaptureInvoice.HandleAsync(db, schemas, user, name, await File.ReadAllBytesAsync(path, ct), "inbox", ct);
    }

    /// <summary>The configured receiver, who must be an active user allowed to enter invoices.</summary>
    private async Task<CurrentUser> ReceiverAsync(TandemDb db, CancellationToken ct)
    {
        var email = configuration["Invoices:Inbox:ReceivedBy"];
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new InvalidOperationException("Invoices:Inbox:Folder is set but Invoices:Inbox:ReceivedBy (the e-mail of the AP clerk files are received as) is not.");
        }

        // The same principal a request of that user would get: active, with current roles and scopes.
        var normalized = email.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        var principal = userId is { } id ? await UserPrincipals.LoadAsync(db, id, null, null, null, "invoice-inbox", ct) : null;
        var receiver = principal is null ? null : CurrentUser.From(principal);
        return receiver is not null && receiver.HasAnyRole(CreateInvoice.Clerks)
            ? receiver
            : throw new InvalidOperationException($"Invoices:Inbox:ReceivedBy is {email}, which is not an active user allowed to enter invoices ({string.Join(", ", CreateInvoice.Clerks)}).");
    }

    /// <summary>Files an instance claimed and never finished (it stopped) go back to the inbox.</summary>
    private static void Reclaim(string processing, string inbox, DateTime now)
    {
        foreach (var file in new DirectoryInfo(processing).EnumerateFiles())
        {
            if (now - file.LastWriteTimeUtc > StaleClaim)
            {
                _ = TryMove(file.FullName, Free(inbox, file.Name));
            }
        }
    }

    /// <summary>A path in <paramref name="folder"/> for <paramref name="name"/> that no file has yet (name-2.xml, name-3.xml …).</summary>
    private static string Free(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        for (var n = 2; File.Exists(path) || File.Exists(path + ".problem.txt"); n++)
        {
            path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(name)}-{n}{Path.GetExtension(name)}");
        }

        return path;
    }

    private static bool TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

/// <summary>Polls the invoice inbox folder (when one is configured), on one instance at a time.</summary>
public sealed class InvoiceInboxJob : IScheduledJob
{
    public string Name => "invoice-inbox";

    public TimeSpan Interval => TimeSpan.FromSeconds(30);

    public Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<InvoiceInbox>().RunAsync(services, ct);
}
