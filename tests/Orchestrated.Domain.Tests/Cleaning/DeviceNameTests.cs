using Orchestrated.Domain.Cleaning;

namespace Orchestrated.Domain.Tests.Cleaning;

public class DeviceNameTests
{
    [Theory]
    [InlineData(" Mobile ", "mobile")]
    [InlineData("DESKTOP", "desktop")]
    [InlineData("tablet", "tablet")]
    [InlineData("", "unknown")]
    [InlineData("   ", "unknown")]
    [InlineData(null, "unknown")]
    public void Device_is_trimmed_and_lowercased_and_missing_becomes_unknown(string? raw, string expected) =>
        Assert.Equal(expected, DeviceName.Normalize(raw));
}
