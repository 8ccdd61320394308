using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Tandem.Web.Platform.Data;

/// <summary>
/// A row that tells EF Core of each change as it happens (<c>ChangeTrackingStrategy.ChangedNotifications</c>, ADR 0030), so
/// detecting changes never scans it: for the many-line documents (a batch match tracks 10,000 invoice lines a slice) the
/// scan compared every value of every line, boxed, before each save. Every mapped property's setter must go through
/// <see cref="Set"/>; a test holds each one to it. EF materializes through the backing fields, which raises nothing.
/// </summary>
public abstract class NotifyingRow : INotifyPropertyChanged
{
    public event PropertyChangedEventHandler? PropertyChanged;

    /// <summary>Sets a property's backing field and, when the value differs, tells whoever listens (the change tracker).</summary>
    protected void Set<T>(ref T field, T value, [CallerMemberName] string property = "")
    {
        if (EqualityComparer<T>.Default.Equals(field, value))
        {
            return;
        }

        field = value;
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(property));
    }
}
