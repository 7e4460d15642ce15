using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Tests.Support;

/// <summary>
/// A store that dies in the middle of writing matching objects, the way a killed worker or a dropped connection
/// would: after some bytes of the new content, the write throws.
/// </summary>
public sealed class FaultInjectingStore(IObjectStore inner, Func<string, bool> failWritesOf, long afterBytes) : IObjectStore
{
    public int Failures { get; private set; }

    public string Describe(string key) => inner.Describe(key);
    public Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);
    public Task<StoredObject?> StatAsync(string key, CancellationToken ct = default) => inner.StatAsync(key, ct);
    public Task<Stream> OpenReadAsync(string key, CancellationToken ct = default) => inner.OpenReadAsync(key, ct);
    public Task DeleteAsync(string key, CancellationToken ct = default) => inner.DeleteAsync(key, ct);

    public Task<StoredObject> WriteAsync(string key, Func<Stream, CancellationToken, Task> writeContent, CancellationToken ct = default)
    {
        if (!failWritesOf(key)) return inner.WriteAsync(key, writeContent, ct);
        Failures++;
        return inner.WriteAsync(key, (stream, token) => writeContent(new DyingStream(stream, afterBytes), token), ct);
    }

    private sealed class DyingStream(Stream inner, long budget) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > budget)
            {
                inner.Write(buffer[..(int)Math.Max(0, budget - _written)]);
                throw new IOException("simulated crash: the worker died while writing");
            }
            inner.Write(buffer);
            _written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
