using System.Text;

namespace Orchestrated.Domain.Text;

/// <summary>Questions about UTF-8 text answered without making a string in the common (ASCII) case.</summary>
public static class Utf8Text
{
    /// <summary>As <see cref="string.IsNullOrWhiteSpace"/> of the decoded text.</summary>
    public static bool IsWhiteSpace(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b >= 0x80) return string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(utf8));
            if (!char.IsWhiteSpace((char)b)) return false;
        }
        return true;
    }
}
