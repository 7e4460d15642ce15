using System.IO.Compression;
using System.Text.Json;

namespace Orchestrated.Pipeline.Sample;

/// <summary>The raw files being written: one JSON writer per (arrival date, file name), opened on first use.</summary>
internal sealed class RawFileSet(string root) : IDisposable
{
    private readonly Dictionary<(DateOnly, string), RawFile> _files = [];

    public long Lines { get; private set; }
    public Dictionary<DateOnly, long> LinesByDate { get; } = [];

    public Utf8JsonWriter Begin(DateOnly arrival, string fileName)
    {
        if (!_files.TryGetValue((arrival, fileName), out var file))
            _files[(arrival, fileName)] = file = new RawFile(Path.Combine(root, "raw", "events", $"date={arrival:yyyy-MM-dd}", fileName));
        Lines++;
        LinesByDate[arrival] = LinesByDate.GetValueOrDefault(arrival) + 1;
        return file.Json;
    }

    /// <summary>Ends the JSON value just written as a line.</summary>
    public void End(DateOnly arrival, string fileName) => _files[(arrival, fileName)].EndLine();

    /// <summary>Writes a line as-is (broken JSON, exact duplicates).</summary>
    public void WriteRaw(DateOnly arrival, string fileName, ReadOnlySpan<byte> line)
    {
        Begin(arrival, fileName);
        var file = _files[(arrival, fileName)];
        file.Json.Flush();
        file.Stream.Write(line);
        file.Stream.WriteByte((byte)'\n');
    }

    /// <summary>Opens the file if no event was written to it yet: it exists, empty or not.</summary>
    public void Touch(DateOnly arrival, string fileName)
    {
        if (!_files.ContainsKey((arrival, fileName)))
            _files[(arrival, fileName)] = new RawFile(Path.Combine(root, "raw", "events", $"date={arrival:yyyy-MM-dd}", fileName));
    }

    /// <summary>Counts events written to files this set does not manage (a JSON-array file, say).</summary>
    public void CountWrittenElsewhere(DateOnly arrival, long events)
    {
        Lines += events;
        LinesByDate[arrival] = LinesByDate.GetValueOrDefault(arrival) + events;
    }

    public long Files => _files.Count;

    public void Dispose()
    {
        foreach (var file in _files.Values) file.Dispose();
    }

    private sealed class RawFile : IDisposable
    {
        private readonly FileStream _file;

        public RawFile(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            Stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(_file, CompressionLevel.Fastest) : _file;
            Json = new Utf8JsonWriter(Stream, new JsonWriterOptions { SkipValidation = true });
        }

        public Stream Stream { get; }
        public Utf8JsonWriter Json { get; }

        public void EndLine()
        {
            Json.Flush();
            Stream.WriteByte((byte)'\n');
            Json.Reset();
        }

        public void Dispose()
        {
            Json.Dispose();
            Stream.Dispose();
            _file.Dispose();
        }
    }
}
