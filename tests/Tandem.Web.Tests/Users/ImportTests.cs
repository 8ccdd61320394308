using System.Net;
using System.Text;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Users;

/// <summary>CSV imports are all-or-nothing with a row-by-row error report.</summary>
public sealed class ImportTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Gl_account_import_reports_every_bad_row_and_writes_nothing()
    {
        using var controller = await factory.ClientForAsync("controller");
        using var bad = await controller.PostAsync("/api/v1/gl-accounts/import", Csv("code,name,type\n7000,Freight,expense\n,No code,expense\n7001,Odd,spending\n7000,Again,expense\n"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await Json.ReadAsync(bad);
        var rows = problem["rowErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string)e["column"]!)).ToList();
        Assert.Equal([(2, "code"), (3, "type"), (4, "code")], rows);
        Assert.False(await factory.WithDbAsync(db => Task.FromResult(db.GlAccounts.Any(a => a.Code == "7000"))));

        using var good = await controller.PostAsync("/api/v1/gl-accounts/import", Csv("code,name,type,active\n7000,Freight,expense,yes\n\"6000\",\"Office Supplies, Paper\",expense,no\n"), Ct);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var report = await Json.ReadAsync(good);
        Assert.Equal((1, 1), ((int)report["created"]!, (int)report["updated"]!));
        var office = await factory.WithDbAsync(db => Task.FromResult(db.GlAccounts.Single(a => a.Code == "6000")));
        Assert.Equal(("Office Supplies, Paper", false), (office.Name, office.IsActive));
    }

    [Fact]
    public async Task User_import_creates_users_with_scoped_roles_and_managers()
    {
        using var admin = await factory.ClientForAsync("admin");
        const string file = "email,displayName,roles,managerEmail,password\n" +
            "lead@demo.tandem.dev,Lee Lead,approver@ENG requester,,a-strong-password\n" +
            "dev@demo.tandem.dev,Dana Dev,requester,lead@demo.tandem.dev,\n";
        using var dry = await admin.PostAsync("/api/v1/users/import?dryRun=true", Csv(file), Ct);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.False(await factory.WithDbAsync(db => Task.FromResult(db.Users.Any(u => u.Email == "lead@demo.tandem.dev"))));

        using var bad = await admin.PostAsync("/api/v1/users/import", Csv(file + "x@demo.tandem.dev,X,wizard@NOPE,,\n"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("wizard", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var ok = await admin.PostAsync("/api/v1/users/import", Csv(file), Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var (lead, dev) = await factory.WithDbAsync(async db =>
        {
            var users = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Users, u => u.Roles), Ct);
            return (users.Single(u => u.Email == "lead@demo.tandem.dev"), users.Single(u => u.Email == "dev@demo.tandem.dev"));
        });
        Assert.Equal(lead.Id, dev.ManagerId);
        var eng = await factory.WithDbAsync(db => Task.FromResult(db.Departments.Single(d => d.Code == "ENG").Id));
        Assert.Contains(lead.Roles, r => r.Role == "approver" && r.DepartmentId == eng);
        using var leadClient = await factory.SignedInClientAsync("lead@demo.tandem.dev", "a-strong-password");
        Assert.Equal(HttpStatusCode.OK, (await leadClient.GetAsync("/api/v1/me", Ct)).StatusCode);
    }
}
