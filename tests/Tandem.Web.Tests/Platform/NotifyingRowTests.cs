using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Tandem.Web.Features.Invoices;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Tests.Platform;

/// <summary>
/// Rows tracked by notification (ADR 0030) are never scanned for changes, so a setter that forgets to notify would lose
/// its change silently: every mapped property of every such type must tell the change tracker when its value changes,
/// and only then.
/// </summary>
public sealed class NotifyingRowTests
{
    private static readonly IModel Model = DatabaseSettings.CompiledModel(DatabaseProvider.Postgres)!;

    [Fact]
    public void The_lines_of_many_line_documents_are_tracked_by_notification_and_notifying_rows_only_so()
    {
        Assert.Equal(ChangeTrackingStrategy.ChangedNotifications, Model.FindEntityType(typeof(InvoiceLine))!.GetChangeTrackingStrategy());
        Assert.Equal(ChangeTrackingStrategy.ChangedNotifications, Model.FindEntityType(typeof(Features.PurchaseOrders.PurchaseOrderSplit))!.GetChangeTrackingStrategy());
        foreach (var type in Model.GetEntityTypes())
        {
            var notifies = type.GetChangeTrackingStrategy() == ChangeTrackingStrategy.ChangedNotifications;
            Assert.True(notifies == typeof(NotifyingRow).IsAssignableFrom(type.ClrType), $"{type.ClrType.Name}: a NotifyingRow is tracked by notification, and nothing else is.");
        }
    }

    [Fact]
    public void Every_mapped_property_of_a_notifying_row_notifies_when_its_value_changes_and_only_then()
    {
        var checkedProperties = 0;
        foreach (var type in Model.GetEntityTypes().Where(t => t.GetChangeTrackingStrategy() != ChangeTrackingStrategy.Snapshot))
        {
            foreach (var property in type.GetProperties().Where(p => p.PropertyInfo is not null))
            {
                var row = (INotifyPropertyChanged)Activator.CreateInstance(type.ClrType)!;
                var raised = new List<string?>();
                row.PropertyChanged += (_, e) => raised.Add(e.PropertyName);
                var value = DifferentValue(property.ClrType, property.PropertyInfo!.GetValue(row));

                property.PropertyInfo.SetValue(row, value);
                property.PropertyInfo.SetValue(row, value);

                Assert.Equal(value, property.PropertyInfo.GetValue(row));
                Assert.True(raised.SequenceEqual([property.Name]), $"{type.ClrType.Name}.{property.Name} raised [{string.Join(", ", raised)}] for one change and one same-value set.");
                checkedProperties++;
            }
        }

        Assert.True(checkedProperties >= 30, $"only {checkedProperties} properties checked");
    }

    private static object DifferentValue(Type type, object? current)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => current as string == "changed" ? "changed again" : "changed",
            _ when underlying == typeof(Guid) => Guid.NewGuid(),
            _ when underlying == typeof(bool) => !(current as bool? ?? false),
            _ when underlying == typeof(DateTime) => new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc),
            _ when underlying == typeof(DateOnly) => new DateOnly(2026, 12, 3),
            _ when underlying.IsEnum => Enum.GetValues(underlying).Cast<object>().First(v => !v.Equals(current)),
            _ => Convert.ChangeType(Convert.ToInt64(current ?? 0, System.Globalization.CultureInfo.InvariantCulture) + 7, underlying, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
