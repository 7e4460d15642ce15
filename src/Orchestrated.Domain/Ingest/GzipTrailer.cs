using System.Buffers.Binary;

namespace Orchestrated.Domain.Ingest;

/// <summary>
/// .NET's GZipStream ends quietly when a gzip file is cut short, so a truncated upload would lose its tail without
/// a word. The gzip trailer's last field is the uncompressed size modulo 2^32: comparing it with the bytes
/// actually decompressed reveals the cut (or, rarely, several gzip members concatenated in one file).
/// </summary>
public static class GzipTrailer
{
    /// <summary>The size the trailer announces, read from the end of a seekable stream, which is left at its start.</summary>
    public static uint? DeclaredSize(Stream compressed)
    {
        if (!compressed.CanSeek || compressed.Length < 18) return null; // 10-byte header + 8-byte trailer at least
        Span<byte> trailer = stackalloc byte[4];
        compressed.Seek(-4, SeekOrigin.End);
        compressed.ReadExactly(trailer);
        compressed.Seek(0, SeekOrigin.Begin);
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }
}
