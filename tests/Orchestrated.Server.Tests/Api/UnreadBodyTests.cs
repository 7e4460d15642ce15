using System.Net;

namespace Orchestrated.Server.Tests.Api;

/// <summary>
/// Over real HTTP (Kestrel), a request without a key is refused before the server asks for its body: a client that
/// waits for "100 Continue", as HTTP lets it, never sends the 29 MB at all.
/// </summary>
[Trait("Probe", "hostile")]
public sealed class UnreadBodyTests(KestrelSecuredServer server) : IClassFixture<KestrelSecuredServer>
{
    [Fact]
    public async Task A_large_body_without_a_key_is_refused_401_without_being_asked_for()
    {
        // The default client, not CreateClient's: its redirect handler buffers a request body to be able to resend it.
        using var client = server.CreateDefaultClient();
        client.DefaultRequestHeaders.ExpectContinue = true;
        var body = new CountingContent(29 * 1024 * 1024);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/api/dags/session_duration/runs", body);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, body.Written);
    }

    /// <summary>A body that counts how much of it the server took.</summary>
    private sealed class CountingContent(long length) : HttpContent
    {
        public long Written { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            try
            {
                while (Written < length)
                {
                    await stream.WriteAsync(chunk);
                    Written += chunk.Length;
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}
