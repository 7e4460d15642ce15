using System.Text;
using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Text;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Cleaning;

public static class BronzeRows
{
    public static readonly DateOnly Day = new(2026, 3, 2);

    public static long At(int hour, int minute = 0, int second = 0) =>
        UtcMicros.StartOf(Day) + ((hour * 60L + minute) * 60 + second) * UtcMicros.PerSecond;

    public static BronzeEventBatch Batch(params BronzeRow[] rows)
    {
        var b = new BronzeEventBatch(Math.Max(1, rows.Length)) { Count = rows.Length };
        Code(b.SourceFile, rows.Select(r => r.File));
        Code(b.EventId, rows.Select(r => r.EventId));
        Code(b.StudentId, rows.Select(r => r.Student));
        Code(b.EventType, rows.Select(_ => "page_view"));
        Code(b.PageUrl, rows.Select(r => r.PageUrl));
        Code(b.Device, rows.Select(r => r.Device));
        foreach (var none in new[] { b.ScreenName, b.Browser, b.Network, b.CourseId, b.ChapterId })
            Code(none, rows.Select(_ => (string?)null));
        for (var i = 0; i < rows.Length; i++)
        {
            b.SourceLine[i] = rows[i].Line;
            b.Ts[i] = rows[i].Ts;
            b.TimeSpentSec[i] = null;
        }
        return b;
    }

    private static void Code(TextColumn column, IEnumerable<string?> texts)
    {
        column.ClearValues();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var text in texts)
        {
            if (text is null) column.Codes[i++] = TextColumn.Null;
            else
            {
                if (!codes.TryGetValue(text, out var code)) codes[text] = code = column.AddValue(Encoding.UTF8.GetBytes(text));
                column.Codes[i++] = code;
            }
        }
    }
}
