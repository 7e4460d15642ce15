using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Tests.Text;

public class EditDistanceTests
{
    [Theory]
    [InlineData("split-on-device", "split-on-devcie", 1)] // a swap is one edit
    [InlineData("storage", "Storge", 1)]
    [InlineData("output", "outptu", 1)]
    [InlineData("date", "date", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("hash-key", "storage", 7)]
    public void Counts_the_edits_between_two_names(string a, string b, int distance) => Assert.Equal(distance, EditDistance.Between(a, b));
}
