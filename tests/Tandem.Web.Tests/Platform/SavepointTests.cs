using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Features.Organization;
using Tandem.Web.Platform.Data;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Platform;

/// <summary>
/// A save inside an explicit transaction makes no savepoint (ADR 0032): a failed save discards the whole transaction,
/// so the subtransaction and the round trip to release it would buy nothing.
/// </summary>
public sealed class SavepointTests(TandemFactory factory) : IClassFixture<TandemFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saves_inside_a_transaction_make_no_savepoint()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TandemDb>();
        var seen = new List<string>();
        using var listener = new Listener(db, seen);
        using var subscription = DiagnosticListener.AllListeners.Subscribe(listener);

        var companyId = await db.Companies.Select(c => c.Id).FirstAsync(Ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.CostCenters.Add(new CostCenter { Id = Ids.New(DateTime.UtcNow), CompanyId = companyId, Code = "SP-1", Name = "Savepoint one" });
            await db.SaveChangesAsync(Ct);
            db.CostCenters.Add(new CostCenter { Id = Ids.New(DateTime.UtcNow), CompanyId = companyId, Code = "SP-2", Name = "Savepoint two" });
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        // The listener hears this context (so silence about savepoints means none were made).
        Assert.Contains(RelationalEventId.TransactionStarted.Name, seen);
        Assert.Contains(RelationalEventId.CommandExecuted.Name, seen);
        Assert.DoesNotContain(RelationalEventId.CreatingTransactionSavepoint.Name, seen);
        Assert.DoesNotContain(RelationalEventId.ReleasingTransactionSavepoint.Name, seen);
    }

    /// <summary>Hears EF Core's diagnostic events about one context.</summary>
    private sealed class Listener(DbContext db, List<string> seen) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is DbContextEventData data && ReferenceEquals(data.Context, db))
            {
                lock (seen)
                {
                    seen.Add(value.Key);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
