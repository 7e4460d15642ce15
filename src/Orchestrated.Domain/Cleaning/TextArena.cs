namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// Stores many short texts (event ids) in a few large blocks and hands out slices, so a million ids are a few
/// dozen objects for the garbage collector instead of a million. <see cref="Reset"/> keeps the blocks for reuse.
/// </summary>
public sealed class TextArena(int blockChars = 1 << 20)
{
    private readonly List<char[]> _blocks = [];
    private int _block = -1;
    private int _used;

    public ReadOnlyMemory<char> Add(ReadOnlySpan<char> text)
    {
        if (text.Length > blockChars) return text.ToArray();
        if (_block < 0 || _used + text.Length > _blocks[_block].Length)
        {
            _block++;
            if (_block == _blocks.Count) _blocks.Add(new char[blockChars]);
            _used = 0;
        }
        var block = _blocks[_block];
        text.CopyTo(block.AsSpan(_used));
        var slice = new ReadOnlyMemory<char>(block, _used, text.Length);
        _used += text.Length;
        return slice;
    }

    /// <summary>Takes back the text just added (it must be the last one handed out).</summary>
    public void RemoveLast(ReadOnlyMemory<char> slice)
    {
        if (_block >= 0 && _used >= slice.Length) _used -= slice.Length;
    }

    /// <summary>Forgets every text; slices handed out before now must no longer be used.</summary>
    public void Reset()
    {
        _block = -1;
        _used = 0;
    }
}
