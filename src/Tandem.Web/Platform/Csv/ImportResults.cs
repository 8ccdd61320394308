using Tandem.Domain;
using Tandem.Web.Platform.Api;

namespace Tandem.Web.Platform.Csv;

public static class ImportResults
{
    /// <summary>200 with the report when every row is valid; 400 problem details with the row-by-row report otherwise.</summary>
    public static IResult From(Result<ImportReport> result)
    {
        if (!result.IsSuccess)
        {
            return Problems.From(result.Errors);
        }

        var report = result.Value;
        if (report.Succeeded)
        {
            return TypedResults.Ok(report);
        }

        var problem = Problems.Create(400, "import.rows_invalid", $"{report.Errors.Count} error(s) in {report.Rows} row(s); nothing was imported.");
        problem.Extensions["rowErrors"] = report.Errors;
        return TypedResults.Problem(problem);
    }
}
