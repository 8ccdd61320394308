using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process (no generated project to build), a short job (3 warm-ups, 5 iterations) and allocations per operation:
// the standard set finishes in about a minute. Pass BenchmarkDotNet's own options, e.g. --filter '*Routing*'.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Tandem.MicroBench.MoneyBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
