using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Workflows.Tests.Scheduling;

public class CronDescriptionTests
{
    [Theory]
    [InlineData("0 2 * * *", 1, "daily at 02:00 (UTC), for the previous day")]
    [InlineData("30 6 * * 1-5", 0, "on weekdays at 06:30 (UTC), for the same day")]
    [InlineData("0 3 * * 0", 1, "every Sunday at 03:00 (UTC), for the previous day")]
    [InlineData("*/15 * * * *", 1, "every 15 minutes (UTC), for the previous day")]
    [InlineData("5 * * * *", 1, "every hour at minute 5 (UTC), for the previous day")]
    [InlineData("0 4 1 * *", 2, "monthly on day 1 at 04:00 (UTC), for the day 2 days before")]
    [InlineData("0 2 * 1 *", 1, "on cron \"0 2 * 1 *\" (UTC), for the previous day")]
    public void A_schedule_reads_in_words(string cron, int lag, string words) =>
        Assert.Equal(words, CronDescription.Describe(cron, "UTC", lag));
}
