using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// A name-based UUID (RFC 9562 version 5) of the stream and the session's start. A stream's sessions never
/// share a start, so the id is unique, and it is the same on every run over the same input.
/// </summary>
public static class SessionId
{
    private static readonly byte[] Namespace = Guid.Parse("6f1c6f0e-3b0a-4f5e-9a51-0c2d0d9a7b11").ToByteArray(bigEndian: true);
    private const byte Separator = 0x1F;
    /// <summary>One hash context per thread, reused: setting one up costs more than hashing a short name.</summary>
    [ThreadStatic] private static IncrementalHash? t_sha1;

    /// <summary>SHA-1 of the namespace and the UTF-8 name <c>student␟device␟browser␟network␟startMicros</c> (absent parts empty).</summary>
    public static Guid For(string studentHash, string? streamDevice, string? streamBrowser, string? streamNetwork, long startMicros)
    {
        var length = Namespace.Length + Utf8Length(studentHash) + Utf8Length(streamDevice) + Utf8Length(streamBrowser) +
            Utf8Length(streamNetwork) + 4 + 20;
        Span<byte> input = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Namespace.CopyTo(input);
        var at = Namespace.Length;
        at += Encoding.UTF8.GetBytes(studentHash, input[at..]);
        input[at++] = Separator;
        if (streamDevice is not null) at += Encoding.UTF8.GetBytes(streamDevice, input[at..]);
        input[at++] = Separator;
        if (streamBrowser is not null) at += Encoding.UTF8.GetBytes(streamBrowser, input[at..]);
        input[at++] = Separator;
        if (streamNetwork is not null) at += Encoding.UTF8.GetBytes(streamNetwork, input[at..]);
        input[at++] = Separator;
        Utf8Formatter.TryFormat(startMicros, input[at..], out var digits);
        at += digits;
        Span<byte> hash = stackalloc byte[20];
        var sha1 = t_sha1 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(input[..at]);
        sha1.GetHashAndReset(hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }

    private static int Utf8Length(string? text) => text is null ? 0 : Encoding.UTF8.GetMaxByteCount(text.Length);
}
