using System.Security.Cryptography;
using System.Text;
using Orchestrated.Pipeline.Sample;

namespace Orchestrated.Pipeline.Tests.Engagement;

/// <summary>
/// The engagement story is opt-in and draws from a random source of its own: without it the sample is what it was
/// before the story existed, byte for byte (every test, run.sh's comparison and the benchmarks are built on it); with
/// it, students follow their trajectories.
/// </summary>
public sealed class EngagementStoryTests
{
    [Fact]
    public void Without_a_story_the_sample_is_byte_for_byte_what_it_was_before_stories()
    {
        var folder = Directory.CreateTempSubdirectory("sample-").FullName;
        try
        {
            SampleDataGenerator.Write(folder, new SampleOptions(SampleOptions.DefaultStart, Days: 3, Students: 40, TailDays: 1));
            // The hash of `orchestrated sample --days 3 --students 40 --tail-days 1` as written by the generator of
            // commit 7c111a4, the last before the story: each raw file's path, a newline, its bytes, in path order.
            Assert.Equal("763F8131CA427AFC89B19A8B4F2DB8E71BC55AB8132DE03E94D62CDD86EEB55E", HashOf(folder));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Each_trajectory_shapes_a_students_days()
    {
        var story = new EngagementStory(Noise: 0);
        var random = new Random(5);
        var students = Enumerable.Range(0, 400).Select(_ => new StudentStory(story, 70, random)).ToList();
        Assert.All(Enum.GetValues<Trajectory>(), t => Assert.Contains(students, s => s.Trajectory == t));

        foreach (var fader in students.Where(s => s.Trajectory == Trajectory.Fading))
        {
            var days = Enumerable.Range(0, 70).Select(fader.Day).ToList();
            Assert.Equal(1, days[0].Intensity);
            // Once the fade begins, fewer and shorter sessions, later in the day, then none.
            var fading = days.FindIndex(d => d.Intensity < 1);
            if (fading < 0) continue; // the fade starts after the sample ends
            Assert.All(days.GetRange(fading, 70 - fading), d => Assert.True(d.Length < 1 && d.HoursLater > 0));
            if (fading < 69) Assert.True(days[^1].Intensity < days[fading].Intensity);
        }
        foreach (var returner in students.Where(s => s.Trajectory == Trajectory.Returner))
        {
            var intensities = Enumerable.Range(0, 70).Select(d => returner.Day(d).Intensity).ToList();
            var (away, back) = (intensities.IndexOf(0), intensities.LastIndexOf(0) + 1);
            if (back == 70) continue; // still away when the sample ends
            Assert.InRange(back - away, 8, 20); // a break of one to three weeks …
            Assert.Equal(1, intensities[^1]); // … and back as before
        }
        var crammer = students.First(s => s.Trajectory == Trajectory.Crammer);
        Assert.True(crammer.Day(12).Intensity > 5 * crammer.Day(5).Intensity, "crammers study most in the days before a deadline");
    }

    [Fact]
    public void A_noise_outside_0_to_1_is_refused_with_its_value()
    {
        var error = Assert.Throws<ArgumentException>(() => new EngagementStory(Noise: 1.5).Validate());
        Assert.Contains("1.5", error.Message);
    }

    private static string HashOf(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(Path.Combine(folder, "raw"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(folder, file)));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
