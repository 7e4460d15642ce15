using System.Text;
using Orchestrated.Testing;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Storage.Tests;

/// <summary>The storage contract on a local folder, plus what only the local backend promises.</summary>
[Trait("Tier", "unit")]
[Trait("Probe", "hostile")]
public sealed class LocalObjectStoreTests : ObjectStoreContractTests
{
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;

    public LocalObjectStoreTests() => _store = new LocalObjectStore(_folder.Path);

    protected override IObjectStore Store => _store;

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/../../outside")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("a\\..\\b")]
    public async Task Keys_cannot_leave_the_root(string key) =>
        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync(key));

    [Fact]
    public async Task A_name_with_two_dots_in_it_is_just_a_name()
    {
        await Write("raw/a..jsonl", "x");
        Assert.Equal(["raw/a..jsonl"], (await _store.ListAsync("raw/")).Select(o => o.Key));
        Assert.Equal("x", Encoding.UTF8.GetString(await StoredBytes.ReadAsync(_store, "raw/a..jsonl")));
    }

    // On S3 the atomicity of a replacement is the service's (a PUT is atomic); the test server used here is not
    // atomic under concurrent reads, so this property is checked on the local backend, where it is ours.
    [Fact]
    public async Task Readers_during_replacements_see_a_whole_old_or_whole_new_object()
    {
        var versions = new[] { new string('a', 300_000), new string('b', 200_000) };
        await Write("r/part", versions[0]);
        using var stop = new CancellationTokenSource();
        var seen = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var text = System.Text.Encoding.UTF8.GetString(await StoredBytes.ReadAsync(_store, "r/part"));
                lock (seen) seen.Add(text);
            }
        });
        // Keep replacing until the reader has read many times while replacements were going on.
        for (var i = 0; i < 10 || (Count() < 20 && i < 10_000); i++) await Write("r/part", versions[i % 2]);
        await stop.CancelAsync();
        await reader;
        Assert.True(Count() >= 20, $"only {Count()} reads happened during the replacements");
        Assert.All(seen, text => Assert.Contains(text, versions));

        int Count()
        {
            lock (seen) return seen.Count;
        }
    }

    private Task<StoredObject> Write(string key, string text) =>
        _store.WriteAsync(key, async (s, ct) => await s.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), ct));

    [Fact]
    public async Task Temporaries_of_an_interrupted_write_are_never_listed()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "t"));
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "t", ".part.tmp-abc"), "garbage");
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "t", "part"), "real");
        Assert.Equal(["t/part"], (await _store.ListAsync("t/")).Select(o => o.Key));
    }
}
