using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Tests.Text;

public class TextArenaTests
{
    [Fact]
    public void Texts_stay_intact_across_many_blocks()
    {
        var arena = new TextArena();
        var handles = Enumerable.Range(0, 300_000).Select(i => (Text: $"text number {i}", Handle: arena.Add($"text number {i}"))).ToList();
        Assert.All(handles.Where((_, i) => i % 997 == 0), h => Assert.Equal(h.Text, arena.Text(h.Handle)));
        Assert.Equal(handles[^1].Text, arena.Text(handles[^1].Handle));
    }

    [Fact]
    public void A_text_longer_than_a_block_gets_its_own_block_and_the_others_are_unaffected()
    {
        var arena = new TextArena();
        var small = arena.Add("before");
        var huge = new string('h', 3_000_000);
        var big = arena.Add(huge);
        var after = arena.Add("after");
        Assert.Equal(huge, arena.Text(big));
        Assert.Equal("before", arena.Text(small));
        Assert.Equal("after", arena.Text(after));
    }
}
