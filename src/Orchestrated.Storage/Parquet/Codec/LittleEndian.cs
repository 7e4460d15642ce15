using System.Buffers.Binary;

namespace Orchestrated.Storage.Parquet.Codec;

internal static class LittleEndian
{
    public static void WriteInt32(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
