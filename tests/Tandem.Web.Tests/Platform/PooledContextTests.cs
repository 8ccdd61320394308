using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Audit;
using Tandem.Web.Platform.Data;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Platform;

/// <summary>A pooled context (ADR 0027) starts every unit of work clean: nothing of the previous scope's actor, reads or changes.</summary>
public sealed class PooledContextTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_context_back_from_the_pool_remembers_nothing_of_its_last_unit_of_work()
    {
        TandemDb first;
        Guid companyId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorAccessor>().Current = new Actor(Guid.NewGuid(), null, "someone");
            first = scope.ServiceProvider.GetRequiredService<TandemDb>();
            companyId = await first.Companies.Select(c => c.Id).FirstAsync(Ct);
            Assert.Equal("someone", first.Actor.Name);
            CompanyClock.Remember(first, companyId, new CompanySettings("XXX", "UTC", 1));
            first.ExchangeRates.Add(new ExchangeRate { Id = Guid.NewGuid(), CompanyId = companyId, Currency = "CHF", ValidFrom = new DateOnly(2026, 1, 1), RateUnits = ExchangeRate.Scale });
            Assert.Single(first.Unsaved<ExchangeRate>());
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<TandemDb>();
            Assert.Same(first, second); // rented again, not built anew
            Assert.Equal("system", second.Actor.Name);
            Assert.Empty(second.ChangeTracker.Entries());
            Assert.Empty(second.Unsaved<ExchangeRate>());
            Assert.NotEqual("XXX", (await CompanyClock.SettingsAsync(second, companyId, Ct)).BaseCurrency);
        }
    }
}
