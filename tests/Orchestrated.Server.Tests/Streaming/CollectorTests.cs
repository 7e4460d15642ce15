using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Execution.Streaming;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Server.Tests.Api;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Server.Tests.Streaming;

/// <summary>
/// <c>POST /api/events</c>: each line checked by the batch rules, the accepted ones in the raw zone (where the batch
/// ingest of that date takes exactly them) and in the event stream by student partition; only an ingest key or an
/// operator may post, and an ingest key may do nothing else.
/// </summary>
[Trait("Probe", "hostile")]
public sealed class CollectorTests(CollectorServer server) : IClassFixture<CollectorServer>
{
    private HttpClient Client(string? key)
    {
        var client = server.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static string Event(string id, string student, DateTimeOffset at) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["event_id"] = id, ["student_id"] = student, ["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["event_type"] = "page_view", ["page_url"] = "https://lms.example.edu/course/C1/chapter/2/page/3", ["device"] = "mobile",
        });

    private static StringContent Ndjson(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task Posted_events_are_checked_landed_raw_and_streamed_by_student()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        var lines = Enumerable.Range(0, 40).Select(i => Event($"live-{i}", $"S{i % 7:D3}", now.AddSeconds(i))).ToList();
        lines.Insert(10, "{not json");
        lines.Insert(20, "{\"event_id\":\"x\",\"timestamp\":\"2026-03-02T10:00:00Z\"}");
        using var response = await Client(CollectorServer.IngestKey).PostAsync("/api/events", Ndjson(string.Join("\n", lines)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(40, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(2, answer.GetProperty("refused").GetInt32());
        Assert.Equal(["malformed_json", "missing_student_id"],
            answer.GetProperty("refusedLines").EnumerateArray().Select(r => r.GetProperty("reason").GetString()));

        // The raw zone holds the accepted lines as sent, and the batch ingest of that date takes every one of them.
        var rawFile = answer.GetProperty("rawFile").GetString()!;
        var store = server.Services.GetRequiredService<IObjectStore>();
        await using (var raw = await store.OpenReadAsync(rawFile))
        {
            var landed = (await new StreamReader(raw).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(lines.Where(l => l.StartsWith("{\"event_id\":\"live-", StringComparison.Ordinal)), landed);
        }

        // The stream: one entry per partition, each student's events in one partition, in the order posted.
        var log = server.Services.GetRequiredService<IEventLog>();
        var streamed = new List<(int Partition, string Line)>();
        for (var p = 0; p < log.Partitions; p++)
        {
            // Other tests post to the same log: take this post's entries, until the partition has nothing more.
            using var drained = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                await foreach (var (_, entry) in log.ReadAsync(p, 0, drained.Token))
                    if (entry.RawFile == rawFile)
                        streamed.AddRange(Encoding.UTF8.GetString(entry.Events).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                            .Select(l => (p, l)));
            }
            catch (OperationCanceledException) { }
        }
        Assert.Equal(40, streamed.Count);
        foreach (var student in streamed.GroupBy(s => JsonDocument.Parse(s.Line).RootElement.GetProperty("student_id").GetString()))
        {
            Assert.Single(student.Select(s => s.Partition).Distinct());
            var ids = student.Select(s => JsonDocument.Parse(s.Line).RootElement.GetProperty("event_id").GetString()).ToList();
            Assert.Equal(ids.OrderBy(id => int.Parse(id!["live-".Length..])), ids);
        }
    }

    [Fact]
    public async Task Only_an_ingest_key_or_an_operator_may_post_and_an_ingest_key_reads_nothing()
    {
        var body = Event("auth-1", "S1", DateTimeOffset.UtcNow);
        using var anonymous = await Client(null).PostAsync("/api/events", Ndjson(body));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var viewer = await Client(SecuredServer.ViewerKey).PostAsync("/api/events", Ndjson(body));
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        using var operatorPost = await Client(SecuredServer.OperatorKey).PostAsync("/api/events", Ndjson(body));
        Assert.Equal(HttpStatusCode.OK, operatorPost.StatusCode);
        using var read = await Client(CollectorServer.IngestKey).GetAsync("/api/dags");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        using var change = await Client(CollectorServer.IngestKey).PostAsJsonAsync("/api/dags/session_duration/pause", new { });
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_collectors_limit_is_refused_413_and_nothing_lands()
    {
        var store = server.Services.GetRequiredService<IObjectStore>();
        var before = (await store.ListAsync("raw/events/")).Count;
        var line = Event("big", "S1", DateTimeOffset.UtcNow);
        var body = string.Join("\n", Enumerable.Repeat(line, 1024 * 1024 / line.Length + 100));
        using var response = await Client(CollectorServer.IngestKey).PostAsync("/api/events", Ndjson(body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await store.ListAsync("raw/events/")).Count);
    }

    [Fact]
    public async Task The_batch_ingest_of_the_date_takes_exactly_what_the_collector_accepted()
    {
        var now = DateTimeOffset.UtcNow;
        var body = string.Join("\n", Enumerable.Range(0, 25).Select(i => Event($"batch-{i}", $"B{i % 3}", now.AddSeconds(-i))));
        using var response = await Client(CollectorServer.IngestKey).PostAsync("/api/events", Ndjson(body));
        var rawFile = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rawFile").GetString()!;
        var store = server.Services.GetRequiredService<IObjectStore>();
        var only = new LocalObjectStore(Directory.CreateTempSubdirectory("collector-batch-").FullName);
        await using (var raw = await store.OpenReadAsync(rawFile))
            await only.WriteAsync(rawFile, (s, ct) => raw.CopyToAsync(s, ct));
        var result = await new PipelineSteps(only, StepSettings.Defaults, NullLoggerFactory.Instance)
            .RunAsync("ingest", DateOnly.FromDateTime(now.UtcDateTime));
        Assert.Equal((25L, 0L), (result.RowsWritten, result.QuarantinedTotal));
    }
}
