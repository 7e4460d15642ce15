namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// Stores many short texts (event ids) in a few large blocks. A text is addressed by a packed handle (block, offset,
/// length in one <see cref="long"/>), so a million ids are a few dozen objects and arrays of plain numbers, which the
/// garbage collector never has to walk. <see cref="Reset"/> keeps the blocks for reuse.
/// </summary>
public sealed class TextArena
{
    public const long None = -1;
    private const int OffsetBits = 20;              // blocks of 1 Mi chars
    private const int LengthBits = 24;              // texts up to 16 Mi chars (the longest raw line allowed)
    private const int BlockChars = 1 << OffsetBits;
    private readonly List<char[]> _blocks = [];
    private int _block = -1;
    private int _used;

    public long Add(ReadOnlySpan<char> text)
    {
        if (text.Length >= 1 << LengthBits) throw new ArgumentException($"A text of {text.Length} characters is too long for the arena.");
        if (text.Length > BlockChars)
        {
            // Its own block; the current block stays current.
            _blocks.Add(text.ToArray());
            return Pack(_blocks.Count - 1, 0, text.Length);
        }
        if (_block < 0 || _used + text.Length > BlockChars)
        {
            _block = NextRegularBlock();
            _used = 0;
        }
        text.CopyTo(_blocks[_block].AsSpan(_used));
        var handle = Pack(_block, _used, text.Length);
        _used += text.Length;
        return handle;
    }

    /// <summary>Takes back the text just added (it must be the last one).</summary>
    public void RemoveLast(long handle)
    {
        var (block, offset, _) = Unpack(handle);
        if (block == _block && offset <= _used) _used = offset;
    }

    public ReadOnlyMemory<char> Memory(long handle)
    {
        var (block, offset, length) = Unpack(handle);
        return new ReadOnlyMemory<char>(_blocks[block], offset, length);
    }

    public ReadOnlySpan<char> Span(long handle)
    {
        var (block, offset, length) = Unpack(handle);
        return new ReadOnlySpan<char>(_blocks[block], offset, length);
    }

    /// <summary>Forgets every text; handles given out before now must no longer be used.</summary>
    public void Reset()
    {
        _block = -1;
        _used = 0;
    }

    private int NextRegularBlock()
    {
        for (var b = _block + 1; b < _blocks.Count; b++)
            if (_blocks[b].Length == BlockChars) return b;
        _blocks.Add(new char[BlockChars]);
        return _blocks.Count - 1;
    }

    private static long Pack(int block, int offset, int length) =>
        ((long)block << (OffsetBits + LengthBits)) | ((long)offset << LengthBits) | (uint)length;

    private static (int Block, int Offset, int Length) Unpack(long handle) =>
        ((int)(handle >> (OffsetBits + LengthBits)), (int)((handle >> LengthBits) & (BlockChars - 1)), (int)(handle & ((1L << LengthBits) - 1)));
}
