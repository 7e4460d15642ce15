using Orchestrated.Cli;
using Orchestrated.Pipeline.Steps;

var exitCode = await CliApp.RunAsync(args, StepRegistry.Standard);
if (Environment.GetEnvironmentVariable("ORCHESTRATED_GC_STATS") == "1")
    Console.Error.WriteLine($"gc: pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, " +
        $"collections gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}, " +
        $"allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB");
return exitCode;
