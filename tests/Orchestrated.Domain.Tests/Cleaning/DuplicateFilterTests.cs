using Orchestrated.Domain.Cleaning;

namespace Orchestrated.Domain.Tests.Cleaning;

public class DuplicateFilterTests
{
    [Fact]
    public void The_first_event_with_an_id_is_kept_and_later_ones_are_counted_duplicates()
    {
        var filter = new DuplicateFilter();
        Assert.True(filter.Offer("e1"));
        Assert.False(filter.Offer("e1"));
        Assert.True(filter.Offer("e2"));
        Assert.False(filter.Offer("e1"));
        Assert.Equal(2, filter.Duplicates);
    }

    [Fact]
    public void Events_without_id_are_never_duplicates()
    {
        var filter = new DuplicateFilter();
        Assert.True(filter.Offer((string?)null));
        Assert.True(filter.Offer((string?)null));
        Assert.Equal(0, filter.Duplicates);
    }

    [Fact]
    public void Kept_ids_survive_reuse_of_the_callers_buffer()
    {
        var filter = new DuplicateFilter();
        var buffer = "abc"u8.ToArray();
        Assert.True(filter.Offer(buffer, out var kept));
        buffer[0] = (byte)'x';
        Assert.Equal("abc", filter.Text(kept));
        Assert.False(filter.Offer("abc"u8, out _));
        Assert.True(filter.Offer("xbc"u8, out _));
    }

    [Fact]
    public void Many_ids_grow_the_table_and_stay_findable()
    {
        var filter = new DuplicateFilter(expectedIds: 4);
        for (var i = 0; i < 50_000; i++) Assert.True(filter.Offer($"id-{i}"));
        for (var i = 0; i < 50_000; i += 7) Assert.False(filter.Offer($"id-{i}"));
        Assert.Equal(7143, filter.Duplicates);
    }

    [Fact]
    public void Ids_are_compared_exactly_case_and_spaces_included()
    {
        var filter = new DuplicateFilter();
        Assert.True(filter.Offer("E1"));
        Assert.True(filter.Offer("e1"));
        Assert.True(filter.Offer(" e1"));
        Assert.Equal(0, filter.Duplicates);
    }
}
