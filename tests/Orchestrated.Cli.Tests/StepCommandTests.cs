using Orchestrated.Cli.Tests.Support;
using Orchestrated.Testing;

namespace Orchestrated.Cli.Tests;

/// <summary>`orchestrated step` runs any step its registry knows, with the step's params as a DAG task gives them.</summary>
public sealed class StepCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrated-cli-step-").FullName;

    [Fact]
    public async Task A_step_registered_in_one_file_runs_from_the_cli_with_its_param()
    {
        Assert.Equal(0, (await Tool.RunAsync(_folder, "sample", "--storage", _folder, "--start", "2026-03-02", "--days", "3",
            "--students", "10")).ExitCode);
        Assert.Equal(0, (await Tool.RunAsync(_folder, "run", "--storage", _folder, "--date", "2026-03-02", "--to", "2026-03-03")).ExitCode);

        var exit = await CliApp.RunAsync(
            ["step", EventCountStep.StepName, "--storage", _folder, "--date", "2026-03-02", "-p", "split_on_device=false"],
            EventCountStep.Registry);
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(_folder, EventCountStep.EventCounts.PartKey(new DateOnly(2026, 3, 2)))));

        // The standard registry (the shipped binary) does not know it; and a param the step does not take is refused.
        var unknown = await Tool.RunAsync(_folder, "step", EventCountStep.StepName, "--storage", _folder, "--date", "2026-03-02");
        Assert.Equal(64, unknown.ExitCode);
        Assert.Contains("Unknown step 'count_events'", unknown.Output);
        Assert.Equal(64, await CliApp.RunAsync(
            ["step", EventCountStep.StepName, "--storage", _folder, "--date", "2026-03-02", "-p", "inactivity_gap=5m"],
            EventCountStep.Registry));
    }

    [Fact]
    public async Task A_standard_step_takes_its_params_and_refuses_a_value_of_the_wrong_kind()
    {
        Assert.Equal(0, (await Tool.RunAsync(_folder, "sample", "--storage", _folder, "--start", "2026-03-02", "--days", "3",
            "--students", "10")).ExitCode);
        foreach (var step in new[] { "ingest", "clean" })
            Assert.Equal(0, (await Tool.RunAsync(_folder, "step", step, "--storage", _folder, "--date", "2026-03-02")).ExitCode);
        var ok =
            await Tool.RunAsync(_folder, "step", "sessionize", "--storage", _folder, "--date", "2026-03-02", "-p", "inactivity_gap=45m");
        Assert.Equal(0, ok.ExitCode);
        var bad =
            await Tool.RunAsync(_folder, "step", "sessionize", "--storage", _folder, "--date", "2026-03-02", "-p", "inactivity_gap=soon");
        Assert.Equal(64, bad.ExitCode);
        Assert.Contains("\"soon\" is not a duration", bad.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
