using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Text;
using Orchestrated.Testing;
using Orchestrated.Storage.Parquet.Codec;
using Parquet;
using Parquet.Schema;

namespace Orchestrated.Storage.Tests;

/// <summary>
/// Our Parquet codec (bronze and silver events) against two independent implementations: DuckDB and Parquet.Net
/// read what it writes, and it reads what Parquet.Net writes, value for value.
/// </summary>
[Trait("Tier", "unit")]
public sealed class ColumnarCodecTests : IDisposable
{
    private static readonly ColumnSpec[] Schema =
    [
        new("id", ColumnKind.Text, true),
        new("label", ColumnKind.Text, false),
        new("ts", ColumnKind.Timestamp, false),
        new("n", ColumnKind.Int64, false),
        new("small", ColumnKind.Int32, false),
        new("day", ColumnKind.Date, false),
        new("x", ColumnKind.Double, true),
        new("note", ColumnKind.Text, true),
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("codec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Rows spanning several pages and row groups, nulls in runs and alone, repeated and unique text, non-ASCII.</summary>
    private sealed record Rows(string?[] Id, string[] Label, long[] Ts, long[] N, int[] Small, int[] Day, double?[] X, string?[] Note)
    {
        public int Count => Id.Length;

        public static Rows Make(int count, int seed)
        {
            var random = new Random(seed);
            var labels = new[] { "desktop", "mobile", "tablet", "ünïcödé · 学习", "" };
            string?[] id = new string?[count], note = new string?[count];
            var label = new string[count];
            long[] ts = new long[count], n = new long[count];
            int[] small = new int[count], day = new int[count];
            var x = new double?[count];
            for (var i = 0; i < count; i++)
            {
                id[i] = i % 97 == 0 ? null : $"e-{i}-{random.Next():x}";
                label[i] = labels[random.Next(labels.Length)];
                ts[i] = 1_772_445_600_000_000L + i * 1_000_003L - (i % 5 == 0 ? 7 : 0);
                n[i] = random.NextInt64(long.MinValue, long.MaxValue);
                small[i] = random.Next(int.MinValue, int.MaxValue);
                day[i] = 20_500 + i % 3;
                x[i] = (i / 1000) % 3 == 0 ? null : random.NextDouble() * 100 - 50;
                note[i] = random.Next(4) == 0 ? null : $"{{\"k\":{i % 13}}}";
            }
            return new Rows(id, label, ts, n, small, day, x, note);
        }
    }

    private string Write(Rows rows, int rowGroupSize,
        global::Parquet.CompressionMethod compression = global::Parquet.CompressionMethod.Snappy)
    {
        var path = Path.Combine(_dir, $"t-{Guid.NewGuid():N}.parquet");
        using var stream = File.Create(path);
        var writer = new ColumnarFileWriter(stream, Schema, compression);
        var symbols = new SymbolTable();
        var arena = new TextArena();
        for (var offset = 0; offset < rows.Count || offset == 0; offset += rowGroupSize)
        {
            var n = Math.Min(rowGroupSize, rows.Count - offset);
            writer.BeginRowGroup(n);
            writer.WriteTexts(rows.Id.AsSpan(offset, n).ToArray().Select(t => t is null ? TextArena.None : arena.Add(t)).ToArray(), arena);
            writer.WriteSymbols(rows.Label.AsSpan(offset, n).ToArray().Select(t => symbols.Intern(t)).ToArray(), symbols);
            writer.WriteInt64(rows.Ts.AsSpan(offset, n));
            writer.WriteInt64(rows.N.AsSpan(offset, n));
            writer.WriteInt32(rows.Small.AsSpan(offset, n));
            writer.WriteInt32(rows.Day.AsSpan(offset, n));
            writer.WriteDoubles(rows.X.AsSpan(offset, n));
            writer.WriteSymbols(rows.Note.AsSpan(offset, n).ToArray().Select(t => symbols.Intern(t)).ToArray(), symbols);
            writer.EndRowGroup();
            if (rows.Count == 0) break;
        }
        writer.Complete(new Dictionary<string, string> { ["k"] = "v" });
        return path;
    }

    private static Rows ReadBack(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ColumnarFileReader.Open(stream, path);
        reader.Require(Schema, "test");
        var all = new List<(string?, string, long, long, int, int, double?, string?)>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var n = reader.RowsIn(g);
            var id = new TextColumn(n);
            var label = new TextColumn(n);
            var note = new TextColumn(n);
            long[] ts = new long[n], num = new long[n];
            int[] small = new int[n];
            var day = new DateOnly[n];
            var x = new double?[n];
            reader.ReadTexts(g, "id", id);
            reader.ReadTexts(g, "label", label);
            reader.ReadInt64(g, "ts", ts);
            reader.ReadInt64(g, "n", num);
            reader.ReadInt32(g, "small", small);
            reader.ReadDates(g, "day", day);
            reader.ReadDoubles(g, "x", x);
            reader.ReadTexts(g, "note", note);
            for (var i = 0; i < n; i++)
                all.Add((id.Text(i), label.Text(i)!, ts[i], num[i], small[i],
                    day[i].DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber, x[i], note.Text(i)));
        }
        return new Rows([.. all.Select(r => r.Item1)], [.. all.Select(r => r.Item2)], [.. all.Select(r => r.Item3)],
            [.. all.Select(r => r.Item4)], [.. all.Select(r => r.Item5)], [.. all.Select(r => r.Item6)], [.. all.Select(r => r.Item7)],
            [.. all.Select(r => r.Item8)]);
    }

    private static void AssertSame(Rows expected, Rows actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Label, actual.Label);
        Assert.Equal(expected.Ts, actual.Ts);
        Assert.Equal(expected.N, actual.N);
        Assert.Equal(expected.Small, actual.Small);
        Assert.Equal(expected.Day, actual.Day);
        Assert.Equal(expected.X, actual.X);
        Assert.Equal(expected.Note, actual.Note);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(70_001, 70_001)]   // one row group of three pages
    [InlineData(100_000, 33_333)]  // row groups that do not divide the rows
    public void What_it_writes_it_reads_back_unchanged(int count, int rowGroupSize)
    {
        var rows = Rows.Make(count, seed: count);
        AssertSame(rows, ReadBack(Write(rows, rowGroupSize)));
    }

    [Theory]
    [InlineData(global::Parquet.CompressionMethod.None)]
    [InlineData(global::Parquet.CompressionMethod.Snappy)]
    [InlineData(global::Parquet.CompressionMethod.Zstd)]
    [InlineData(global::Parquet.CompressionMethod.Gzip)]
    public async Task Every_supported_codec_round_trips_and_DuckDB_agrees(global::Parquet.CompressionMethod compression)
    {
        var rows = Rows.Make(5_000, seed: 7);
        var path = Write(rows, 2_000, compression);
        AssertSame(rows, ReadBack(path));
        await using var duck = new DuckDb();
        var summary = (await duck.RowsAsync(
            "SELECT count(*), count(id), sum(n::HUGEINT)::VARCHAR, sum(small::BIGINT)::VARCHAR, count(x), min(ts), " +
                $"max(day)::VARCHAR FROM read_parquet('{path}')")).Single();
        Assert.Equal(5_000L, Convert.ToInt64(summary[0]));
        Assert.Equal((long)rows.Id.Count(i => i is not null), Convert.ToInt64(summary[1]));
        Assert.Equal(rows.N.Aggregate(System.Numerics.BigInteger.Zero, (a, v) => a + v).ToString(), summary[2]);
        Assert.Equal(rows.Small.Sum(v => (long)v).ToString(), summary[3]);
        Assert.Equal((long)rows.X.Count(v => v is not null), Convert.ToInt64(summary[4]));
        Assert.Equal(DateTime.UnixEpoch.AddTicks(rows.Ts.Min() * 10), ((DateTimeOffset)(DateTime)summary[5]!).UtcDateTime);
        Assert.Equal(DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + rows.Day.Max()).ToString("yyyy-MM-dd"),
            summary[6]);
    }

    [Fact]
    public async Task DuckDB_reads_every_value_and_the_logical_types()
    {
        var rows = Rows.Make(40_000, seed: 3);
        var path = Write(rows, 16_384);
        await using var duck = new DuckDb();
        var types = await duck.DescribeAsync(path);
        Assert.Equal(new Dictionary<string, string>
        {
            ["id"] = "VARCHAR", ["label"] = "VARCHAR", ["ts"] = "TIMESTAMP WITH TIME ZONE", ["n"] = "BIGINT", ["small"] = "INTEGER",
            ["day"] = "DATE", ["x"] = "DOUBLE", ["note"] = "VARCHAR",
        }, types);
        var read = await duck.RowsAsync($"SELECT id, label, epoch_us(ts), n, small, x, note FROM read_parquet('{path}')");
        Assert.Equal(rows.Count, read.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows.Id[i], read[i][0]);
            Assert.Equal(rows.Label[i], read[i][1]);
            Assert.Equal(rows.Ts[i], Convert.ToInt64(read[i][2]));
            Assert.Equal(rows.N[i], read[i][3]);
            Assert.Equal(rows.Small[i], read[i][4]);
            Assert.Equal(rows.X[i], (double?)read[i][5]);
            Assert.Equal(rows.Note[i], read[i][6]);
        }
        Assert.Equal("v", await duck.ScalarAsync($"SELECT decode(value) FROM parquet_kv_metadata('{path}') WHERE decode(key) = 'k'"));
    }

    [Fact]
    public async Task Parquet_Net_reads_what_it_writes()
    {
        var rows = Rows.Make(10_000, seed: 11);
        var path = Write(rows, 4_096);
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var ids = new List<string?>();
        var xs = new List<double?>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var id = new ReadOnlyMemory<char>?[n];
            await group.ReadAsync<ReadOnlyMemory<char>>(fields.Single(f => f.Name == "id"), id.AsMemory());
            ids.AddRange(id.Select(v => v?.ToString()));
            var x = new double?[n];
            await group.ReadAsync<double>(fields.Single(f => f.Name == "x"), x.AsMemory());
            xs.AddRange(x);
        }
        Assert.Equal(rows.Id, ids);
        Assert.Equal(rows.X, xs);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task It_reads_what_Parquet_Net_writes(bool dictionary)
    {
        var rows = Rows.Make(20_000, seed: 5);
        var path = Path.Combine(_dir, "parquet-net.parquet");
        var schema = new ParquetSchema(
            new DataField<string>("id", true), new DataField<string>("label", false),
            new DateTimeDataField("ts", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false),
            new DataField<long>("n", false), new DataField<int>("small", false), new DataField<DateOnly>("day", false),
            new DataField<double?>("x"), new DataField<string>("note", true));
        var options = new ParquetOptions { CompressionMethod = global::Parquet.CompressionMethod.Snappy };
        if (dictionary) foreach (var c in new[] { "label", "note" }) options.ColumnEncodingHints[c] = EncodingHint.Dictionary;
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream, options))
        {
            var f = schema.GetDataFields();
            for (var offset = 0; offset < rows.Count; offset += 7_000)
            {
                var n = Math.Min(7_000, rows.Count - offset);
                using var g = writer.CreateRowGroup();
                await g.WriteAsync(f[0], new ArraySegment<string>(rows.Id!, offset, n));
                await g.WriteAsync(f[1], new ArraySegment<string>(rows.Label, offset, n));
                await g.WriteAsync<DateTime>(f[2],
                    new ArraySegment<long>(rows.Ts, offset, n).Select(t => DateTime.UnixEpoch.AddTicks(t * 10)).ToArray());
                await g.WriteAsync<long>(f[3], new ReadOnlyMemory<long>(rows.N, offset, n));
                await g.WriteAsync<int>(f[4], new ReadOnlyMemory<int>(rows.Small, offset, n));
                await g.WriteAsync<DateOnly>(f[5], new ArraySegment<int>(rows.Day, offset, n)
                    .Select(d => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + d)).ToArray());
                await g.WriteAsync<double>(f[6], new ReadOnlyMemory<double?>(rows.X, offset, n));
                await g.WriteAsync(f[7], new ArraySegment<string>(rows.Note!, offset, n));
            }
        }
        AssertSame(rows, ReadBack(path));
    }

    [Fact]
    public void A_file_of_another_shape_fails_with_the_column_named()
    {
        var path = Write(Rows.Make(10, 1), 10);
        using var stream = File.OpenRead(path);
        var reader = ColumnarFileReader.Open(stream, "f.parquet");
        var e = Assert.Throws<InvalidDataException>(() => reader.Require([new ColumnSpec("label", ColumnKind.Int64, false)], "t"));
        Assert.Contains("'label'", e.Message);
        e = Assert.Throws<InvalidDataException>(() => reader.Require([new ColumnSpec("absent", ColumnKind.Text, true)], "t"));
        Assert.Contains("'absent'", e.Message);
    }

    [Fact]
    public void Damaged_files_are_a_clear_error_never_a_crash()
    {
        var good = File.ReadAllBytes(Write(Rows.Make(3_000, 2), 1_000));
        var random = new Random(9);
        var cases = new List<byte[]> { Array.Empty<byte>(), "PAR1"u8.ToArray(), good[..(good.Length / 2)], good[..^1] };
        for (var k = 0; k < 40; k++)
        {
            var damaged = (byte[])good.Clone();
            for (var j = 0; j < 8; j++) damaged[random.Next(4, damaged.Length - 8)] ^= (byte)random.Next(1, 256);
            cases.Add(damaged);
        }
        foreach (var bytes in cases)
        {
            try { ReadBack(WriteBytes(bytes)); }
            catch (InvalidDataException) { }
            // Flipped bytes inside a value can also decode to other values: not an error, and not what this test is about.
        }
    }

    private string WriteBytes(byte[] bytes)
    {
        var path = Path.Combine(_dir, $"d-{Guid.NewGuid():N}.parquet");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static readonly ColumnSpec[] MixedSchema =
    [
        new("random", ColumnKind.Text, false),
        new("json", ColumnKind.Text, true),
        new("flag", ColumnKind.Boolean, false),
        new("amount", ColumnKind.Double, false),
    ];

    /// <summary>Random ids, repetitive JSON, booleans and required doubles, over several pages and two row groups.</summary>
    private string WriteMixed(int count, out string[] random, out string?[] json, out bool[] flags, out double[] amounts)
    {
        var generator = new Random(count);
        random = Enumerable.Range(0, count).Select(_ => Convert.ToHexString(Guid.NewGuid().ToByteArray())).ToArray();
        json = Enumerable.Range(0, count).Select(i => i % 11 == 0 ? null : $"{{\"scroll_depth\":0.{i % 10},\"time_spent_sec\":{i % 90}}}")
            .ToArray();
        flags = Enumerable.Range(0, count).Select(_ => generator.Next(3) == 0).ToArray();
        amounts = Enumerable.Range(0, count).Select(_ => generator.NextDouble() * 1000).ToArray();
        var path = Path.Combine(_dir, $"mixed-{Guid.NewGuid():N}.parquet");
        using var stream = File.Create(path);
        var writer = new ColumnarFileWriter(stream, MixedSchema, global::Parquet.CompressionMethod.Snappy);
        for (var offset = 0; offset < count; offset += 40_000)
        {
            var n = Math.Min(40_000, count - offset);
            writer.BeginRowGroup(n);
            writer.WriteUniqueStrings(new ReadOnlySpan<string?>(random, offset, n));
            writer.WriteUniqueStrings(new ReadOnlySpan<string?>(json, offset, n));
            writer.WriteBooleans(flags.AsSpan(offset, n));
            writer.WriteDoubles(amounts.AsSpan(offset, n));
            writer.EndRowGroup();
        }
        writer.Complete();
        return path;
    }

    [Fact]
    public async Task A_column_that_does_not_compress_is_stored_raw_and_every_reader_reads_the_file()
    {
        var path = WriteMixed(70_000, out var random, out var json, out var flags, out var amounts);
        await using var duck = new DuckDb();
        var codecs = (await duck.RowsAsync($"SELECT DISTINCT path_in_schema, compression FROM parquet_metadata('{path}') ORDER BY 1"))
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("UNCOMPRESSED", codecs["random"]);
        Assert.Equal("SNAPPY", codecs["json"]);
        Assert.Equal(
            new Dictionary<string, string> { ["random"] = "VARCHAR", ["json"] = "VARCHAR", ["flag"] = "BOOLEAN", ["amount"] = "DOUBLE" },
            await duck.DescribeAsync(path));
        var read = await duck.RowsAsync($"SELECT random, json, flag, amount FROM read_parquet('{path}')");
        Assert.Equal(random, read.Select(r => (string)r[0]!));
        Assert.Equal(json, read.Select(r => (string?)r[1]));
        Assert.Equal(flags, read.Select(r => (bool)r[2]!));
        Assert.Equal(amounts, read.Select(r => (double)r[3]!));

        // Our reader, and Parquet.Net, read the same values.
        await using (var stream = File.OpenRead(path))
        {
            using var reader = ColumnarFileReader.Open(stream, path);
            reader.Require(MixedSchema, "mixed");
            var ours = new List<(string, string?, bool, double)>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var n = reader.RowsIn(g);
                using TextColumn r = new(n), j = new(n);
                var f = new bool[n];
                var a = new double?[n];
                reader.ReadTexts(g, "random", r);
                reader.ReadTexts(g, "json", j);
                reader.ReadBooleans(g, "flag", f);
                reader.ReadDoubles(g, "amount", a);
                for (var i = 0; i < n; i++) ours.Add((r.Text(i)!, j.Text(i), f[i], a[i]!.Value));
            }
            Assert.Equal(Enumerable.Range(0, random.Length).Select(i => (random[i], json[i], flags[i], amounts[i])), ours);
        }
        await using (var stream = File.OpenRead(path))
        await using (var reader = await ParquetReader.CreateAsync(stream))
        {
            var fields = reader.Schema.GetDataFields();
            var flagsRead = new List<bool>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var f = new bool[group.RowCount];
                await group.ReadAsync<bool>(fields.Single(x => x.Name == "flag"), f.AsMemory());
                flagsRead.AddRange(f);
            }
            Assert.Equal(flags, flagsRead);
        }
    }
}
