using CsCheck;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Time;

public class TimeOrderTests
{
    [Fact]
    public void Rows_come_in_time_order_and_equal_times_keep_their_row_order() =>
        Gen.Select(Gen.Long[-3, 3], Gen.Int[0, 2])
            .Select(t => t.Item1 * (t.Item2 switch { 0 => 1L, 1 => UtcMicros.PerMinute, _ => UtcMicros.PerDay * 4000 }))
            .Array[0, 3000].Sample(times =>
            {
                var order = new int[times.Length];
                TimeOrder.Sort(times, order);
                var expected = Enumerable.Range(0, times.Length).OrderBy(i => times[i]).ThenBy(i => i).ToArray(); // a stable reference
                Assert.Equal(expected, order);
            }, iter: 500);

    [Fact]
    public void A_day_of_microsecond_times_sorts_like_a_stable_comparison_sort()
    {
        var random = new Random(7);
        var start = UtcMicros.StartOf(new DateOnly(2026, 3, 2));
        var times = Enumerable.Range(0, 200_000).Select(_ => start + random.NextInt64(UtcMicros.PerDay) / 1000 * 1000).ToArray();
        var order = new int[times.Length];
        TimeOrder.Sort(times, order);
        Assert.Equal(Enumerable.Range(0, times.Length).OrderBy(i => times[i]).ToArray(), order);
    }

    [Fact]
    public void The_extreme_times_sort_too()
    {
        long[] times = [long.MaxValue, 0, long.MinValue, -1, long.MaxValue, 1];
        var order = new int[times.Length];
        TimeOrder.Sort(times, order);
        Assert.Equal([2, 3, 1, 5, 0, 4], order);
    }
}
