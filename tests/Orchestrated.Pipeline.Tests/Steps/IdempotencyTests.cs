using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Pipeline.Tests.Support;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Testing;

namespace Orchestrated.Pipeline.Tests.Steps;

/// <summary>Re-runs, failures and kills leave byte-for-byte the same outputs.</summary>
[Trait("Tier", "unit")]
public sealed class IdempotencyTests : IAsyncLifetime
{
    private static readonly DateOnly D0 = SampleOptions.DefaultStart;
    private static readonly DateOnly D2 = D0.AddDays(2);
    private readonly TempFolder _folder = new();
    private LocalObjectStore _store = null!;
    private StepSettings _settings = null!;

    public async Task InitializeAsync()
    {
        SampleDataGenerator.Write(_folder.Path, new SampleOptions(D0, Days: 3, Students: 25, Seed: 11));
        _store = new LocalObjectStore(_folder.Path);
        _settings = TestStores.Settings(_folder.Path);
        await Runs.AllAsync(_store, _settings, D0, D2);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Every partition file the steps wrote, with its bytes.</summary>
    private async Task<Dictionary<string, byte[]>> SnapshotAsync()
    {
        var files = new Dictionary<string, byte[]>();
        foreach (var dataset in Dataset.Written)
            foreach (var o in await _store.ListAsync(dataset.Prefix + "/"))
                files[o.Key] = await StoredBytes.ReadAsync(_store, o.Key);
        return files;
    }

    private static void AssertSame(Dictionary<string, byte[]> expected, Dictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(actual[key]), $"{key} differs");
    }

    [Fact]
    public async Task Running_every_date_again_gives_byte_for_byte_the_same_files()
    {
        var first = await SnapshotAsync();
        Assert.Equal(3 * Dataset.Written.Count, first.Count);
        await Runs.AllAsync(_store, _settings, D0, D2, parallel: 1);
        AssertSame(first, await SnapshotAsync());
    }

    [Fact]
    public async Task Running_one_date_again_keeps_its_session_ids()
    {
        var before = await Outputs.SessionsAsync(_store, D0.AddDays(1));
        await Runs.StepAsync(_store, _settings, SessionizeDescriptor.StepName, D0.AddDays(1));
        Assert.Equal(before.Select(s => s.SessionId), (await Outputs.SessionsAsync(_store, D0.AddDays(1))).Select(s => s.SessionId));
    }

    [Theory]
    [InlineData(IngestDescriptor.StepName, "bronze/events/", 5_000)]
    [InlineData(IngestDescriptor.StepName, "quarantine/events/", 100)]
    [InlineData(CleanDescriptor.StepName, "silver/events/", 20_000)]
    [InlineData(SessionizeDescriptor.StepName, "silver/sessions/", 3_000)]
    [InlineData(AggregateDescriptor.StepName, "gold/", 500)]
    public async Task A_step_killed_while_writing_leaves_the_previous_partition_and_a_rerun_completes_it(string step, string prefix,
        long afterBytes)
    {
        var day = D0.AddDays(1);
        var before = await SnapshotAsync();
        var dying = new FaultInjectingStore(_store, key => key.StartsWith(prefix, StringComparison.Ordinal), afterBytes);
        await Assert.ThrowsAsync<IOException>(() => Runs.StepAsync(dying, _settings, step, day));
        Assert.True(dying.Failures > 0);
        AssertSame(before, await SnapshotAsync()); // the old partition is whole, and no half-written file is visible

        await Runs.StepAsync(_store, _settings, step, day);
        AssertSame(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_cancelled_step_leaves_the_previous_partition()
    {
        var before = await SnapshotAsync();
        using var cancel = new CancellationTokenSource();
        var steps = Runs.Steps(_store, _settings);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            steps.RunAsync(IngestDescriptor.StepName, D0, new SynchronousProgress(cancel), cancel.Token));
        AssertSame(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Changed_raw_input_replaces_the_outputs_that_depend_on_it()
    {
        var before = await Outputs.SessionsAsync(_store, D0);
        await RawFiles.WriteAsync(_store, D0, "late-upload.jsonl", RawFiles.Line("new-1", "S999999", $"{D0:yyyy-MM-dd}T12:00:00Z"));
        await Runs.AllAsync(_store, _settings, D0, D0);
        var after = await Outputs.SessionsAsync(_store, D0);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Empty(before.Except(after)); // every earlier session is unchanged
    }

    /// <summary>Cancels as soon as the step reports any progress (Progress&lt;T&gt; would post asynchronously).</summary>
    private sealed class SynchronousProgress(CancellationTokenSource cancel) : IProgress<double>
    {
        public void Report(double value) => cancel.Cancel();
    }
}
