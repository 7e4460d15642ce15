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

    public static Guid For(string studentHash, string? streamDevice, string? streamBrowser, string? streamNetwork, long startMicros)
    {
        var name = $"{studentHash}\u001f{streamDevice}\u001f{streamBrowser}\u001f{streamNetwork}\u001f{startMicros}";
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[Namespace.Length + nameBytes.Length];
        Namespace.CopyTo(input, 0);
        nameBytes.CopyTo(input, Namespace.Length);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
