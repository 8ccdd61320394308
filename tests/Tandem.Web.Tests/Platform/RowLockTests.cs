using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tandem.Web.Features.Payments;
using Tandem.Web.Platform.Data;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Platform;

/// <summary>
/// A row lock that serializes decisions (ADR 0028) holds up the next decision on that row, not the writes that merely
/// reference it: a payment proposal's company lock must not stop the company's other work for the proposal's length.
/// </summary>
public sealed class RowLockTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_decision_lock_holds_up_the_next_decision_but_not_rows_that_reference_the_locked_row()
    {
        Assert.SkipUnless(TestDatabase.Engine == "postgres", "Row locks are PostgreSQL's; on SQLite a writing transaction holds the one write lock instead.");
        await using var holderScope = factory.Services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<TandemDb>();
        var companyId = await holder.Companies.Select(c => c.Id).FirstAsync(Ct);
        await using var held = await holder.Database.BeginTransactionAsync(Ct);
        await PaymentLocks.LockCompanyAsync(holder, companyId, Ct);

        await using var otherScope = factory.Services.CreateAsyncScope();
        var other = otherScope.ServiceProvider.GetRequiredService<TandemDb>();
        await using var transaction = await other.Database.BeginTransactionAsync(Ct);
        await other.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '2s'", Ct);

        // Its foreign key check takes a key-share lock on the company's row, which the decision lock lets through.
        var written = await other.Database.ExecuteSqlAsync(
            $"INSERT INTO spend_dirty_months (id, company_id, month) VALUES ({Guid.CreateVersion7()}, {companyId}, {new DateOnly(2026, 11, 1)})", Ct);
        Assert.Equal(1, written);

        var waited = await Assert.ThrowsAnyAsync<Exception>(() => PaymentLocks.LockCompanyAsync(other, companyId, Ct));
        Assert.Equal(PostgresErrorCodes.LockNotAvailable, Assert.IsType<PostgresException>(waited.GetBaseException()).SqlState);
    }
}
