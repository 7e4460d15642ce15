using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Tests.Support;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Testing;

namespace Orchestrated.Pipeline.Tests.Steps;

/// <summary>The whole pipeline on a real S3 API gives the same rows as on a local folder.</summary>
[Trait("Tier", "integration")]
public sealed class S3PipelineTests : IDisposable
{
    private static readonly DateOnly D0 = SampleOptions.DefaultStart;
    private readonly TempFolder _local = new();

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task The_sample_on_S3_gives_the_same_sessions_and_stats_as_on_a_local_folder()
    {
        var options = new SampleOptions(D0, Days: 3, Students: 20, Seed: 5);
        SampleDataGenerator.Write(_local.Path, options);
        var local = new LocalObjectStore(_local.Path);
        using var s3 = TestS3.NewStore();
        foreach (var raw in await local.ListAsync("raw/"))
            await s3.WriteAsync(raw.Key, async (target, ct) =>
            {
                await using var source = await local.OpenReadAsync(raw.Key, ct);
                await source.CopyToAsync(target, ct);
            });

        var last = D0.AddDays(2);
        var onS3 = await Runs.AllAsync(s3, TestStores.Settings("s3://unused"), D0, last);
        await Runs.AllAsync(local, TestStores.Settings(_local.Path), D0, last);

        Assert.All(onS3.SelectMany(r => r.DataQuality).Where(q => q.Hard), q => Assert.True(q.Passed, q.Detail));
        for (var d = D0; d <= last; d = d.AddDays(1))
        {
            Assert.Equal(await Outputs.SessionsAsync(local, d), await Outputs.SessionsAsync(s3, d));
            Assert.Equal(await Outputs.DailyStatsAsync(local, d), await Outputs.DailyStatsAsync(s3, d));
            Assert.Equal(await StoredBytes.ReadAsync(local, Dataset.SilverEvents.PartKey(d)),
                await StoredBytes.ReadAsync(s3, Dataset.SilverEvents.PartKey(d)));
        }
        Assert.NotEmpty(await s3.ListAsync(BronzeIndex.Prefix + "/"));
    }
}
