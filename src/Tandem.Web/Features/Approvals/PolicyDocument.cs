using System.Text.Json;
using Tandem.Domain.Approvals;
using Tandem.Domain.Money;
using Tandem.Domain.Requisitions;
using Tandem.Web.Platform.Api;

namespace Tandem.Web.Features.Approvals;

public sealed record ToleranceDto(string? Percent, string? Amount);

public sealed record ApproverDto(string? Kind, Guid? UserId, string? Role);

public sealed record StepDto(int? Level, string? Mode, int? DueBusinessDays, IReadOnlyList<ApproverDto>? Approvers);

public sealed record ConditionDto(
    string? MinAmount, string? MaxAmount, IReadOnlyList<Guid>? DepartmentIds, IReadOnlyList<Guid>? LocationIds, IReadOnlyList<Guid>? CategoryIds,
    IReadOnlyList<Guid>? VendorIds, IReadOnlyList<Guid>? GlAccountIds, IReadOnlyList<string>? Flags, IReadOnlyList<string>? BudgetStates);

public sealed record RuleDto(string? Name, ConditionDto? When, IReadOnlyList<StepDto>? Steps);

/// <summary>
/// The approval policy as admins edit it and the API carries it (amounts as decimal text in the company currency, enum
/// names in camelCase). Stored as JSON on each <see cref="ApprovalPolicyVersion"/>; compiled to the domain's
/// <see cref="ApprovalPolicy"/> for routing.
/// </summary>
public sealed record PolicyDocument(
    string? AutoApproveBelow, string? SelfApproval, Guid? EscalationApproverId, int? EscalateAfterBusinessDays, ToleranceDto? Tolerance,
    IReadOnlyList<string>? BlockingFlags, IReadOnlyList<RuleDto>? Rules)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static PolicyDocument Deserialize(string json) => JsonSerializer.Deserialize<PolicyDocument>(json, Json)!;

    private static readonly JsonSerializerOptions Indented = new(Json) { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The document as the policy editor shows it: indented, without empty fields.</summary>
    public string ToEditorJson() => JsonSerializer.Serialize(this, Indented);

    /// <summary>Reads a document typed into the editor; malformed JSON is an error on <paramref name="field"/> with its line.</summary>
    public static PolicyDocument? Parse(Validator v, string? json, string field)
    {
        ArgumentNullException.ThrowIfNull(v);
        try
        {
            var document = string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<PolicyDocument>(json, Json);
            if (document is null)
            {
                v.Add(field, "required", $"{field} must be a policy document (a JSON object).");
            }

            return document;
        }
        catch (JsonException e)
        {
            v.Add(field, "malformed_json", $"{field} is not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message.Split(" Path:")[0]}");
            return null;
        }
    }

    /// <summary>Checks the document field by field and builds the policy; errors carry JSON paths ("rules[2].steps[0].mode").</summary>
    public CompiledPolicy? Compile(Validator v, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(v);
        var threshold = Amount(v, AutoApproveBelow ?? "0", currency, "autoApproveBelow") ?? 0;
        var self = SelfApproval is null ? SelfApprovalFallback.NextManager : v.Enum<SelfApprovalFallback>(SelfApproval, "selfApproval");
        var escalateAfter = EscalateAfterBusinessDays ?? 1;
        v.Range(escalateAfter, "escalateAfterBusinessDays", 1, 60);
        int? basisPoints = null;
        if (!string.IsNullOrWhiteSpace(Tolerance?.Percent))
        {
            var percent = v.Number(Tolerance.Percent, "tolerance.percent");
            if (percent is < 0 or > 1000 || (percent is { } p && p * 100 != decimal.Truncate(p * 100)))
            {
                v.Add("tolerance.percent", "out_of_range", "tolerance.percent must be between 0 and 1000 with at most 2 decimals.");
            }
            else if (percent is { } ok)
            {
                basisPoints = (int)(ok * 100);
            }
        }

        var toleranceAmount = string.IsNullOrWhiteSpace(Tolerance?.Amount) ? null : Amount(v, Tolerance.Amount, currency, "tolerance.amount");
        var blocking = (BlockingFlags ?? []).Select((f, i) => v.Enum<PolicyFlag>(f, $"blockingFlags[{i}]")).ToHashSet();
        var rules = (Rules ?? []).Select((r, i) => CompileRule(v, r, currency, $"rules[{i}]")).ToList();
        if (!v.IsValid)
        {
            return null;
        }

        var policy = new ApprovalPolicy(rules, threshold, self, EscalationApproverId);
        return new CompiledPolicy(policy, new ReapprovalTolerance(basisPoints, toleranceAmount), blocking, escalateAfter);
    }

    private static ApprovalRule CompileRule(Validator v, RuleDto rule, Currency currency, string at)
    {
        var when = rule.When ?? new ConditionDto(null, null, null, null, null, null, null, null, null);
        var condition = new RuleCondition(
            string.IsNullOrWhiteSpace(when.MinAmount) ? null : Amount(v, when.MinAmount, currency, $"{at}.when.minAmount"),
            string.IsNullOrWhiteSpace(when.MaxAmount) ? null : Amount(v, when.MaxAmount, currency, $"{at}.when.maxAmount"),
            when.DepartmentIds, when.LocationIds, when.CategoryIds, when.VendorIds, when.GlAccountIds,
            when.Flags?.Select((f, i) => v.Enum<PolicyFlag>(f, $"{at}.when.flags[{i}]")).ToList(),
            when.BudgetStates?.Select((s, i) => v.Enum<BudgetState>(s, $"{at}.when.budgetStates[{i}]")).ToList());
        var steps = (rule.Steps ?? []).Select((s, i) =>
        {
            var path = $"{at}.steps[{i}]";
            var mode = s.Mode is null ? ApprovalMode.AnyOf : v.Enum<ApprovalMode>(s.Mode, $"{path}.mode");
            var approvers = (s.Approvers ?? []).Select((a, j) =>
                new ApproverSpec(v.Enum<ApproverKind>(a.Kind, $"{path}.approvers[{j}].kind"), a.UserId, a.Role)).ToList();
            return new StepTemplate(s.Level ?? 0, mode, approvers, s.DueBusinessDays ?? 2);
        }).ToList();
        return new ApprovalRule(rule.Name?.Trim() ?? "", condition, steps);
    }

    private static long? Amount(Validator v, string text, Currency currency, string field) =>
        Money.TryParse(text, currency, out var money) && !money.IsNegative
            ? money.Minor
            : Fail(v, field, $"{field} must be a non-negative amount in {currency.Code} with at most {currency.MinorDigits} decimals.");

    private static long? Fail(Validator v, string field, string message)
    {
        v.Add(field, "invalid_amount", message);
        return null;
    }

    /// <summary>The policy a company starts with: the worked example of the product (see docs/approvals.md).</summary>
    public static PolicyDocument Starter(Guid? controllerFallback = null) => new(
        "500.00", "nextManager", controllerFallback, 1, new ToleranceDto("5", null), ["missingGlAccount"],
        [
            new RuleDto("Non-catalog purchase", new ConditionDto(null, null, null, null, null, null, null, ["nonCatalog"], null),
                [new StepDto(10, "anyOf", 2, [new ApproverDto("role", null, "buyer")])]),
            new RuleDto("Department spend", new ConditionDto("500.00", "4999.99", null, null, null, null, null, null, null),
                [new StepDto(20, "anyOf", 2, [new ApproverDto("departmentManager", null, null)])]),
            new RuleDto("Large spend", new ConditionDto("5000.00", null, null, null, null, null, null, null, null),
                [new StepDto(20, "anyOf", 2, [new ApproverDto("departmentManager", null, null)]), new StepDto(30, "anyOf", 2, [new ApproverDto("role", null, "controller")])]),
        ]);

    /// <summary>
    /// The first invoice policy: an invoice without a purchase order goes to its department's manager, and from
    /// 5,000.00 also to a controller. Nothing is approved without a person.
    /// </summary>
    public static PolicyDocument InvoiceStarter() => new(
        "0.00", "nextManager", null, 1, new ToleranceDto("0", null), [],
        [
            new RuleDto("Non-PO invoice", new ConditionDto("0.00", null, null, null, null, null, null, null, null),
                [new StepDto(20, "anyOf", 2, [new ApproverDto("departmentManager", null, null)])]),
            new RuleDto("Large non-PO invoice", new ConditionDto("5000.00", null, null, null, null, null, null, null, null),
                [new StepDto(30, "anyOf", 2, [new ApproverDto("role", null, "controller")])]),
        ]);
}

/// <summary>A policy ready to route with, plus the settings that travel with it.</summary>
public sealed record CompiledPolicy(ApprovalPolicy Policy, ReapprovalTolerance Tolerance, IReadOnlySet<PolicyFlag> BlockingFlags, int EscalateAfterBusinessDays);
