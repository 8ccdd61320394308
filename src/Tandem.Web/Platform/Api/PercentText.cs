using System.Globalization;

namespace Tandem.Web.Platform.Api;

/// <summary>Basis points as the API and documents write a percentage: 1250 → "12.5", 2000 → "20".</summary>
public static class PercentText
{
    public static string Of(long basisPoints) => ((decimal)basisPoints / 100).ToString("0.##", CultureInfo.InvariantCulture);
}
