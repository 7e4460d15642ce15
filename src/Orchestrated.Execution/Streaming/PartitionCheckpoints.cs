using System.Text;
using System.IO.Compression;
using Orchestrated.Domain.Live;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Execution.Streaming;

/// <summary>
/// Partition checkpoints in the object store (gzip over a versioned binary layout). One object per partition,
/// replaced whole, so a reader sees the last checkpoint or the one before, never half of one. A checkpoint that
/// cannot be read (damaged, another version, another partition) is reported as absent with the reason: reading the
/// stream from its start gives the same output, only later.
/// </summary>
public sealed class PartitionCheckpoints(IObjectStore store, StreamOptions options)
{
    private const int MaxItems = 10_000_000;

    public async Task WriteAsync(PartitionCheckpoint checkpoint, CancellationToken ct) =>
        await store.WriteAsync(options.CheckpointOf(checkpoint.Partition), (stream, _) =>
        {
            using var zip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            using var w = new BinaryWriter(zip, LiveStateFormat.Encoding);
            w.Write(checkpoint.Partition);
            w.Write(checkpoint.Offset);
            w.Write(checkpoint.LastFlush);
            w.Write(checkpoint.EventsRead);
            w.Write(checkpoint.SessionsClosed);
            Strings(w, checkpoint.Posts);
            Strings(w, checkpoint.FilesSincePrevious);
            LiveStateFormat.Write(w, checkpoint.State);
            return Task.CompletedTask;
        }, ct);

    /// <returns>The checkpoint, or null with why not (none yet is not a problem: <c>Problem</c> is null then).</returns>
    public async Task<(PartitionCheckpoint? Checkpoint, string? Problem)> ReadAsync(int partition, CancellationToken ct)
    {
        var key = options.CheckpointOf(partition);
        if (await store.StatAsync(key, ct) is null) return (null, null);
        try
        {
            await using var stream = await store.OpenReadAsync(key, ct);
            using var copy = new MemoryStream();
            await using (var zip = new GZipStream(stream, CompressionMode.Decompress)) await zip.CopyToAsync(copy, ct);
            copy.Position = 0;
            using var r = new BinaryReader(copy, LiveStateFormat.Encoding);
            var owner = r.ReadInt32();
            if (owner != partition) return (null, $"{key} belongs to partition {owner}");
            var checkpoint = new PartitionCheckpoint(owner, r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
                Strings(r), Strings(r),
                LiveStateFormat.Read(r));
            return (checkpoint, null);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or DecoderFallbackException)
        {
            return (null, $"{key} cannot be read: {e.Message}");
        }
    }

    private static void Strings(BinaryWriter w, IReadOnlyList<string> strings)
    {
        w.Write(strings.Count);
        foreach (var s in strings) w.Write(s);
    }

    private static List<string> Strings(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count is < 0 or > MaxItems) throw new InvalidDataException($"a stream checkpoint claims {count} names");
        var strings = new List<string>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++) strings.Add(r.ReadString());
        return strings;
    }
}
