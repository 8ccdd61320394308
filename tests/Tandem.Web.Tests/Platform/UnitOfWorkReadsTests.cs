using Microsoft.EntityFrameworkCore;
using Tandem.Domain.Payments;
using Tandem.Web.Features.Organization;
using Tandem.Web.Features.Payments;
using Tandem.Web.Platform.Data;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Platform;

/// <summary>Settings a unit of work reads once are read again after it saves a change to them, and never go stale in it.</summary>
public sealed class UnitOfWorkReadsTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settings_and_rates_read_once_are_read_again_after_a_change_saved_in_the_same_unit_of_work()
    {
        await factory.WithDbAsync(async db =>
        {
            var companyId = await db.Companies.Select(c => c.Id).FirstAsync(Ct);
            var today = await CompanyClock.TodayAsync(db, companyId, Ct);

            var before = await PaymentSettings.ForAsync(db, companyId, Ct);
            Assert.Same(before, await PaymentSettings.ForAsync(db, companyId, Ct));
            var row = await db.PaymentSettings.SingleOrDefaultAsync(s => s.CompanyId == companyId, Ct);
            if (row is null)
            {
                row = PaymentSettings.Default(companyId);
                db.PaymentSettings.Add(row);
            }

            row.WeekendRule = before.WeekendRule == WeekendRule.Keep ? WeekendRule.PreviousBusinessDay : WeekendRule.Keep;
            await db.SaveChangesAsync(Ct);
            Assert.Equal(row.WeekendRule, (await PaymentSettings.ForAsync(db, companyId, Ct)).WeekendRule);

            Assert.False((await Rates.LatestAsync(db, companyId, today, Ct)).ContainsKey("CHF"));
            db.ExchangeRates.Add(new ExchangeRate { Id = Guid.NewGuid(), CompanyId = companyId, Currency = "CHF", ValidFrom = today, RateUnits = 11 * ExchangeRate.Scale / 10 });
            await db.SaveChangesAsync(Ct);
            Assert.Equal(11 * ExchangeRate.Scale / 10, (await Rates.LatestAsync(db, companyId, today, Ct))["CHF"]);

            var company = await db.Companies.SingleAsync(c => c.Id == companyId, Ct);
            var zone = company.TimeZone;
            company.TimeZone = zone == "Europe/Berlin" ? "America/New_York" : "Europe/Berlin";
            await db.SaveChangesAsync(Ct);
            Assert.Equal(company.TimeZone, (await CompanyClock.SettingsAsync(db, companyId, Ct)).TimeZone);

            company.TimeZone = zone;
            row.WeekendRule = before.WeekendRule;
            db.ExchangeRates.RemoveRange(db.ExchangeRates.Local.Where(r => r.Currency == "CHF"));
            return await db.SaveChangesAsync(Ct);
        });
    }
}
