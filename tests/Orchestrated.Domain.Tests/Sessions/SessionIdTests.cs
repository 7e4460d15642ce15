using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Tests.Sessions;

public class SessionIdTests
{
    [Fact]
    public void The_same_stream_and_start_give_the_same_id() =>
        Assert.Equal(SessionId.For("h", "mobile", null, null, 42), SessionId.For("h", "mobile", null, null, 42));

    [Fact]
    public void A_different_start_device_or_student_gives_a_different_id()
    {
        var id = SessionId.For("h", "mobile", null, null, 42);
        Assert.NotEqual(id, SessionId.For("h", "mobile", null, null, 43));
        Assert.NotEqual(id, SessionId.For("h", "desktop", null, null, 42));
        Assert.NotEqual(id, SessionId.For("g", "mobile", null, null, 42));
        Assert.NotEqual(id, SessionId.For("h", "mobile", "Chrome", null, 42));
    }

    [Fact]
    public void Ids_are_rfc_version_5_uuids()
    {
        var text = SessionId.For("h", "d", null, null, 1).ToString();
        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
    }

    /// <summary>Ids already written must stay valid: these values were produced by the first implementation.</summary>
    [Theory]
    [InlineData("3f2a9c", "mobile", null, null, 1772445600000000L, "e96cefb6-e9c2-5b2d-852a-f619948c018d")]
    [InlineData("h", "désktop 学", "Chrome", "wifi", -5L, "665652bb-7942-5007-8a10-ea3621038314")]
    public void Ids_never_change_from_one_version_to_the_next(string student, string? device, string? browser, string? network, long start,
        string expected) =>
        Assert.Equal(Guid.Parse(expected), SessionId.For(student, device, browser, network, start));
}
