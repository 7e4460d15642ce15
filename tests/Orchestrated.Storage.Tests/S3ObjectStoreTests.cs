using Orchestrated.Testing;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Storage.Tests;

/// <summary>The storage contract on a real S3 API (<c>ORCHESTRATED_TEST_S3_ENDPOINT</c>), plus multi-megabyte objects.</summary>
[Trait("Tier", "integration")]
public sealed class S3ObjectStoreTests : ObjectStoreContractTests
{
    private readonly S3ObjectStore _store = TestS3.NewStore();

    protected override IObjectStore Store => _store;

    public override void Dispose()
    {
        _store.Dispose();
        base.Dispose();
    }

    [Theory]
    [InlineData(3 * 1024 * 1024 + 17)]   // one PUT
    [InlineData(21 * 1024 * 1024 + 5)]   // multipart upload
    public async Task Multi_megabyte_objects_round_trip_byte_exact(int size)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        await _store.WriteAsync("big/object.bin", async (s, ct) => await s.WriteAsync(content, ct));
        var back = await StoredBytes.ReadAsync(_store, "big/object.bin");
        Assert.Equal(content.Length, back.Length);
        Assert.True(content.AsSpan().SequenceEqual(back), "the object read back differs from the one written");
        Assert.Equal(size, (await _store.StatAsync("big/object.bin"))!.Size);
    }
}
