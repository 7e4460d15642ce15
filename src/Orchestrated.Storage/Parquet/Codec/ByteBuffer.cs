using Orchestrated.Domain.Buffers;

namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>A growable byte buffer that is reused from page to page, borrowed from the shared pool until <see cref="Release"/>.</summary>
internal sealed class ByteBuffer(int capacity = 1 << 16)
{
    private byte[] _bytes = ArrayLoans.Rent<byte>(capacity);

    public int Length { get; private set; }
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);
    public byte[] Array => _bytes;

    public void Clear() => Length = 0;

    public void Release()
    {
        ArrayLoans.Return(ref _bytes);
        Length = 0;
    }

    public Span<byte> Reserve(int bytes)
    {
        if (Length + bytes > _bytes.Length) ArrayLoans.Grow(ref _bytes, Math.Max(_bytes.Length * 2, Length + bytes), Length);
        return _bytes.AsSpan(Length, bytes);
    }

    public void Advance(int bytes) => Length += bytes;

    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        Length++;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    public void WriteVarint(uint value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        WriteByte((byte)value);
    }
}
