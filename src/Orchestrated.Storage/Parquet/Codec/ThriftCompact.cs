using System.Buffers.Binary;
using System.Text;

namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>The Thrift compact protocol's type codes, as Parquet's footer and page headers use them.</summary>
internal enum ThriftType : byte
{
    Stop = 0, True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12,
}

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

    /// <summary>A list field's header; then write its elements (<see cref="I32Value"/>, <see cref="StringValue"/>, or structs with <see cref="PushStruct"/>).</summary>
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

/// <summary>
/// Reads Thrift compact-protocol structs field by field; the caller switches on field ids and calls
/// <see cref="Skip"/> for the ones it does not need, so metadata written by newer writers still reads.
/// </summary>
internal ref struct ThriftReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private short _lastId;
    private ThriftType _pendingBool;

    public int Position { get; private set; }

    /// <summary>Starts a nested struct; returns the outer struct's last field id, to give back to <see cref="EndStruct"/>.</summary>
    public short BeginStruct()
    {
        var outer = _lastId;
        _lastId = 0;
        return outer;
    }

    public void EndStruct(short outer) => _lastId = outer;

    /// <summary>The next field's id and type; false at the struct's end.</summary>
    public bool NextField(out short id, out ThriftType type)
    {
        var header = ReadByte();
        type = (ThriftType)(header & 0x0F);
        if (type == ThriftType.Stop)
        {
            id = 0;
            return false;
        }
        var delta = header >> 4;
        id = delta != 0 ? (short)(_lastId + delta) : (short)UnZigZag(ReadVarint());
        _lastId = id;
        if (type is ThriftType.True or ThriftType.False) _pendingBool = type;
        return true;
    }

    public bool ReadBool() => _pendingBool == ThriftType.True;

    public int ReadI32() => (int)UnZigZag(ReadVarint());

    public long ReadI64() => UnZigZag(ReadVarint());

    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = checked((int)ReadVarint());
        if (length < 0 || Position + length > _data.Length) throw new InvalidDataException("Parquet metadata: a binary field runs past its end.");
        var value = _data.Slice(Position, length);
        Position += length;
        return value;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    public (ThriftType ElementType, int Count) ReadListHeader()
    {
        var header = ReadByte();
        var count = header >> 4;
        if (count == 15) count = checked((int)ReadVarint());
        return ((ThriftType)(header & 0x0F), count);
    }

    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.True or ThriftType.False: break;
            case ThriftType.Byte: ReadByte(); break;
            case ThriftType.I16 or ThriftType.I32 or ThriftType.I64: ReadVarint(); break;
            case ThriftType.Double: Advance(8); break;
            case ThriftType.Binary: ReadBinary(); break;
            case ThriftType.List or ThriftType.Set:
            {
                var (element, count) = ReadListHeader();
                for (var i = 0; i < count; i++)
                    if (element is ThriftType.True or ThriftType.False) ReadByte();
                    else Skip(element);
                break;
            }
            case ThriftType.Map:
            {
                var count = checked((int)ReadVarint());
                if (count == 0) break;
                var types = ReadByte();
                for (var i = 0; i < count; i++)
                {
                    Skip((ThriftType)(types >> 4));
                    Skip((ThriftType)(types & 0x0F));
                }
                break;
            }
            case ThriftType.Struct:
            {
                var outer = BeginStruct();
                while (NextField(out _, out var fieldType)) Skip(fieldType);
                EndStruct(outer);
                break;
            }
            default: throw new InvalidDataException($"Parquet metadata: unknown Thrift type {(int)type}.");
        }
    }

    private byte ReadByte()
    {
        if (Position >= _data.Length) throw new InvalidDataException("Parquet metadata ends early.");
        return _data[Position++];
    }

    private void Advance(int bytes)
    {
        if (Position + bytes > _data.Length) throw new InvalidDataException("Parquet metadata ends early.");
        Position += bytes;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("Parquet metadata: a varint is too long.");
    }

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}

internal static class LittleEndian
{
    public static void WriteInt32(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
