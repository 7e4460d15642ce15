namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>
/// Parquet's RLE / bit-packing hybrid, used for definition levels and dictionary indexes: runs of one repeated
/// value as (count, value), everything else bit-packed in groups of eight.
/// </summary>
internal static class RleHybrid
{
    public static int BitWidth(int maxValue) => maxValue <= 0 ? 0 : 32 - int.LeadingZeroCount(maxValue);

    /// <summary>Encodes <paramref name="values"/> (each below 2^bitWidth) into <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        var valueBytes = (bitWidth + 7) / 8;
        var i = 0;
        while (i < values.Length)
        {
            var run = RunLength(values, i);
            if (run >= 8)
            {
                output.WriteVarint((uint)run << 1);
                var v = values[i];
                for (var b = 0; b < valueBytes; b++) output.WriteByte((byte)(v >> (8 * b)));
                i += run;
                continue;
            }
            // Bit-pack whole groups of eight until a long run starts at a group boundary (or the values end; only
            // the very last group may be padded).
            var start = i;
            do i += 8;
            while (i < values.Length && RunLength(values, i) < 8);
            var groups = (Math.Min(i, values.Length) - start + 7) / 8;
            output.WriteVarint(((uint)groups << 1) | 1);
            BitPack(values[start..Math.Min(start + groups * 8, values.Length)], groups * 8, bitWidth, output);
            i = Math.Min(i, values.Length);
        }
    }

    /// <summary>Decodes <paramref name="into"/>.Length values; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> into)
    {
        var valueBytes = (bitWidth + 7) / 8;
        var pos = 0;
        var n = 0;
        while (n < into.Length)
        {
            var header = ReadVarint(data, ref pos);
            if ((header & 1) == 0)
            {
                var count = (int)(header >> 1);
                if (pos + valueBytes > data.Length) throw Truncated();
                var value = 0;
                for (var b = 0; b < valueBytes; b++) value |= data[pos + b] << (8 * b);
                pos += valueBytes;
                count = Math.Min(count, into.Length - n);
                into.Slice(n, count).Fill(value);
                n += count;
            }
            else
            {
                var groups = (int)(header >> 1);
                var bytes = groups * bitWidth;
                if (pos + bytes > data.Length)
                {
                    // Some writers end the last run early when its padding would be all zeros.
                    bytes = data.Length - pos;
                }
                var count = Math.Min(groups * 8, into.Length - n);
                Unpack(data.Slice(pos, bytes), bitWidth, into.Slice(n, count));
                pos += bytes;
                n += count;
            }
        }
        return pos;
    }

    private static int RunLength(ReadOnlySpan<int> values, int start)
    {
        var v = values[start];
        var end = start + 1;
        while (end < values.Length && values[end] == v) end++;
        return end - start;
    }

    private static void BitPack(ReadOnlySpan<int> values, int paddedCount, int bitWidth, ByteBuffer output)
    {
        if (bitWidth == 0) return;
        var bytes = output.Reserve(paddedCount * bitWidth / 8);
        bytes.Clear();
        ulong buffer = 0;
        var bits = 0;
        var o = 0;
        for (var i = 0; i < values.Length; i++)
        {
            buffer |= (ulong)(uint)values[i] << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                bytes[o++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) bytes[o] = (byte)buffer;
        output.Advance(paddedCount * bitWidth / 8);
    }

    private static void Unpack(ReadOnlySpan<byte> data, int bitWidth, Span<int> into)
    {
        if (bitWidth == 0)
        {
            into.Clear();
            return;
        }
        var mask = (1UL << bitWidth) - 1;
        ulong buffer = 0;
        var bits = 0;
        var pos = 0;
        for (var i = 0; i < into.Length; i++)
        {
            while (bits < bitWidth)
            {
                buffer |= (ulong)(pos < data.Length ? data[pos] : 0) << bits;
                pos++;
                bits += 8;
            }
            into[i] = (int)(buffer & mask);
            buffer >>= bitWidth;
            bits -= bitWidth;
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length) throw Truncated();
            var b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("Parquet page: a run header is too long.");
    }

    private static InvalidDataException Truncated() => new("Parquet page: levels or dictionary indexes end early.");
}
