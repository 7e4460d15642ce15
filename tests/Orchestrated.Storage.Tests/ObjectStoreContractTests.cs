using System.Text;
using Orchestrated.Testing;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Storage.Tests;

/// <summary>What every backend of the storage port must do; run against a local folder and a real S3 API.</summary>
public abstract class ObjectStoreContractTests : IDisposable
{
    protected abstract IObjectStore Store { get; }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private Task<StoredObject> WriteText(string key, string text) =>
        Store.WriteAsync(key, async (s, ct) => await s.WriteAsync(Encoding.UTF8.GetBytes(text), ct));

    private async Task<string> ReadText(string key) => Encoding.UTF8.GetString(await StoredBytes.ReadAsync(Store, key));

    [Fact]
    public async Task A_written_object_reads_back_the_same()
    {
        var written = await WriteText("a/b/c.txt", "hello");
        Assert.Equal("hello", await ReadText("a/b/c.txt"));
        Assert.Equal(5, written.Size);
        Assert.Equal(written.Version, (await Store.StatAsync("a/b/c.txt"))!.Version);
    }

    [Fact]
    public async Task Listing_returns_every_key_under_a_prefix_at_any_depth_in_order()
    {
        foreach (var key in new[] { "x/date=2/b", "x/date=1/a", "x/date=1/sub/c", "y/other" }) await WriteText(key, key);
        var listed = await Store.ListAsync("x/");
        Assert.Equal(["x/date=1/a", "x/date=1/sub/c", "x/date=2/b"], listed.Select(o => o.Key));
        Assert.Equal(["x/date=1/a", "x/date=1/sub/c"], (await Store.ListAsync("x/date=1")).Select(o => o.Key));
        Assert.Empty(await Store.ListAsync("nothing/"));
    }

    [Fact]
    public async Task A_missing_object_has_no_stat_and_cannot_be_opened()
    {
        Assert.Null(await Store.StatAsync("missing/key"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync("missing/key"));
    }

    [Fact]
    public async Task Replacing_an_object_changes_its_version()
    {
        var first = await WriteText("v/key", "one");
        await Task.Delay(20);
        var second = await WriteText("v/key", "two, longer");
        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal("two, longer", await ReadText("v/key"));
    }

    [Fact]
    public async Task A_write_that_fails_midway_leaves_the_previous_object_and_nothing_else()
    {
        await WriteText("p/part", "previous");
        await Assert.ThrowsAsync<IOException>(() => Store.WriteAsync("p/part", async (s, ct) =>
        {
            await s.WriteAsync(Encoding.UTF8.GetBytes("half of the new"), ct);
            throw new IOException("killed");
        }));
        Assert.Equal("previous", await ReadText("p/part"));
        Assert.Equal(["p/part"], (await Store.ListAsync("p/")).Select(o => o.Key));
    }

    [Fact]
    public async Task A_cancelled_write_leaves_the_previous_object()
    {
        await WriteText("c/part", "previous");
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync("c/part", async (s, ct) =>
        {
            await s.WriteAsync(Encoding.UTF8.GetBytes("new"), ct);
            await cancel.CancelAsync();
            cancel.Token.ThrowIfCancellationRequested();
        }, cancel.Token));
        Assert.Equal("previous", await ReadText("c/part"));
    }

    [Fact]
    public async Task Deleting_removes_the_object()
    {
        await WriteText("d/key", "x");
        await Store.DeleteAsync("d/key");
        Assert.Null(await Store.StatAsync("d/key"));
    }
}
