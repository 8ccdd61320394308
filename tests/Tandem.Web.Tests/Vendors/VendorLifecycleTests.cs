using System.Net;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Vendors;

/// <summary>Onboarding: the lifecycle, the checklist, the two-person approval rule, duplicates, audit.</summary>
public sealed class VendorLifecycleTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_buyer_and_a_controller_activate_a_vendor_requested_by_someone_else()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        using var controller = await factory.ClientForAsync("controller");
        var vendor = await VendorSteps.CreateAsync(buyer, "LIFE1", requestedBy: await VendorSteps.UserIdAsync(factory, "requester"));
        var id = (string)vendor["id"]!;
        Assert.Equal("prospect", (string?)vendor["status"]);
        Assert.Equal("2/10 net 30", (string?)vendor["paymentTerms"]!["text"]);
        Assert.False((bool)vendor["canReceiveNewOrders"]!);

        // Straight to active is not a transition anyone can make.
        using var skip = await VendorSteps.SetStatusAsync(buyer, id, "active");
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);

        using var submitted = await VendorSteps.SetStatusAsync(buyer, id, "inReview");
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await VendorSteps.SignOffAsync(buyer, id)).StatusCode);
        using var early = await VendorSteps.SignOffAsync(controller, id);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("Insurance certificate (missing)", (string?)(await Json.ReadAsync(early))["detail"], StringComparison.Ordinal);

        await VendorSteps.CompleteChecklistAsync(buyer, controller, id);
        var checklist = await Json.ReadAsync(await buyer.GetAsync($"/api/v1/vendors/{id}/checklist", Ct));
        Assert.True((bool)checklist["complete"]!);

        using var twice = await VendorSteps.SignOffAsync(buyer, id);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        using var activated = await VendorSteps.SignOffAsync(controller, id);
        var active = await Json.ReadAsync(activated);
        Assert.Equal("active", (string?)active["status"]);
        Assert.True((bool)active["canReceiveNewOrders"]!);
        Assert.Equal(2, active["signOffs"]!.AsArray().Count);

        // On hold keeps open orders but takes no new ones; release needs the checklist still complete.
        using var noReason = await VendorSteps.SetStatusAsync(buyer, id, "onHold", reason: null);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await Json.ErrorFieldsAsync(noReason));
        var held = await Json.ReadAsync(await VendorSteps.SetStatusAsync(controller, id, "onHold", "Quality complaint"));
        Assert.False((bool)held["canReceiveNewOrders"]!);
        Assert.True((bool)held["canBePaid"]!);
        Assert.Equal("active", (string?)(await Json.ReadAsync(await VendorSteps.SetStatusAsync(buyer, id, "active", "Resolved")))["status"]);
        var blocked = await Json.ReadAsync(await VendorSteps.SetStatusAsync(controller, id, "blocked", "Sanctions list"));
        Assert.False((bool)blocked["canBePaid"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await VendorSteps.SetStatusAsync(buyer, id, "active", "try")).StatusCode);

        using var admin = await factory.ClientForAsync("admin");
        var audit = await Json.ReadAsync(await admin.GetAsync($"/api/v1/audit?entityType=Vendor&entityId={id}", Ct));
        var reasons = audit["items"]!.AsArray().Select(e => (string?)e!["after"]).ToList();
        Assert.Contains(reasons, r => r is not null && r.Contains("Sanctions list", StringComparison.Ordinal) && r.Contains("blocked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_requester_of_a_vendor_cannot_approve_it_and_one_person_cannot_sign_twice()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        using var controller = await factory.ClientForAsync("controller");
        // The buyer creates it for themself: they are its requester and may not sign off.
        var own = await VendorSteps.CreateAsync(buyer, "SELF1");
        var ownId = (string)own["id"]!;
        await VendorSteps.CompleteChecklistAsync(buyer, controller, ownId);
        await VendorSteps.SetStatusAsync(buyer, ownId, "inReview");
        using var self = await VendorSteps.SignOffAsync(buyer, ownId);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal("vendor.self_approval", (string?)(await Json.ReadAsync(self))["code"]);

        // Someone holding both roles signs once; the second sign-off must be another person's.
        using var admin = await factory.ClientForAsync("admin");
        using var created = await admin.PostAsync("/api/v1/users", Json.Body("""
            {"email":"both@demo.tandem.dev","displayName":"Bo Both","password":"long-enough-password","roles":[{"role":"buyer"},{"role":"controller"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var both = await factory.ClientForAsync("both");
        var other = await VendorSteps.CreateAsync(buyer, "TWO1", requestedBy: await VendorSteps.UserIdAsync(factory, "requester"));
        var otherId = (string)other["id"]!;
        await VendorSteps.CompleteChecklistAsync(buyer, controller, otherId);
        await VendorSteps.SetStatusAsync(buyer, otherId, "inReview");
        using var ambiguous = await VendorSteps.SignOffAsync(both, otherId);
        Assert.Contains("capacity", await Json.ErrorFieldsAsync(ambiguous));
        Assert.Equal(HttpStatusCode.OK, (await VendorSteps.SignOffAsync(both, otherId, "buyer")).StatusCode);
        using var again = await VendorSteps.SignOffAsync(both, otherId, "controller");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("vendor.second_person_required", (string?)(await Json.ReadAsync(again))["code"]);
        Assert.Equal("active", (string?)(await Json.ReadAsync(await VendorSteps.SignOffAsync(controller, otherId)))["status"]);

        // A document is reviewed by someone other than its uploader.
        var types = await VendorSteps.DocumentTypesAsync(buyer);
        var doc = await Json.ReadAsync(await VendorSteps.UploadAsync(buyer, otherId, types["COC"], VendorSteps.Pdf));
        using var selfReview = await buyer.PostAsync($"/api/v1/vendors/{otherId}/documents/{doc["id"]}/review", Json.Body("""{"decision":"accept"}"""), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, selfReview.StatusCode);
        using var rejectWithoutNote = await controller.PostAsync($"/api/v1/vendors/{otherId}/documents/{doc["id"]}/review", Json.Body("""{"decision":"reject"}"""), Ct);
        Assert.Contains("note", await Json.ErrorFieldsAsync(rejectWithoutNote));
    }

    [Fact]
    public async Task Duplicate_tax_ids_are_refused_and_similar_names_warned()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        await VendorSteps.CreateAsync(buyer, "DUP1", taxId: "GB 123 4567 89", legalName: "Brightside Stationers Ltd");
        using var sameTax = await buyer.PostAsync("/api/v1/vendors", Json.Body("""
            {"code":"DUP2","legalName":"Other Name","taxId":"gb123456789","country":"GB","defaultCurrency":"GBP"}
            """), Ct);
        Assert.Equal(HttpStatusCode.Conflict, sameTax.StatusCode);
        Assert.Contains("taxId", await Json.ErrorFieldsAsync(sameTax));

        var similar = await VendorSteps.CreateAsync(buyer, "DUP3", legalName: "Brightside Stationers Limited");
        Assert.Contains("DUP1", (string?)similar["warnings"]![0], StringComparison.Ordinal);
        var check = await Json.ReadAsync(await buyer.GetAsync("/api/v1/vendors/duplicates?legalName=Brightside%20Stationers&country=GB", Ct));
        Assert.Equal(2, check.AsArray().Count);
        var differentCountry = await VendorSteps.CreateAsync(buyer, "DUP4", legalName: "Globex Corporation");
        Assert.Empty(differentCountry["warnings"]!.AsArray());
    }

    [Fact]
    public async Task Bad_vendor_input_names_the_fields()
    {
        using var buyer = await factory.ClientForAsync("buyer");
        using var bad = await buyer.PostAsync("/api/v1/vendors", Json.Body("""
            {"code":"BAD 1","legalName":"","country":"Germany","defaultCurrency":"EUX","paymentTerms":{"netDays":30,"discountPercent":120,"discountDays":10},
             "addresses":[{"kind":"home","line1":"x","city":"y","country":"DE"}],"contacts":[{"name":"A","email":"not-an-email"}],
             "bank":{"accountHolder":"X","iban":"DE89 3704 0044 0532 0130 01"}}
            """), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var fields = await Json.ErrorFieldsAsync(bad);
        foreach (var f in new[] { "code", "legalName", "country", "defaultCurrency", "paymentTerms.discountPercent", "addresses[0].kind", "contacts[0].email" })
        {
            Assert.Contains(f, fields);
        }

        using var badIban = await buyer.PostAsync("/api/v1/vendors", Json.Body("""
            {"code":"BAD2","legalName":"Bad Bank","country":"DE","defaultCurrency":"EUR","bank":{"accountHolder":"X","iban":"DE89 3704 0044 0532 0130 01"}}
            """), Ct);
        Assert.Equal(["bank.iban"], await Json.ErrorFieldsAsync(badIban));
        Assert.Equal(0, await factory.WithDbAsync(db => Task.FromResult(db.Vendors.Count(v => v.Code == "BAD2"))));

        var vendor = await VendorSteps.CreateAsync(buyer, "UPL1");
        var types = await VendorSteps.DocumentTypesAsync(buyer);
        using var exe = await VendorSteps.UploadAsync(buyer, (string)vendor["id"]!, types["TAX"], "MZ\x90\0 not a pdf"u8.ToArray(), "tax.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Contains("PDF, PNG or JPEG", await exe.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var huge = await VendorSteps.UploadAsync(buyer, (string)vendor["id"]!, types["TAX"], [.. VendorSteps.Pdf, .. new byte[11 * 1024 * 1024]]);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("file", await Json.ErrorFieldsAsync(huge));
        using var noExpiry = await VendorSteps.UploadAsync(buyer, (string)vendor["id"]!, types["COI"], VendorSteps.Pdf);
        Assert.Contains("expiresOn", await Json.ErrorFieldsAsync(noExpiry));
        Assert.Equal(0, await factory.WithDbAsync(db => Task.FromResult(db.VendorDocuments.Count(d => d.VendorId == Guid.Parse((string)vendor["id"]!)))));
    }

    [Fact]
    public async Task Requesters_cannot_read_the_vendor_master_and_bank_details_are_masked_except_for_controllers()
    {
        using var requester = await factory.ClientForAsync("requester");
        Assert.Equal(HttpStatusCode.Forbidden, (await requester.GetAsync("/api/v1/vendors", Ct)).StatusCode);
        using var ap = await factory.ClientForAsync("ap");
        using var controller = await factory.ClientForAsync("controller");
        var list = await Json.ReadAsync(await ap.GetAsync("/api/v1/vendors?q=PAPERLINE", Ct));
        var id = (string)list["items"]![0]!["id"]!;
        var masked = await Json.ReadAsync(await ap.GetAsync($"/api/v1/vendors/{id}", Ct));
        Assert.Null((string?)masked["bank"]!["accountNumber"]);
        Assert.StartsWith("•••• 6789", (string?)masked["bank"]!["masked"], StringComparison.Ordinal);
        var full = await Json.ReadAsync(await controller.GetAsync($"/api/v1/vendors/{id}", Ct));
        Assert.Equal("000123456789", (string?)full["bank"]!["accountNumber"]);
    }
}
