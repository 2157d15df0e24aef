using System.Net;
using System.Net.Sockets;
using System.Text;
using VolSync.Auth;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

/// <summary>
/// What .NET really writes in the request line: System.Uri likes to unescape and re-escape, and a path that is
/// changed on the way is a file with another name. A raw socket sees the bytes before any server decodes them.
/// </summary>
public class RequestLineOnTheWireTests
{
    [Theory]
    [InlineData("/Volumes/a b/c:d@e&f=g+h$i", "/api/2.0/fs/files/Volumes/a%20b/c%3Ad%40e%26f%3Dg%2Bh%24i")]
    [InlineData("/Volumes/c/s/v/a%2Bb", "/api/2.0/fs/files/Volumes/c/s/v/a%252Bb")]
    [InlineData("/Volumes/c/s/v/x/../y/./z", "/api/2.0/fs/files/Volumes/c/s/v/x/../y/./z")]
    [InlineData("/Volumes/c/s/v/ü#?", "/api/2.0/fs/files/Volumes/c/s/v/%C3%BC%23%3F")]
    [InlineData("/Volumes/c/s/v/back\\slash", "/api/2.0/fs/files/Volumes/c/s/v/back%5Cslash")]
    public async Task The_escaped_path_reaches_the_socket_unchanged(string path, string expectedTarget)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serverTask = AnswerOneRequestAsync(listener);
        using var client = new DatabricksClient(new Uri($"http://127.0.0.1:{port}"), new PatCredentials("t"));

        Assert.Null(await client.GetFileMetadataAsync(path));

        Assert.Equal($"HEAD {expectedTarget} HTTP/1.1", await serverTask);
    }

    private static async Task<string> AnswerOneRequestAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptTcpClientAsync();
        var stream = socket.GetStream();
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        var text = received.ToString();
        return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
    }
}
