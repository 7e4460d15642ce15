namespace Orchestrated.Domain.Ingest;

/// <summary>
/// Reads at most a limit of bytes from a stream and then ends, remembering whether more was there: the bound on a
/// file's (decompressed) size, so a gzip bomb costs the time of reading the limit, not of inflating all of it. Counts
/// the bytes it passed on (for a gzip file, the decompressed size its trailer is checked against).
/// </summary>
public sealed class BoundedStream(Stream inner, long limit) : Stream
{
    private long _read;

    public long BytesRead => _read;

    /// <summary>The stream held more than the limit; what came after it was not read.</summary>
    public bool Exceeded { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_read == limit)
        {
            if (!Exceeded && buffer.Length > 0) Exceeded = inner.Read(buffer[..1]) > 0;
            return 0;
        }
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, limit - _read)]);
        _read += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
