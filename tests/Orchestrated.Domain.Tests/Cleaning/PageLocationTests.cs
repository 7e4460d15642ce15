using Orchestrated.Domain.Cleaning;

namespace Orchestrated.Domain.Tests.Cleaning;

public class PageLocationTests
{
    private static PageLocation Resolve(string? url, string? screen, string? course = null, string? chapter = null) =>
        PageLocation.Resolve(url?.AsMemory(), screen?.AsMemory(), course?.AsMemory(), chapter?.AsMemory());

    [Fact]
    public void Page_is_page_url_when_present()
    {
        var location = Resolve("https://lms/a", "Home");
        Assert.Equal("https://lms/a", location.Page.ToString());
    }

    [Fact]
    public void Page_falls_back_to_screen_name_then_null()
    {
        Assert.Equal("Home", Resolve(null, "Home").Page.ToString());
        Assert.Equal("Home", Resolve("", "Home").Page.ToString());
        Assert.Null(Resolve(null, null).Page);
    }

    [Fact]
    public void Course_and_chapter_are_parsed_from_url_segments()
    {
        var location = Resolve("https://lms.example.edu/course/C7/chapter/3/page/1?from=home#top", null);
        Assert.Equal("C7", location.CourseId.ToString());
        Assert.Equal("3", location.ChapterId.ToString());
    }

    [Fact]
    public void Explicit_course_and_chapter_win_over_the_url()
    {
        var location = Resolve("https://lms/course/C7/chapter/3", null, "C8", "9");
        Assert.Equal("C8", location.CourseId.ToString());
        Assert.Equal("9", location.ChapterId.ToString());
    }

    [Fact]
    public void An_explicit_course_and_a_chapter_from_the_url_combine()
    {
        var location = Resolve("/course/C7/chapter/3", null, "C8");
        Assert.Equal("C8", location.CourseId.ToString());
        Assert.Equal("3", location.ChapterId.ToString());
    }

    [Theory]
    [InlineData("https://lms/search?q=/course/C1")]    // only the path counts
    [InlineData("https://course/chapter")]            // host, not path
    [InlineData("/course/")]                          // no id after the segment
    public void Urls_without_ids_in_their_path_give_none(string url)
    {
        var location = Resolve(url, null);
        Assert.Null(location.CourseId);
        Assert.Null(location.ChapterId);
    }

    [Fact]
    public void Screen_names_are_never_parsed_for_ids() => Assert.Null(Resolve(null, "/course/C1").CourseId);
}
