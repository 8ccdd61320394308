using Tandem.Web.Platform.Cli;

return await TandemCli.RunAsync(args);

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
