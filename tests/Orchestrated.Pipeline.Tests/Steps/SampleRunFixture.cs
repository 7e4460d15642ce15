using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Tests.Support;
using Orchestrated.Storage.Objects;
using Orchestrated.Testing;

namespace Orchestrated.Pipeline.Tests.Steps;

/// <summary>The sample (with every edge case) run end to end once on a local folder, shared by the tests that inspect it.</summary>
public sealed class SampleRunFixture : IAsyncLifetime
{
    public const int Days = 4;
    private readonly TempFolder _folder = new();

    public static DateOnly D0 => SampleOptions.DefaultStart;
    public DateOnly LastDay => D0.AddDays(Days - 1);
    public IObjectStore Store { get; private set; } = null!;
    public StepSettings Settings { get; private set; } = null!;
    public string Storage => _folder.Path;
    public SampleSummary Sample { get; private set; } = null!;
    public IReadOnlyList<StepResult> Results { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Sample = SampleDataGenerator.Write(_folder.Path, new SampleOptions(D0, Days, Students: 40, Seed: 7));
        Store = new LocalObjectStore(_folder.Path);
        Settings = TestStores.Settings(_folder.Path);
        Results = await Runs.AllAsync(Store, Settings, D0, LastDay);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
