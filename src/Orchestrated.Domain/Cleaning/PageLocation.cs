namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// Where an event happened: <c>page</c> is <c>page_url</c>, else <c>screen_name</c>; <c>course_id</c> and
/// <c>chapter_id</c> are the explicit fields, else the segments after <c>/course/</c> and <c>/chapter/</c> in the
/// URL's path. Empty strings count as absent.
/// </summary>
public readonly record struct PageLocation(ReadOnlyMemory<char>? Page, ReadOnlyMemory<char>? CourseId, ReadOnlyMemory<char>? ChapterId)
{
    public static PageLocation Resolve(ReadOnlyMemory<char>? pageUrl, ReadOnlyMemory<char>? screenName,
        ReadOnlyMemory<char>? courseId, ReadOnlyMemory<char>? chapterId)
    {
        pageUrl = NonEmpty(pageUrl);
        courseId = NonEmpty(courseId);
        chapterId = NonEmpty(chapterId);
        if ((courseId is null || chapterId is null) && pageUrl is not null)
        {
            var (course, chapter) = SegmentsOf(pageUrl.Value);
            courseId ??= course;
            chapterId ??= chapter;
        }
        return new PageLocation(pageUrl ?? NonEmpty(screenName), courseId, chapterId);
    }

    /// <summary>The ids after <c>/course/</c> and <c>/chapter/</c> in a URL or path, ignoring scheme, host, query and fragment.</summary>
    public static (ReadOnlyMemory<char>? Course, ReadOnlyMemory<char>? Chapter) SegmentsOf(ReadOnlyMemory<char> url)
    {
        var path = url;
        var scheme = path.Span.IndexOf("://");
        if (scheme >= 0)
        {
            path = path[(scheme + 3)..];
            var slash = path.Span.IndexOf('/');
            path = slash >= 0 ? path[slash..] : ReadOnlyMemory<char>.Empty;
        }
        var end = path.Span.IndexOfAny('?', '#');
        if (end >= 0) path = path[..end];

        ReadOnlyMemory<char>? course = null, chapter = null;
        var previous = ReadOnlyMemory<char>.Empty;
        foreach (var range in path.Span.Split('/'))
        {
            var segment = path[range];
            if (!segment.IsEmpty)
            {
                if (course is null && previous.Span.Equals("course", StringComparison.OrdinalIgnoreCase)) course = segment;
                else if (chapter is null && previous.Span.Equals("chapter", StringComparison.OrdinalIgnoreCase)) chapter = segment;
            }
            previous = segment;
        }
        return (course, chapter);
    }

    private static ReadOnlyMemory<char>? NonEmpty(ReadOnlyMemory<char>? value) => value is { IsEmpty: false } ? value : null;
}
