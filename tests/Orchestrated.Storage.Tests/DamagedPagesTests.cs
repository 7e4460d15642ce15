using System.Buffers.Binary;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Tests;

/// <summary>
/// A corpus of damaged data pages — bytes flipped, runs zeroed, bytes cut, sizes in page headers made to lie — in
/// files of every column kind and codec, read in full by our reader (which every table reader of the system goes
/// through: bronze, silver, sessions, daily stats). Each file reads or is refused with a clear
/// <see cref="InvalidDataException"/> naming it; nothing else is thrown, and no damaged file makes the reader
/// allocate more than a bounded multiple of its size (a header cannot claim hundreds of megabytes for ten bytes).
/// </summary>
[Trait("Tier", "unit")]
[Trait("Probe", "hostile")]
public sealed class DamagedPagesTests
{
    private static readonly ColumnSpec[] Schema =
    [
        new("id", ColumnKind.Text, true), new("label", ColumnKind.Text, false), new("ts", ColumnKind.Timestamp, false),
        new("n", ColumnKind.Int64, false), new("small", ColumnKind.Int32, false), new("day", ColumnKind.Date, false),
        new("x", ColumnKind.Double, true), new("flag", ColumnKind.Boolean, false),
    ];

    private const int Rows = 6_000, RowGroup = 2_500;

    public static TheoryData<string> Codecs() => new() { "None", "Snappy", "Gzip", "Zstd" };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Every_damaged_page_is_read_or_refused_clearly_within_bounded_memory(string codec)
    {
        var valid = Write(Enum.Parse<global::Parquet.CompressionMethod>(codec));
        ReadEverything(valid, "valid.parquet"); // the undamaged file reads
        var dataEnd = valid.Length - 8 - BinaryPrimitives.ReadInt32LittleEndian(valid.AsSpan(valid.Length - 8));
        var random = new Random(codec.GetHashCode(StringComparison.Ordinal) ^ 20261202);
        var failures = new List<string>();
        var (read, refused) = (0, 0);
        foreach (var (name, damaged) in Corpus(valid, dataEnd, random))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                ReadEverything(damaged, name);
                read++;
            }
            catch (InvalidDataException e)
            {
                refused++;
                if (!e.Message.Contains(name, StringComparison.Ordinal))
                    failures.Add($"{name}: the error does not name the file: {e.Message}");
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > 64L * damaged.Length + (16 << 20))
                failures.Add($"{name}: allocated {allocated:N0} bytes for a {damaged.Length:N0}-byte file");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {read + refused + failures.Count}:\n{string.Join("\n", failures.Take(30))}");
        Assert.True(refused > 100, $"only {refused} of {read + refused} damaged files were refused: the corpus does not reach the pages");
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_page_header_claiming_134_MB_for_a_page_is_refused_before_anything_is_allocated(string codec)
    {
        // Ids long enough that a page of them is over a megabyte: its size is a four-byte varint, which can lie in place.
        var valid = Write(Enum.Parse<global::Parquet.CompressionMethod>(codec), rows: 40_000, rowGroup: 40_000, idPadding: 40);
        ReadEverything(valid, "valid.parquet", maxRows: 40_000);
        var lies = 0;
        for (var at = 4; at + 8 < valid.Length; at++)
        {
            // A page header in Thrift compact form: field 1 (type: data 0, dictionary 2, v2 3), field 2 (uncompressed size).
            if (valid[at] != 0x15 || valid[at + 1] is not (0x00 or 0x04 or 0x06) || valid[at + 2] != 0x15) continue;
            if ((valid[at + 3] & valid[at + 4] & valid[at + 5] & 0x80) == 0 || valid[at + 6] >= 0x80 || valid[at + 7] != 0x15) continue;
            var damaged = (byte[])valid.Clone();
            ((ReadOnlySpan<byte>)[0xFE, 0xFF, 0xFF, 0x7F]).CopyTo(damaged.AsSpan(at + 3)); // zigzag of 2^27 - 1
            var name = $"lying-{at}.parquet";
            var before = GC.GetAllocatedBytesForCurrentThread();
            var e = Record.Exception(() => ReadEverything(damaged, name, maxRows: 40_000));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (codec != "None") Assert.IsType<InvalidDataException>(e);
            else Assert.True(e is null or InvalidDataException, e?.ToString());
            Assert.True(allocated < 64L << 20, $"{name}: allocated {allocated:N0} bytes");
            lies++;
        }
        Assert.True(lies > 0, "no page header with a four-byte size was found");
    }

    /// <summary>About 1,500 damaged copies of one file, each damaged only between its magic and its footer.</summary>
    private static IEnumerable<(string Name, byte[] File)> Corpus(byte[] valid, int dataEnd, Random random)
    {
        byte[] Copy() => (byte[])valid.Clone();
        for (var i = 0; i < 600; i++)
        {
            var file = Copy();
            var flips = 1 << random.Next(0, 7);
            for (var f = 0; f < flips; f++) file[random.Next(4, dataEnd)] ^= (byte)random.Next(1, 256);
            yield return ($"flip-{i}.parquet", file);
        }
        for (var i = 0; i < 300; i++)
        {
            var file = Copy();
            var at = random.Next(4, dataEnd);
            file.AsSpan(at, Math.Min(random.Next(1, 4096), dataEnd - at)).Fill(random.Next(2) == 0 ? (byte)0 : (byte)0xFF);
            yield return ($"run-{i}.parquet", file);
        }
        for (var i = 0; i < 300; i++)
        {
            // Bytes cut from the data: every offset the footer holds now points past what it means.
            var at = random.Next(4, dataEnd);
            var cut = Math.Min(random.Next(1, 2048), dataEnd - at);
            yield return ($"cut-{i}.parquet", [.. valid.AsSpan(0, at), .. valid.AsSpan(at + cut)]);
        }
        for (var i = 0; i < 300; i++)
        {
            // A varint in the data region made huge: where it is a page header's size, the size lies.
            var file = Copy();
            var at = random.Next(4, dataEnd - 5);
            file[at] |= 0x80;
            file[at + 1] = 0xFF;
            file[at + 2] = 0xFF;
            file[at + 3] = 0xFF;
            file[at + 4] = random.Next(2) == 0 ? (byte)0x07 : (byte)0x0F;
            yield return ($"size-{i}.parquet", file);
        }
    }

    private static void ReadEverything(byte[] bytes, string name, int maxRows = Rows)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = ColumnarFileReader.Open(stream, name);
        reader.Require(Schema, "test");
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var n = reader.RowsIn(g);
            if (n > maxRows) throw new InvalidDataException($"{name}: {n} rows");
            reader.ReadTexts(g, "id", new TextColumn(n));
            reader.ReadTexts(g, "label", new TextColumn(n));
            reader.ReadInt64(g, "ts", new long[n]);
            reader.ReadInt64(g, "n", new long[n]);
            reader.ReadInt32(g, "small", new int[n]);
            reader.ReadDates(g, "day", new DateOnly[n]);
            reader.ReadDoubles(g, "x", new double?[n]);
            reader.ReadBooleans(g, "flag", new bool[n]);
        }
    }

    private static byte[] Write(global::Parquet.CompressionMethod compression, int rows = Rows, int rowGroup = RowGroup, int idPadding = 0)
    {
        var padding = new string('p', idPadding);
        var random = new Random(7);
        var stream = new MemoryStream();
        var writer = new ColumnarFileWriter(stream, Schema, compression);
        var symbols = new SymbolTable();
        var arena = new TextArena();
        string[] labels = ["desktop", "mobile", "tablet", "ünïcödé · 学习", ""];
        for (var offset = 0; offset < rows; offset += rowGroup)
        {
            var n = Math.Min(rowGroup, rows - offset);
            writer.BeginRowGroup(n);
            writer.WriteTexts(Enumerable.Range(offset, n)
                .Select(i => i % 97 == 0 ? TextArena.None : arena.Add($"e-{i}-{random.Next():x}{padding}")).ToArray(), arena);
            writer.WriteSymbols(Enumerable.Range(0, n).Select(_ => symbols.Intern(labels[random.Next(labels.Length)])).ToArray(), symbols);
            writer.WriteInt64(Enumerable.Range(offset, n).Select(i => 1_772_445_600_000_000L + i * 1_000_003L).ToArray());
            writer.WriteInt64(Enumerable.Range(0, n).Select(_ => random.NextInt64()).ToArray());
            writer.WriteInt32(Enumerable.Range(0, n).Select(_ => random.Next()).ToArray());
            writer.WriteInt32(Enumerable.Range(offset, n).Select(i => 20_500 + i % 3).ToArray());
            writer.WriteDoubles(Enumerable.Range(offset, n).Select(i => i % 7 == 0 ? (double?)null : random.NextDouble()).ToArray());
            writer.WriteBooleans(Enumerable.Range(offset, n).Select(i => i % 3 == 0).ToArray());
            writer.EndRowGroup();
        }
        writer.Complete(new Dictionary<string, string>());
        return stream.ToArray();
    }
}
