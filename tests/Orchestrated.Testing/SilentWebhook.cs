using System.Net;
using System.Net.Sockets;

namespace Orchestrated.Testing;

/// <summary>
/// A webhook that accepts every connection and never answers: the worst an alert endpoint can do to its caller.
/// Its URL carries a token, as real webhook URLs do, so tests can check it never reaches a log.
/// </summary>
public sealed class SilentWebhook : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly Task _loop;

    public SilentWebhook()
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hooks/{Token}";
        _loop = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    lock (_held) _held.Add(client); // kept open, never read, never answered
                }
                catch (Exception) { return; }
            }
        });
    }

    public string Token { get; } = $"T0KEN{Guid.NewGuid():N}";
    public string Url { get; }

    public int Connections
    {
        get { lock (_held) return _held.Count; }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_held) foreach (var c in _held) c.Dispose();
    }
}
