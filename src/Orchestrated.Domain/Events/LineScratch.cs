namespace Orchestrated.Domain.Events;

/// <summary>
/// Room for the texts of one line that cannot be slices of the line itself (values with escapes, the extra fields
/// object). Reset for every line; a buffer that grows leaves earlier slices pointing at the old one, still intact.
/// </summary>
internal sealed class LineScratch
{
    private byte[] _buffer = new byte[4096];
    private int _used;

    public void Reset() => _used = 0;

    /// <summary>Space for up to <paramref name="bytes"/> bytes; call <see cref="Commit"/> with what was written.</summary>
    public Span<byte> Reserve(int bytes)
    {
        if (_used + bytes > _buffer.Length)
        {
            var grown = new byte[Math.Max(_buffer.Length * 2, _used + bytes)];
            _buffer.AsSpan(0, _used).CopyTo(grown);
            _buffer = grown;
        }
        return _buffer.AsSpan(_used, bytes);
    }

    public ReadOnlyMemory<byte> Commit(int written)
    {
        var memory = new ReadOnlyMemory<byte>(_buffer, _used, written);
        _used += written;
        return memory;
    }
}
