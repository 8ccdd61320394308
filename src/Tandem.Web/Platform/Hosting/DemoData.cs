using Microsoft.AspNetCore.Identity;
using Tandem.Domain.Organization;
using Tandem.Web.Features.Approvals;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Users;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Platform.Hosting;

/// <summary>
/// A realistic demo company so a newcomer can click through at once: departments with managers, locations, cost
/// centers, projects, a chart of ~30 accounts, one sign-in per persona, a catalog and this year's budgets. Never seeded in production
/// (only on the first run of the default SQLite database, or by `tandem seed --demo`).
/// </summary>
public static class DemoData
{
    public const string CompanyCode = "DEMO";
    public const string Password = "tandem-demo-2026";

    public sealed record Person(string Email, string Name, string[] Roles, string? ManagesDepartment, long? ApprovalLimitDollars);

    public static IReadOnlyList<Person> People { get; } =
    [
        new("admin@demo.tandem.dev", "Avery Admin", [Role.Admin], null, null),
        new("controller@demo.tandem.dev", "Casey Controller", [Role.Controller, Role.Approver], "FIN", 250_000),
        new("buyer@demo.tandem.dev", "Blake Buyer", [Role.Buyer, Role.Requester], null, null),
        new("approver@demo.tandem.dev", "Alex Approver", [Role.Approver, Role.Requester], "ENG", 25_000),
        new("requester@demo.tandem.dev", "Riley Requester", [Role.Requester], null, null),
        new("receiver@demo.tandem.dev", "Robin Receiver", [Role.Receiver, Role.Requester], null, null),
        new("ap@demo.tandem.dev", "Jordan Payables", [Role.ApClerk], null, null),
    ];

    private static readonly (string Code, string Name)[] Departments =
    [
        ("ENG", "Engineering"), ("OPS", "Operations"), ("FIN", "Finance"), ("MKT", "Marketing"),
        ("IT", "Information Technology"), ("HR", "People & HR"), ("FAC", "Facilities"),
    ];

    private static readonly (string Code, string Name, string Address, string City, string Postal, string Country)[] Locations =
    [
        ("HQ", "Headquarters", "350 Fifth Avenue", "New York", "10118", "US"),
        ("NWK", "Newark Warehouse", "1 Port Street", "Newark", "07114", "US"),
        ("SFO", "San Francisco Office", "101 Market Street", "San Francisco", "94105", "US"),
    ];

    private static readonly (string Code, string Name, string? Department)[] CostCenters =
    [
        ("CC-100", "Corporate", "FIN"), ("CC-200", "Product Development", "ENG"), ("CC-210", "Research Lab", "ENG"),
        ("CC-300", "Fulfilment", "OPS"), ("CC-400", "Brand & Demand", "MKT"), ("CC-500", "IT Infrastructure", "IT"),
        ("CC-600", "Workplace", "FAC"),
    ];

    private static readonly (string Code, string Name, GlAccountType Type)[] Accounts =
    [
        ("1000", "Cash at Bank", GlAccountType.Asset), ("1200", "Accounts Receivable", GlAccountType.Asset),
        ("1300", "Inventory", GlAccountType.Asset), ("1400", "Prepaid Expenses", GlAccountType.Asset),
        ("1500", "Computer Equipment", GlAccountType.Asset), ("1510", "Furniture & Fixtures", GlAccountType.Asset),
        ("1520", "Machinery", GlAccountType.Asset), ("2000", "Accounts Payable", GlAccountType.Liability),
        ("2100", "Accrued Liabilities (GRNI)", GlAccountType.Liability), ("2200", "Sales Tax Payable", GlAccountType.Liability),
        ("2300", "VAT Input Recoverable", GlAccountType.Asset), ("3000", "Share Capital", GlAccountType.Equity),
        ("3100", "Retained Earnings", GlAccountType.Equity), ("4000", "Revenue", GlAccountType.Revenue),
        ("4900", "Early Payment Discounts Received", GlAccountType.Revenue), ("5000", "Cost of Goods Sold", GlAccountType.Expense),
        ("5100", "Raw Materials", GlAccountType.Expense), ("5200", "Freight In", GlAccountType.Expense),
        ("6000", "Office Supplies", GlAccountType.Expense), ("6010", "Printing & Stationery", GlAccountType.Expense),
        ("6100", "Software Subscriptions", GlAccountType.Expense), ("6110", "IT Hardware (expensed)", GlAccountType.Expense),
        ("6200", "Professional Services", GlAccountType.Expense), ("6210", "Legal Fees", GlAccountType.Expense),
        ("6300", "Travel", GlAccountType.Expense), ("6310", "Meals & Entertainment", GlAccountType.Expense),
        ("6400", "Marketing & Advertising", GlAccountType.Expense), ("6500", "Facilities & Maintenance", GlAccountType.Expense),
        ("6510", "Rent", GlAccountType.Expense), ("6520", "Utilities", GlAccountType.Expense),
        ("6600", "Training", GlAccountType.Expense), ("6700", "Lab Consumables", GlAccountType.Expense),
        ("6800", "Bank Fees", GlAccountType.Expense),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TandemDb>();
        var users = services.GetRequiredService<UserManager<User>>();
        var now = db.Clock.GetUtcNow();
        Guid NewId() => Ids.New(now);
        var company = new Company
        {
            Id = NewId(),
            Code = CompanyCode,
            Name = "Acme Industries (demo)",
            BaseCurrency = "USD",
            TimeZone = "America/New_York",
            FiscalYearStartMonth = 1,
            CreatedAtUtc = now.UtcDateTime,
        };
        db.Companies.Add(company);
        var departments = Departments.ToDictionary(d => d.Code, d => new Department { Id = NewId(), CompanyId = company.Id, Code = d.Code, Name = d.Name });
        db.Departments.AddRange(departments.Values);
        db.Locations.AddRange(Locations.Select(l => new Location
        {
            Id = NewId(),
            CompanyId = company.Id,
            Code = l.Code,
            Name = l.Name,
            AddressLine = l.Address,
            City = l.City,
            PostalCode = l.Postal,
            Country = l.Country,
        }));
        db.CostCenters.AddRange(CostCenters.Select(c => new CostCenter
        {
            Id = NewId(),
            CompanyId = company.Id,
            Code = c.Code,
            Name = c.Name,
            DepartmentId = c.Department is null ? null : departments[c.Department].Id,
        }));
        db.Projects.AddRange(
            new Project { Id = NewId(), CompanyId = company.Id, Code = "PRJ-ERP", Name = "ERP Migration", StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2027, 6, 30) },
            new Project { Id = NewId(), CompanyId = company.Id, Code = "PRJ-LAB", Name = "New Research Lab", StartsOn = new DateOnly(2026, 3, 1) });
        db.GlAccounts.AddRange(Accounts.Select(a => new GlAccount { Id = NewId(), CompanyId = company.Id, Code = a.Code, Name = a.Name, Type = a.Type }));
        db.BankAccounts.AddRange(
            new Features.Payments.BankAccount
            {
                Id = NewId(),
                CompanyId = company.Id,
                Name = "Operating (USD)",
                Currency = "USD",
                AccountHolder = company.Name,
                AccountNumber = "000987654321",
                RoutingNumber = "026009593",
                Masked = "•••• 4321 (routing 026009593)",
                FileFormat = Features.Payments.PaymentFiles.Pain001V09,
            },
            new Features.Payments.BankAccount
            {
                Id = NewId(),
                CompanyId = company.Id,
                Name = "Euro account",
                Currency = "EUR",
                AccountHolder = company.Name,
                Iban = "DE75512108001245126199",
                Bic = "DEUTDEFFXXX",
                Masked = "DE •••• 6199 / DEUTDEFFXXX",
                FileFormat = Features.Payments.PaymentFiles.Pain001V03,
            });
        await db.SaveChangesAsync(ct);

        Guid? controllerId = null;
        Guid? adminId = null;
        foreach (var person in People)
        {
            var user = new User
            {
                Id = NewId(),
                CompanyId = company.Id,
                Email = person.Email,
                UserName = person.Email,
                DisplayName = person.Name,
                EmailConfirmed = true,
                CreatedAtUtc = now.UtcDateTime,
                LockoutEnabled = true,
                ApprovalLimitMinor = person.ApprovalLimitDollars * 100,
                ApprovalLimitCurrency = person.ApprovalLimitDollars is null ? null : "USD",
                // Everyone reports to the controller, except the requester, who works for the Engineering manager.
                ManagerId = person.Roles.Contains(Role.Admin) || person.Roles.Contains(Role.Controller) ? null
                    : person.Email.StartsWith("requester@", StringComparison.Ordinal) ? departments["ENG"].ManagerId ?? controllerId : controllerId,
            };
            // The demo requester works in Engineering, so the lab catalog (curated for Engineering) is theirs.
            var scope = person.Email.StartsWith("requester@", StringComparison.Ordinal) ? departments["ENG"].Id : (Guid?)null;
            user.Roles.AddRange(person.Roles.Select(r => new RoleAssignment { Id = NewId(), UserId = user.Id, Role = r, DepartmentId = scope }));
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo user could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            if (person.Roles.Contains(Role.Controller))
            {
                controllerId = user.Id;
            }

            if (person.Roles.Contains(Role.Admin))
            {
                adminId = user.Id;
            }

            if (person.ManagesDepartment is { } managed)
            {
                departments[managed].ManagerId = user.Id;
            }
        }

        db.ApprovalPolicyVersions.Add(new ApprovalPolicyVersion
        {
            Id = NewId(),
            CompanyId = company.Id,
            Number = 1,
            Document = PolicyDocument.Starter().Serialize(),
            CreatedById = adminId,
            CreatedAtUtc = now.UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        var departmentIds = departments.ToDictionary(d => d.Key, d => d.Value.Id);
        await DemoCatalog.SeedAsync(db, company.Id, adminId!.Value, departmentIds, ct);
        await DemoBudgets.SeedAsync(db, company.Id, departmentIds, controllerId!.Value, ct);
    }
}
