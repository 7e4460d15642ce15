using System.Text;
using Orchestrated.Domain.Ingest;

namespace Orchestrated.Domain.Tests.Ingest;

/// <summary>How a raw file is cut into records: lines or array elements, with line numbers a person can find.</summary>
[Trait("Probe", "hostile")]
public class RawRecordReaderTests
{
    private static List<(long Line, string Text, string? Problem)> Read(string content, int maxRecordBytes = 1 << 20)
    {
        using var reader = new RawRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(content)), maxRecordBytes);
        return reader.Read().Select(r => (r.Line, Encoding.UTF8.GetString(r.Bytes.Span), r.Problem)).ToList();
    }

    [Fact]
    public void Lines_keep_their_numbers_across_blank_lines_and_carriage_returns()
    {
        var records = Read("\uFEFF{\"a\":1}\r\n\r\n  \n{\"b\":2}\n{\"c\":3}");
        Assert.Equal([(1L, "{\"a\":1}", (string?)null), (4L, "{\"b\":2}", null), (5L, "{\"c\":3}", null)], records);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_line_over_the_limit_is_one_problem_record_wherever_it_sits(bool lastLine)
    {
        var big = "{\"x\":\"" + new string('a', 5000) + "\"}";
        var content = lastLine ? "{\"a\":1}\n" + big : big + "\n{\"a\":1}\n";
        var records = Read(content, maxRecordBytes: 4096);
        Assert.Equal(2, records.Count);
        var problem = Assert.Single(records, r => r.Problem is not null);
        Assert.Equal(lastLine ? 2 : 1, problem.Line);
        Assert.Contains("longer than 4096 bytes", problem.Problem);
    }

    [Fact]
    public void An_array_file_gives_each_element_with_the_line_it_starts_on()
    {
        var records = Read("[\n {\"a\":1},\n {\"b\":[1,2]}\n]\n");
        Assert.Equal([(2L, "{\"a\":1}", (string?)null), (3L, "{\"b\":[1,2]}", null)], records);
    }

    [Fact]
    public void An_array_after_blank_lines_and_spaces_is_still_read_element_by_element()
    {
        var records = Read("\n\n   [ {\"a\":1},\n {\"b\":2} ]");
        Assert.Equal([(3L, "{\"a\":1}", (string?)null), (4L, "{\"b\":2}", null)], records);
    }

    [Fact]
    public void A_run_of_spaces_without_a_newline_longer_than_the_limit_is_one_problem_record()
    {
        var records = Read(new string(' ', 10_000) + "{\"a\":1}", maxRecordBytes: 4096);
        Assert.Contains(records, r => r.Problem is not null);
    }

    [Fact]
    public void An_array_that_is_never_closed_ends_with_a_problem_record()
    {
        var records = Read("[{\"a\":1},");
        Assert.Equal("{\"a\":1}", records[0].Text);
        Assert.Equal("JSON array is not closed", records[^1].Problem);
    }
}
