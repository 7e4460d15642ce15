using Orchestrated.Domain.Buffers;

namespace Orchestrated.Domain.Text;

/// <summary>
/// Stores many short UTF-8 texts (event ids, JSON documents) in a few large blocks. A text is addressed by a packed
/// handle (block, offset, length in one <see cref="long"/>), so a million ids are a few dozen objects and arrays of
/// plain numbers, which the garbage collector never has to walk. <see cref="Reset"/> keeps the blocks for reuse;
/// <see cref="Dispose"/> gives them back to the shared pool.
/// </summary>
public sealed class TextArena : IDisposable
{
    public const long None = -1;
    private const int OffsetBits = 20;              // blocks of 1 MiB
    private const int LengthBits = 24;              // texts up to 16 MiB (the longest raw line allowed)
    private const int BlockBytes = 1 << OffsetBits;
    private readonly List<byte[]> _blocks = [];
    private readonly List<bool> _borrowed = []; // regular blocks, from the pool; the others hold one oversized text each
    private int _block = -1;
    private int _used;

    public long Add(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= 1 << LengthBits) throw new ArgumentException($"A text of {utf8.Length} bytes is too long for the arena.");
        if (utf8.Length > BlockBytes)
        {
            // Its own block; the current block stays current.
            _blocks.Add(utf8.ToArray());
            _borrowed.Add(false);
            return Pack(_blocks.Count - 1, 0, utf8.Length);
        }
        if (_block < 0 || _used + utf8.Length > BlockBytes)
        {
            _block = NextRegularBlock();
            _used = 0;
        }
        utf8.CopyTo(_blocks[_block].AsSpan(_used));
        var handle = Pack(_block, _used, utf8.Length);
        _used += utf8.Length;
        return handle;
    }

    /// <summary>Adds a text given as UTF-16 (tests, small inputs).</summary>
    public long Add(string text) => Add(System.Text.Encoding.UTF8.GetBytes(text));

    public ReadOnlySpan<byte> Span(long handle)
    {
        var (block, offset, length) = Unpack(handle);
        return new ReadOnlySpan<byte>(_blocks[block], offset, length);
    }

    public string Text(long handle) => System.Text.Encoding.UTF8.GetString(Span(handle));

    /// <summary>Forgets every text; handles given out before now must no longer be used.</summary>
    public void Reset()
    {
        for (var b = 0; b < _blocks.Count; b++)
            if (!_borrowed[b]) _blocks[b] = []; // an oversized text's memory goes now; its slot is never reused
        _block = -1;
        _used = 0;
    }

    private int NextRegularBlock()
    {
        for (var b = _block + 1; b < _blocks.Count; b++)
            if (_borrowed[b]) return b;
        _blocks.Add(ArrayLoans.Rent<byte>(BlockBytes));
        _borrowed.Add(true);
        return _blocks.Count - 1;
    }

    public void Dispose()
    {
        for (var b = 0; b < _blocks.Count; b++)
        {
            var block = _blocks[b];
            if (_borrowed[b]) ArrayLoans.Return(ref block);
        }
        _blocks.Clear();
        _borrowed.Clear();
        _block = -1;
        _used = 0;
    }

    private static long Pack(int block, int offset, int length) =>
        ((long)block << (OffsetBits + LengthBits)) | ((long)offset << LengthBits) | (uint)length;

    private static (int Block, int Offset, int Length) Unpack(long handle) =>
        ((int)(handle >> (OffsetBits + LengthBits)), (int)((handle >> LengthBits) & (BlockBytes - 1)),
            (int)(handle & ((1L << LengthBits) - 1)));
}
