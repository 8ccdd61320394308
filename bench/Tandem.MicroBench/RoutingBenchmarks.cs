using BenchmarkDotNet.Attributes;
using Tandem.Domain.Approvals;
using Tandem.Domain.Money;
using Tandem.Domain.Organization;
using Tandem.Domain.Requisitions;

namespace Tandem.MicroBench;

/// <summary>
/// The approval route of one request under a 200-rule policy (amount bands × departments × categories × flags, three
/// approver kinds) over an organisation of 2,000 people and 50 departments; a mix of 1,000 requests taken in turn.
/// </summary>
public class RoutingBenchmarks
{
    private ApprovalPolicy _policy = null!;
    private OrgSnapshot _org = null!;
    private RouteFacts[] _requests = [];
    private int _next;

    [Params(20, 200)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var departments = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        var categories = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToArray();
        var people = Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid()).ToArray();
        var managers = new Dictionary<Guid, Guid>();
        var limits = new Dictionary<Guid, long>();
        for (var i = 1; i < people.Length; i++)
        {
            managers[people[i]] = people[(i - 1) / 8]; // an 8-wide tree, about 4 levels deep
            limits[people[i]] = 100_000_000 / (1 + (int)Math.Log(i + 1, 8));
        }

        limits[people[0]] = long.MaxValue;
        var roles = people.Select((p, i) => new RoleHolder(p, Role.All[i % Role.All.Count], i % 3 == 0 ? null : departments[i % departments.Length], null)).ToList();
        _org = new OrgSnapshot(
            people.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => $"Person {x.i}"), managers, limits,
            departments.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => people[1 + x.i]), roles,
            departments.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => $"Department {x.i}"));
        var kinds = new[] { ApproverKind.DepartmentManager, ApproverKind.Role, ApproverKind.ManagerChain };
        var rules = Enumerable.Range(0, Rules).Select(i =>
        {
            var low = random.Next(0, 20) * 100_000L;
            var when = new RuleCondition(
                MinAmountMinor: low, MaxAmountMinor: low + (random.Next(1, 10) * 100_000L),
                DepartmentIds: i % 2 == 0 ? [departments[random.Next(departments.Length)], departments[random.Next(departments.Length)]] : null,
                CategoryIds: i % 3 == 0 ? [categories[random.Next(categories.Length)]] : null,
                AnyFlags: i % 7 == 0 ? [PolicyFlag.NonCatalog] : null);
            return new ApprovalRule($"Rule {i}", when, [new StepTemplate(1 + (i % 5 * 10), ApprovalMode.AnyOf, [new ApproverSpec(kinds[i % kinds.Length], Role: Role.Controller)])]);
        }).ToList();
        _policy = new ApprovalPolicy(rules, 50_000);
        _requests = [.. Enumerable.Range(0, 1000).Select(_ => new RouteFacts(
            new Money(random.Next(1_000, 2_500_000), Currency.Usd), people[random.Next(50, people.Length)],
            new HashSet<Guid> { departments[random.Next(departments.Length)] }, new HashSet<Guid>(), new HashSet<Guid> { categories[random.Next(categories.Length)] },
            new HashSet<Guid>(), new HashSet<Guid>(), random.Next(4) == 0 ? new HashSet<PolicyFlag> { PolicyFlag.NonCatalog } : new HashSet<PolicyFlag>(),
            new HashSet<BudgetState>(), []))];
    }

    [Benchmark]
    public int RouteOneRequest() => RouteEngine.Evaluate(_policy, _requests[_next++ % _requests.Length], _org).Steps.Count;
}
