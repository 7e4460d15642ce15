using System.Buffers.Binary;

namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>
/// A page header says how large its page is once decompressed, and the reader allocates that much before it
/// decompresses. A damaged or hostile header could claim hundreds of megabytes for ten stored bytes; so the claim is
/// checked first against what the stored bytes themselves say: Snappy's length preamble, gzip's ISIZE trailer, and
/// zstd's frame content size (when the frame records it). A page whose claim they contradict is refused unallocated.
/// </summary>
internal static class DecompressedSize
{
    public static void Check(PageCodec codec, ReadOnlySpan<byte> stored, int claimed, string where)
    {
        long? recorded = codec switch
        {
            PageCodec.Snappy => SnappyPreamble(stored, where),
            PageCodec.Gzip => stored.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(stored[^4..]) : Refuse(codec, where),
            PageCodec.Zstd => ZstdContentSize(stored, where),
            _ => null,
        };
        if (recorded is { } size && size != (codec == PageCodec.Gzip ? (uint)claimed : claimed))
            throw new InvalidDataException($"{where}: a {codec} page's header claims {claimed} bytes, its data {size}.");
    }

    private static long Refuse(PageCodec codec, string where) =>
        throw new InvalidDataException($"{where}: a {codec} page is too short to be one.");

    /// <summary>Snappy's raw format starts with the uncompressed length as a little-endian base-128 varint.</summary>
    private static long SnappyPreamble(ReadOnlySpan<byte> stored, string where)
    {
        long value = 0;
        for (var i = 0; i < 5 && i < stored.Length; i++)
        {
            value |= (long)(stored[i] & 0x7F) << (7 * i);
            if ((stored[i] & 0x80) == 0) return value;
        }
        return Refuse(PageCodec.Snappy, where);
    }

    /// <summary>The Frame_Content_Size of a zstd frame header (RFC 8878 §3.1.1.1), or null when the frame omits it.</summary>
    private static long? ZstdContentSize(ReadOnlySpan<byte> stored, string where)
    {
        if (stored.Length < 5 || BinaryPrimitives.ReadUInt32LittleEndian(stored) != 0xFD2FB528) return Refuse(PageCodec.Zstd, where);
        var descriptor = stored[4];
        var sizeFlag = descriptor >> 6;
        var singleSegment = (descriptor & 0x20) != 0;
        var dictionaryBytes = (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var sizeBytes = sizeFlag switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        if (sizeBytes == 0) return null;
        var at = 5 + (singleSegment ? 0 : 1) + dictionaryBytes;
        if (stored.Length < at + sizeBytes) return Refuse(PageCodec.Zstd, where);
        var field = stored.Slice(at, sizeBytes);
        return sizeBytes switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(field) + 256L,
            4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
            _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(field), long.MaxValue),
        };
    }
}
