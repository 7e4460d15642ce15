using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// Interns a column's values into a <see cref="SymbolTable"/>, remembering slices by the identity of their buffer.
/// Dictionary-encoded Parquet columns hand out the same buffer for every occurrence of a value, so after the
/// first occurrence a lookup costs a pointer hash instead of hashing the text. Call <see cref="NextBatch"/>
/// whenever the reader may reuse its buffers.
/// </summary>
public sealed class SliceInterner(SymbolTable table)
{
    private readonly Dictionary<SliceIdentity, int> _byIdentity = [];
    private SliceIdentity _last;
    private int _lastId = SymbolTable.None;

    public SymbolTable Table => table;

    public void NextBatch()
    {
        _byIdentity.Clear();
        _last = default;
    }

    public int Intern(ReadOnlyMemory<char>? value) => value is null ? SymbolTable.None : Intern(value.Value);

    public int Intern(ReadOnlyMemory<char> value)
    {
        if (!MemoryMarshal.TryGetArray(value, out var segment) || segment.Array is null) return table.Intern(value);
        var identity = new SliceIdentity(segment.Array, segment.Offset, segment.Count);
        // Neighbouring rows often repeat a value (a student's events come together): check the last one first.
        if (identity.Equals(_last)) return _lastId;
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_byIdentity, identity, out var known);
        if (!known) id = table.Intern(value);
        (_last, _lastId) = (identity, id);
        return id;
    }

    private readonly struct SliceIdentity(char[] array, int offset, int length) : IEquatable<SliceIdentity>
    {
        private readonly char[] _array = array;
        private readonly int _offset = offset;
        private readonly int _length = length;

        public bool Equals(SliceIdentity other) => ReferenceEquals(_array, other._array) && _offset == other._offset && _length == other._length;

        public override bool Equals(object? obj) => obj is SliceIdentity other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(_array), _offset, _length);
    }
}
