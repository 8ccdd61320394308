namespace Tandem.Domain.Budgets;

/// <summary>
/// A budget line's figures for reports: variance (amount − committed − actual, and as a percent of the amount) and the
/// run-rate forecast to period end — actual + committed + average daily spend × remaining days, where the average daily
/// spend is what has been placed so far (committed + actual) per elapsed day. "At risk" when the forecast passes the amount.
/// </summary>
public sealed record BudgetForecast(long VarianceMinor, decimal? VariancePercent, int ElapsedDays, int RemainingDays, long ForecastMinor, bool AtRisk)
{
    public static BudgetForecast Of(long amountMinor, long committedMinor, long actualMinor, BudgetPeriod period, DateOnly today)
    {
        var used = checked(committedMinor + actualMinor);
        var variance = amountMinor - used;
        var elapsed = Math.Clamp(today.DayNumber - period.Start.DayNumber + 1, 0, period.Days);
        var remaining = period.Days - elapsed;
        // Integer run rate, rounded half away from zero: used × remaining / elapsed.
        var projected = elapsed == 0 ? 0 : (long)Math.Round((decimal)used * remaining / elapsed, MidpointRounding.AwayFromZero);
        var forecast = checked(used + projected);
        decimal? percent = amountMinor == 0 ? null : Math.Round(variance * 100m / amountMinor, 1, MidpointRounding.AwayFromZero);
        return new BudgetForecast(variance, percent, elapsed, remaining, forecast, forecast > amountMinor);
    }
}
