using System.Text;

namespace Orchestrated.Workflows.Definitions;

/// <summary>JSON paths as people read them: <c>$.tasks[2].params.inactivity_gap</c>.</summary>
public static class JsonPath
{
    public const string Root = "$";

    public static string Property(string path, string name) => $"{path}.{name}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    /// <summary>From a JSON pointer (<c>/tasks/2/step</c>) to a path; numeric segments are array indexes in our documents.</summary>
    public static string FromPointer(string pointer)
    {
        var path = new StringBuilder(Root);
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            if (segment.All(char.IsAsciiDigit)) path.Append('[').Append(segment).Append(']');
            else path.Append('.').Append(segment);
        }
        return path.ToString();
    }
}
