namespace Orchestrated.Pipeline.Sample;

/// <summary>
/// One student's trajectory over the sample's days, drawn once from the story's own random source (so a sample
/// without a story stays as it was), and how it makes each day look.
/// </summary>
internal sealed class StudentStory
{
    private readonly EngagementStory _story;
    private readonly double[] _swing; // the day-to-day noise, one factor a day
    private readonly bool[] _paused; // days a student takes off outside the trajectory
    private readonly int _turn; // the day the trajectory turns: a fade starts, a break starts
    private readonly int _turnLength; // how long the fade or the break lasts
    private readonly bool _neverQuiteStops;
    private readonly bool[] _scripted; // days an auto-clicker runs beside the student

    public StudentStory(EngagementStory story, int days, Random random)
    {
        _story = story;
        Trajectory = random.NextDouble() switch
        {
            < 0.45 => Trajectory.Steady,
            < 0.70 => Trajectory.Fading,
            < 0.85 => Trajectory.Crammer,
            _ => Trajectory.Returner,
        };
        _turn = (int)(days * (0.05 + random.NextDouble() * 0.95)); // spread over the whole span: a steady rate of leaving
        _turnLength = Trajectory == Trajectory.Fading ? random.Next(7, 22) : random.Next(8, 21);
        _neverQuiteStops = random.NextDouble() < story.Noise * 0.5;
        _swing = new double[days];
        _paused = new bool[days];
        _scripted = new bool[days];
        var clicker = random.NextDouble() < 0.03; // a few students run a script now and then
        for (var d = 0; d < days; d++)
        {
            _swing[d] = Math.Exp(story.Noise * SampleDataGenerator.Gaussian(random));
            // Now and then a few days off: the pauses that make "days since the last session" fallible.
            if (random.NextDouble() < story.Noise * 0.04)
                for (var k = d; k < Math.Min(days, d + random.Next(3, 10)); k++) _paused[k] = true;
            _scripted[d] = clicker && random.NextDouble() < 0.3;
        }
    }

    public Trajectory Trajectory { get; }

    public StudyDay Day(int d)
    {
        var day = Trajectory switch
        {
            Trajectory.Fading => Fading(d),
            Trajectory.Crammer => Cramming(d),
            Trajectory.Returner => d >= _turn && d < _turn + _turnLength ? new StudyDay(0, 1, 0) : StudyDay.Usual,
            _ => StudyDay.Usual,
        };
        return _paused[d] ? day with { Intensity = 0 } : day with { Intensity = day.Intensity * _swing[d], Scripted = _scripted[d] };
    }

    private StudyDay Fading(int d)
    {
        if (d < _turn) return StudyDay.Usual;
        var progress = Math.Min(1, (d - _turn) / (double)_turnLength);
        if (progress >= 1) return new StudyDay(_neverQuiteStops ? 0.08 : 0, 0.5, 3);
        return new StudyDay(Math.Pow(1 - progress, 1.5), 1 - 0.6 * progress, 3 * progress);
    }

    /// <summary>Little study, then much in the three days before a deadline, and a day off after it.</summary>
    private StudyDay Cramming(int d)
    {
        var untilDeadline = _story.DeadlineEveryDays - 1 - d % _story.DeadlineEveryDays;
        return untilDeadline switch
        {
            <= 2 => new StudyDay(2.6, 1.3, 1.5),
            _ when untilDeadline == _story.DeadlineEveryDays - 1 => new StudyDay(0.1, 1, 0),
            _ => new StudyDay(0.35, 0.8, 0),
        };
    }
}
