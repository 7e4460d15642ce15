using System.IO.Compression;
using System.Text;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Tests.Support;

/// <summary>Writes raw files the way an LMS drops them.</summary>
public static class RawFiles
{
    public static Task WriteAsync(IObjectStore store, DateOnly date, string name, string content) =>
        WriteAsync(store, date, name, Encoding.UTF8.GetBytes(content));

    public static async Task WriteAsync(IObjectStore store, DateOnly date, string name, byte[] content) =>
        await store.WriteAsync($"raw/events/date={date:yyyy-MM-dd}/{name}", async (s, ct) => await s.WriteAsync(content, ct));

    public static byte[] Gzip(string content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(content));
        return memory.ToArray();
    }

    public static string Line(string eventId, string student, string timestamp, string device = "desktop", string extra = "") =>
        $$"""{"event_id":"{{eventId}}","student_id":"{{student}}","timestamp":"{{timestamp}}","device":"{{device}}"{{extra}}}""";
}
