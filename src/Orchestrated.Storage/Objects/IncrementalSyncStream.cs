using System.Runtime.InteropServices;

namespace Orchestrated.Storage.Objects;

/// <summary>
/// A file being written that asks the kernel, every few megabytes, to start writing what it holds so far to disk
/// without waiting for it (Linux's <c>sync_file_range</c>, as RocksDB's <c>bytes_per_sync</c> does). The flush to disk
/// before the file is renamed into place then has little left to wait for, instead of a whole partition: the thread
/// that wrote it would otherwise sit idle for a fifth of a second per 64 MB on this project's machine. Elsewhere than
/// Linux it is a plain pass-through.
/// </summary>
internal sealed class IncrementalSyncStream(FileStream file) : Stream
{
    private const long SyncEvery = 8 << 20;
    private const int SyncFileRangeWrite = 2;
    private static bool _supported = OperatingSystem.IsLinux();
    private long _sinceSync;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        file.Write(buffer);
        _sinceSync += buffer.Length;
        if (_supported && _sinceSync >= SyncEvery) StartWriteback();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

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

    public override void WriteByte(byte value) => Write(new ReadOnlySpan<byte>(in value));

    private void StartWriteback()
    {
        file.Flush(flushToDisk: false); // the bytes must be the kernel's before it can write them
        // The whole file (length 0 means to its end): pages already written cost nothing. Best effort: a failure
        // only means the final flush waits longer; a C library without the call turns the hint off.
        try
        {
            _ = SyncFileRange((int)file.SafeFileHandle.DangerousGetHandle(), 0, 0, SyncFileRangeWrite);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _supported = false;
        }
        _sinceSync = 0;
    }

    [DllImport("libc", EntryPoint = "sync_file_range")]
    private static extern int SyncFileRange(int fd, long offset, long nbytes, int flags);

    public override void Flush() => file.Flush();
    public override bool CanRead => file.CanRead;
    public override bool CanSeek => file.CanSeek;
    public override bool CanWrite => true;
    public override long Length => file.Length;
    public override long Position { get => file.Position; set => file.Position = value; }
    public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);
    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);
    public override void SetLength(long value) => file.SetLength(value);
}
