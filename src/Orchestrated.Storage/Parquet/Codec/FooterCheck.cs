using System.Buffers.Binary;

namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>
/// Walks a Parquet footer's Thrift structure with our bounded reader before a file reaches another library
/// (Parquet.Net reads the quarantine zone): a footer nested deep enough to overflow a recursive reader's stack would
/// otherwise kill the process, which no catch can stop. A damaged footer becomes a clear <see cref="InvalidDataException"/>.
/// </summary>
internal static class FooterCheck
{
    public static void Validate(Stream stream, string location)
    {
        if (!stream.CanSeek) return; // nothing to check ahead of time; the caller's reader buffers or refuses
        var start = stream.Position;
        var footer = Read(stream, location);
        stream.Seek(start, SeekOrigin.Begin);
        try
        {
            new ThriftReader(footer).Skip(ThriftType.Struct);
        }
        catch (Exception e) when (e is OverflowException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"{location}: the Parquet footer is damaged ({e.Message}).", e);
        }
    }

    /// <summary>The footer's bytes (the file metadata), its length checked against the file: a seekable stream.</summary>
    public static byte[] Read(Stream stream, string location)
    {
        if (stream.Length < 12) throw new InvalidDataException($"{location}: {stream.Length} bytes is too short for a Parquet file.");
        Span<byte> tail = stackalloc byte[8];
        stream.Seek(-8, SeekOrigin.End);
        stream.ReadExactly(tail);
        if (!tail[4..].SequenceEqual("PAR1"u8)) throw new InvalidDataException($"{location}: not a Parquet file (no PAR1 at its end).");
        var length = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (length <= 0 || length > stream.Length - 12)
            throw new InvalidDataException($"{location}: the Parquet footer length {length} is impossible.");
        var footer = new byte[length];
        stream.Seek(-8 - length, SeekOrigin.End);
        stream.ReadExactly(footer);
        return footer;
    }
}
