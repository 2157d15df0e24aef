using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace VolSync.Emulator.Hosting;

/// <summary>
/// The stand-in cloud storage's own loopback listener: presigned URLs point to it, as a real workspace's point to
/// S3, Azure Blob or GCS. Connections to it are marked so the request pipeline sends them to the cloud storage and
/// never to the workspace API (no bearer auth, no API faults).
/// </summary>
internal sealed class CloudListener
{
    private const string ConnectionKey = "volsync.cloud-storage";

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c> once the server listens.</summary>
    public Uri? BaseUri { get; set; }

    public static void Configure(ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Items[ConnectionKey] = true;
            return next(connection);
        });

    public static bool Accepted(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ConnectionKey) == true;
}
