using System.Text;
using CsCheck;
using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Events;

public class CountingPropertyTests
{
    private static readonly Gen<string> Lines = Gen.OneOf(
        Gen.Int[0, 40].Select(i => $$"""{"event_id":"e{{i}}","student_id":"S{{i % 7}}","timestamp":"2026-03-02T1{{i % 10}}:00:00Z"}"""),
        Gen.Int[0, 40].Select(i => $$"""{"student_id":"S{{i}}","timestamp":"2026-03-02T10:00:00Z"}"""),
        Gen.Int[0, 40].Select(i => $$"""{"event_id":"e{{i}}","timestamp":"2026-03-02T10:00:00Z"}"""),
        Gen.Int[0, 40].Select(i => $$"""{"event_id":"e{{i}}","student_id":"S1","timestamp":"2026-03-02T10:00:00"}"""),
        Gen.Int[0, 40].Select(i => $$"""{"event_id":"e{{i}}","student_id":"S1","timestamp":"2026-03-09T10:00:00Z"}"""),
        Gen.Int[0, 40].Select(i => $$"""{"event_id":"e{{i}}","student_id":"S1"}"""),
        Gen.String.Select(s => "{" + s));

    [Fact]
    public void Every_line_is_an_event_kept_quarantined_or_a_duplicate_exactly_once() =>
        Lines.List[0, 200].Sample(lines =>
        {
            var parser = new RawEventParser(UtcMicros.StartOf(new DateOnly(2026, 3, 4)));
            var duplicates = new DuplicateFilter();
            var raw = new RawEvent();
            long kept = 0, quarantined = 0;
            foreach (var line in lines)
            {
                var outcome = parser.Parse(Encoding.UTF8.GetBytes(line), raw);
                if (!outcome.IsAccepted) quarantined++;
                else if (duplicates.Offer(raw.EventId, out _)) kept++;
            }
            Assert.Equal(lines.Count, kept + quarantined + duplicates.Duplicates);
        }, iter: 300);
}
