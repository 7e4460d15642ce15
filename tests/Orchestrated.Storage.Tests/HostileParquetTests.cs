using System.Buffers.Binary;
using Orchestrated.Storage.Parquet;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Tests;

/// <summary>
/// Damaged and hostile files against every Parquet reader the system uses: each is a clear
/// <see cref="InvalidDataException"/>, never another exception and never a crash of the process (a footer that is a
/// long run of nested fields once overflowed the stack of the server answering a viewer's request).
/// </summary>
[Trait("Tier", "unit")]
[Trait("Probe", "hostile")]
public sealed class HostileParquetTests
{
    private static MemoryStream FileWithFooter(byte[] footer)
    {
        var file = new MemoryStream();
        file.Write("PAR1"u8);
        file.Write(footer);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.Length);
        file.Write(length);
        file.Write("PAR1"u8);
        file.Position = 0;
        return file;
    }

    /// <summary>Field 15 of FileMetaData (unknown, so skipped), a struct whose first field is a struct, … 200,000 deep.</summary>
    private static byte[] DeeplyNested()
    {
        const int depth = 200_000;
        var footer = new byte[1 + depth + depth + 1];
        footer[0] = 0xFC;
        footer.AsSpan(1, depth).Fill(0x1C);
        return footer; // the rest: zero bytes, each a Thrift "stop"
    }

    /// <summary>Field 15, a list of i32 that claims two billion elements in a few bytes.</summary>
    private static byte[] ListThatLies() => [0xF9, 0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x02, 0x00];

    public static TheoryData<string> Hostile() => new() { nameof(DeeplyNested), nameof(ListThatLies) };

    private static byte[] Footer(string name) => name == nameof(DeeplyNested) ? DeeplyNested() : ListThatLies();

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Our_reader_refuses_a_hostile_footer_with_a_clear_error(string footer)
    {
        using var file = FileWithFooter(Footer(footer));
        var e = Assert.Throws<InvalidDataException>(() => ColumnarFileReader.Open(file, "hostile.parquet"));
        Assert.Contains("hostile.parquet", e.Message);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task The_quarantine_reader_refuses_it_before_parquet_net_sees_it(string footer)
    {
        using var file = FileWithFooter(Footer(footer));
        await Assert.ThrowsAsync<InvalidDataException>(() => QuarantineTable.ReadAsync(file, "hostile.parquet"));
    }

    [Fact]
    public void Random_footers_are_each_a_clear_error_or_a_valid_read()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 3000; i++)
        {
            var footer = new byte[random.Next(1, 400)];
            random.NextBytes(footer);
            using var file = FileWithFooter(footer);
            try
            {
                using var reader = ColumnarFileReader.Open(file, "random.parquet");
            }
            catch (InvalidDataException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"footer {i} ({Convert.ToHexString(footer)}): {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
