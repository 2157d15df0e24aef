using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VolSync.Core.Tests.TestSupport;

/// <summary>
/// A tiny loopback HTTP server that answers every request with the same 200 JSON body, whatever was asked, as a
/// broken or hostile server would (e.g. a list page that always hands out the same next_page_token).
/// </summary>
internal sealed class HostileListServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly byte[] _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    private HostileListServer(TcpListener listener, string body)
    {
        _listener = listener;
        var bytes = Encoding.UTF8.GetBytes(body);
        _response = [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n"), .. bytes];
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static Task<HostileListServer> StartAsync(string body)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return Task.FromResult(new HostileListServer(listener, body));
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient socket;
            try
            {
                socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (socket)
            {
                try
                {
                    await AnswerAsync(socket.GetStream());
                }
                catch (IOException)
                {
                    // The client gave up on this connection; serve the next one.
                }
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Interlocked.Increment(ref _requests);
        await stream.WriteAsync(_response, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
