using System.Text;

namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>
/// Reads Thrift compact-protocol structs field by field; the caller switches on field ids and calls
/// <see cref="Skip"/> for the ones it does not need, so metadata written by newer writers still reads. Nesting is
/// bounded (<see cref="MaxDepth"/>): a footer that is a long run of nested fields is a clear error, not a stack
/// overflow that would take the process down.
/// </summary>
internal ref struct ThriftReader(ReadOnlySpan<byte> data)
{
    /// <summary>Parquet's own metadata nests five levels deep; a hundred leaves room for any extension.</summary>
    public const int MaxDepth = 100;

    private readonly ReadOnlySpan<byte> _data = data;
    private short _lastId;
    private ThriftType _pendingBool;
    private int _depth;

    public int Position { get; private set; }

    /// <summary>Starts a nested struct; returns the outer struct's last field id, to give back to <see cref="EndStruct"/>.</summary>
    public short BeginStruct()
    {
        Enter();
        var outer = _lastId;
        _lastId = 0;
        return outer;
    }

    public void EndStruct(short outer)
    {
        _lastId = outer;
        _depth--;
    }

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
        if (length < 0 || Position + length > _data.Length)
            throw new InvalidDataException("Parquet metadata: a binary field runs past its end.");
        var value = _data.Slice(Position, length);
        Position += length;
        return value;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    public (ThriftType ElementType, int Count) ReadListHeader()
    {
        var header = ReadByte();
        var count = (long)(header >> 4);
        if (count == 15) count = (long)Math.Min(ReadVarint(), int.MaxValue + 1UL);
        // Every element takes at least a byte: a count beyond the bytes left is a lie, refused before anything is sized by it.
        if (count > _data.Length - Position)
            throw new InvalidDataException($"Parquet metadata: a list of {count} elements in {_data.Length - Position} bytes.");
        return ((ThriftType)(header & 0x0F), (int)count);
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
                Enter();
                var (element, count) = ReadListHeader();
                for (var i = 0; i < count; i++)
                    if (element is ThriftType.True or ThriftType.False) ReadByte();
                    else Skip(element);
                _depth--;
                break;
            }
            case ThriftType.Map:
            {
                Enter();
                var count = checked((int)ReadVarint());
                if (count > 0)
                {
                    var types = ReadByte();
                    for (var i = 0; i < count; i++)
                    {
                        Skip((ThriftType)(types >> 4));
                        Skip((ThriftType)(types & 0x0F));
                    }
                }
                _depth--;
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

    private void Enter()
    {
        if (++_depth > MaxDepth)
            throw new InvalidDataException($"Parquet metadata nests deeper than {MaxDepth} levels: the file is damaged or hostile.");
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
