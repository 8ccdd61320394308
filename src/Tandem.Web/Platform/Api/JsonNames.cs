using System.Text.Json;

namespace Tandem.Web.Platform.Api;

public static class JsonNames
{
    /// <summary>The API's JSON conventions (camelCase), for JSON the application stores itself.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
