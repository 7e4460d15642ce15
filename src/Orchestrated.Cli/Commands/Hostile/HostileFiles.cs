using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Storage.Layout;

namespace Orchestrated.Cli.Commands.Hostile;

/// <summary>
/// The hostile files of issue 14's findings, each written as an attacker or an unlucky exporter would leave it:
/// a blank flood in a small gzip, a line far over the record bound, a gzip bomb, events over thousands of dates,
/// odd file names, Parquet footers nested to overflow a recursive reader or lying about their lists.
/// </summary>
public static class HostileFiles
{
    public static readonly DateOnly Date = new(2026, 3, 2);
    private static string RawFolder(string root) => Path.Combine(root, "raw", "events", $"date={Date:yyyy-MM-dd}");

    public static IReadOnlyList<HostileCase> All(string eventLine) =>
    [
        new("baseline", "a sample day (2,000 students): the memory a normal day takes", root =>
        {
            SampleDataGenerator.Write(root, new SampleOptions(Date, Days: 3, Students: 2_000));
            return Task.CompletedTask;
        }, HostileReader.Ingest),
        new("blank-flood", "1 GiB of blank lines and one event, in a gzip of a few MB", root =>
            Gzip(Path.Combine(RawFolder(root), "flood.jsonl.gz"), stream =>
            {
                var blanks = new byte[1 << 20];
                blanks.AsSpan().Fill((byte)'\n');
                for (var i = 0; i < 1024; i++) stream.Write(blanks);
                stream.Write(Encoding.UTF8.GetBytes(eventLine + "\n"));
            }), HostileReader.Ingest),
        new("huge-line", "a 64 MiB line (over the 16 MiB record bound), then one event", root =>
        {
            using var file = Create(Path.Combine(RawFolder(root), "huge.jsonl"));
            file.Write("{\"event_id\":\""u8);
            var chunk = new byte[1 << 20];
            chunk.AsSpan().Fill((byte)'x');
            for (var i = 0; i < 64; i++) file.Write(chunk);
            file.Write("\"}\n"u8);
            file.Write(Encoding.UTF8.GetBytes(eventLine + "\n"));
            return Task.CompletedTask;
        }, HostileReader.Ingest),
        new("gzip-bomb", "9 GiB of NUL bytes in a gzip of about 9 MB (over the 8 GiB file bound)", root =>
            Gzip(Path.Combine(RawFolder(root), "bomb.jsonl.gz"), stream =>
            {
                var zeros = new byte[1 << 20];
                for (var i = 0; i < 9 * 1024; i++) stream.Write(zeros);
            }), HostileReader.Ingest),
        new("many-dates", "50,000 events spread over 5,000 event dates (over the 400-date bound)", root =>
        {
            var template = JsonNode.Parse(eventLine)!.AsObject();
            using var file = new StreamWriter(Create(Path.Combine(RawFolder(root), "dates.jsonl")));
            for (var i = 0; i < 50_000; i++)
            {
                template["event_id"] = $"many-{i}";
                template["timestamp"] = $"{Date.AddDays(-(i % 5_000)):yyyy-MM-dd}T10:00:{i % 60:D2}Z";
                file.WriteLine(template.ToJsonString());
            }
            return Task.CompletedTask;
        }, HostileReader.Ingest),
        new("odd-names", "events in files named a..jsonl, -rf.jsonl, 'sp ace.jsonl' and 名前.jsonl", root =>
        {
            var i = 0;
            Directory.CreateDirectory(RawFolder(root));
            foreach (var name in new[] { "a..jsonl", "-rf.jsonl", "sp ace.jsonl", "名前.jsonl" })
            {
                var e = JsonNode.Parse(eventLine)!.AsObject();
                e["event_id"] = $"odd-{i++}";
                File.WriteAllText(Path.Combine(RawFolder(root), name), e.ToJsonString() + "\n");
            }
            return Task.CompletedTask;
        }, HostileReader.Ingest),
        new("deep-footer", "a gold daily-stats file whose footer nests 200,000 structs (once a stack overflow)", root =>
            Parquet(root, DeeplyNested()), HostileReader.DailyStats),
        new("lying-list", "a gold daily-stats file whose footer's list claims two billion elements", root =>
            Parquet(root, [0xF9, 0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x02, 0x00]), HostileReader.DailyStats),
    ];

    private static FileStream Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return File.Create(path);
    }

    private static Task Gzip(string path, Action<Stream> write)
    {
        using var file = Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        write(gzip);
        return Task.CompletedTask;
    }

    private static Task Parquet(string root, byte[] footer)
    {
        using var file = Create(Path.Combine(root, Dataset.DailyStats.PartKey(Date)));
        file.Write("PAR1"u8);
        file.Write(footer);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.Length);
        file.Write(length);
        file.Write("PAR1"u8);
        return Task.CompletedTask;
    }

    private static byte[] DeeplyNested()
    {
        const int depth = 200_000;
        var footer = new byte[2 + 2 * depth];
        footer[0] = 0xFC;
        footer.AsSpan(1, depth).Fill(0x1C);
        return footer;
    }
}
