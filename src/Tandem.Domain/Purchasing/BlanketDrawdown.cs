namespace Tandem.Domain.Purchasing;

/// <summary>What a release does to its agreement: fits, or goes beyond what remains (refused or routed, as the agreement says).</summary>
public enum ReleaseVerdict
{
    Fits,
    Refused,
    NeedsApproval,
}

/// <summary>
/// Draw-down of a vendor agreement: what remains is the limit less every release not cancelled; a release that does
/// not fit is refused or needs an approval of the overrun, as the agreement is configured.
/// </summary>
public static class BlanketDrawdown
{
    public static long Remaining(long limitMinor, long drawnMinor) => limitMinor - drawnMinor;

    public static ReleaseVerdict Judge(long limitMinor, long drawnMinor, long releaseMinor, bool routeOverruns) =>
        releaseMinor <= Remaining(limitMinor, drawnMinor) ? ReleaseVerdict.Fits
        : routeOverruns ? ReleaseVerdict.NeedsApproval
        : ReleaseVerdict.Refused;

    /// <summary>Whether an agreement may take a release on a day: open and within its validity.</summary>
    public static bool IsOpenOn(bool closed, DateOnly validFrom, DateOnly validTo, DateOnly day) => !closed && day >= validFrom && day <= validTo;
}
