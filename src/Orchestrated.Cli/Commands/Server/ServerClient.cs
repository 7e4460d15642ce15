using System.Net.Http.Json;
using System.Text.Json;

namespace Orchestrated.Cli.Commands.Server;

/// <summary>The server's REST API as the CLI uses it: JSON in, JSON out, problem details turned into one readable error.</summary>
public sealed class ServerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri server;

    public ServerClient(Uri server, string? apiKey = null)
    {
        this.server = server;
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(apiKey)) _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public Uri Address => server;

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<JsonElement> PostAsync(string path, object body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, ct);

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ServerException($"cannot reach the workflow server at {server} ({e.Message}). Start it (./run.sh) or pass --server.");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                throw new ServerException($"the server at {server} wants an API key: set ORCHESTRATED_API_KEY (or --api-key).");
            if (response.IsSuccessStatusCode) return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            var message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            try
            {
                var problem = JsonDocument.Parse(text).RootElement;
                if (problem.TryGetProperty("title", out var title)) message = title.GetString() ?? message;
                if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                    message += "\n  " + string.Join("\n  ", errors.EnumerateArray().Select(e => e.GetString()));
            }
            catch (JsonException) { /* not problem details: the status line says enough */ }
            throw new ServerException(message);
        }
    }

    public void Dispose() => _http.Dispose();
}
