using System.Text;

namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>
/// Writes Thrift compact-protocol structs: field headers as deltas of the previous field id, integers as zigzag
/// varints. Only what Parquet metadata needs (structs, lists, i32/i64, binary, bool).
/// </summary>
internal sealed class ThriftWriter
{
    private byte[] _buffer = new byte[4096];
    private readonly Stack<short> _lastIds = new();
    private short _lastId;

    public int Length { get; private set; }
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Reset()
    {
        Length = 0;
        _lastIds.Clear();
        _lastId = 0;
    }

    public void BeginStruct(short id)
    {
        FieldHeader(id, ThriftType.Struct);
        PushStruct();
    }

    /// <summary>A struct that is a list element or the top-level value: no field header.</summary>
    public void PushStruct()
    {
        _lastIds.Push(_lastId);
        _lastId = 0;
    }

    public void EndStruct()
    {
        Byte((byte)ThriftType.Stop);
        _lastId = _lastIds.Pop();
    }

    public void I32(short id, int value)
    {
        FieldHeader(id, ThriftType.I32);
        Varint(ZigZag(value));
    }

    public void I16(short id, short value)
    {
        FieldHeader(id, ThriftType.I16);
        Varint(ZigZag(value));
    }

    public void I64(short id, long value)
    {
        FieldHeader(id, ThriftType.I64);
        Varint(ZigZag(value));
    }

    public void Bool(short id, bool value) => FieldHeader(id, value ? ThriftType.True : ThriftType.False);

    public void Binary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, ThriftType.Binary);
        BinaryValue(value);
    }

    public void String(short id, string value) => Binary(id, Encoding.UTF8.GetBytes(value));

    /// <summary>
    /// A list field's header; then write its elements (<see cref="I32Value"/>, <see cref="StringValue"/>, or structs with
    /// <see cref="PushStruct"/>).
    /// </summary>
    public void BeginList(short id, ThriftType elementType, int count)
    {
        FieldHeader(id, ThriftType.List);
        if (count < 15) Byte((byte)((count << 4) | (byte)elementType));
        else
        {
            Byte((byte)(0xF0 | (byte)elementType));
            Varint((uint)count);
        }
    }

    public void I32Value(int value) => Varint(ZigZag(value));

    public void StringValue(string value) => BinaryValue(Encoding.UTF8.GetBytes(value));

    private void BinaryValue(ReadOnlySpan<byte> value)
    {
        Varint((uint)value.Length);
        value.CopyTo(Reserve(value.Length));
        Length += value.Length;
    }

    private void FieldHeader(short id, ThriftType type)
    {
        var delta = id - _lastId;
        if (delta is > 0 and <= 15) Byte((byte)((delta << 4) | (byte)type));
        else
        {
            Byte((byte)type);
            Varint(ZigZag(id));
        }
        _lastId = id;
    }

    private void Byte(byte value)
    {
        Reserve(1)[0] = value;
        Length++;
    }

    private void Varint(ulong value)
    {
        var span = Reserve(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        Length += i;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (Length + bytes > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + bytes));
        return _buffer.AsSpan(Length);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
