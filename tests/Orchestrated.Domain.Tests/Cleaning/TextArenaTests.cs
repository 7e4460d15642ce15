using Orchestrated.Domain.Cleaning;

namespace Orchestrated.Domain.Tests.Cleaning;

public class TextArenaTests
{
    [Fact]
    public void Texts_stay_intact_across_blocks()
    {
        var arena = new TextArena(blockChars: 8);
        var slices = Enumerable.Range(0, 50).Select(i => (Text: $"t{i}", Slice: arena.Add($"t{i}"))).ToList();
        Assert.All(slices, s => Assert.Equal(s.Text, s.Slice.ToString()));
    }

    [Fact]
    public void A_text_longer_than_a_block_gets_its_own_array()
    {
        var arena = new TextArena(blockChars: 4);
        Assert.Equal("longer than four", arena.Add("longer than four").ToString());
        Assert.Equal("ok", arena.Add("ok").ToString());
    }
}
