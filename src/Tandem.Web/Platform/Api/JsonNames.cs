using System.Text.Json;

namespace Tandem.Web.Platform.Api;

public static class JsonNames
{
    public static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
