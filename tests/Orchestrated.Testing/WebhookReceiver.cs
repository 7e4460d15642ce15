using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Orchestrated.Testing;

/// <summary>A Slack-like webhook on loopback: records every alert it accepts; can refuse the first calls with 503.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _refuse;

    public WebhookReceiver(int refuseFirst = 0)
    {
        _refuse = refuseFirst;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hooks/alerts/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }
    public ConcurrentQueue<JsonElement> Accepted { get; } = new();
    public int Refused;

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Decrement(ref _refuse) >= 0)
            {
                Interlocked.Increment(ref Refused);
                context.Response.StatusCode = 503;
            }
            else
            {
                Accepted.Enqueue(JsonDocument.Parse(body).RootElement.Clone());
                context.Response.StatusCode = 200;
            }
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
