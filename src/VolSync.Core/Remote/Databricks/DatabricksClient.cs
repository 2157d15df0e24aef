using VolSync.Auth;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// The Databricks Files API and Unity Catalog volumes API over a <see cref="DatabricksTransport"/>: streamed
/// uploads, paginated listings, escaping as the Python SDK does it, every request through the host's shared
/// limiter with retries of throttling and connection failures within a budget, and every failure turned into a
/// coded <see cref="DatabricksApiException"/>. Safe for concurrent use.
/// </summary>
public sealed partial class DatabricksClient : IVolumeStore, IVolumeCatalog, ISelfLimitingStore, IDisposable
{
    /// <summary>The Files API limit for one PUT: 5000 MiB, the stricter of the two documented values (the other is 5 GiB).</summary>
    public const long MaxSinglePutBytes = 5_242_880_000;

    /// <summary>The longest name of one path segment, in UTF-8 bytes (NAME_MAX of the file systems behind volumes).</summary>
    public const int MaxNameBytes = 255;

    // Our paths are escaped exactly once, by PathEscaper; Uri must neither unescape nor re-escape them.
    private static readonly UriCreationOptions RawUriOptions = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly bool _ownsTransport;
    private readonly HostLimiter _limiter;
    private readonly Multipart.CloudStorageTransport _cloud;

    /// <summary>A client with a transport of its own, built from <paramref name="options"/>.</summary>
    public DatabricksClient(Uri host, IDatabricksCredentials credentials, DatabricksClientOptions? options = null)
        : this(host, credentials, new DatabricksTransport(options), ownsTransport: true)
    {
    }

    /// <summary>
    /// A client over a run's shared <paramref name="transport"/> (whose options it uses), so its requests and
    /// those of other clients and of authentication share one limiter per host. The transport is not disposed.
    /// </summary>
    public DatabricksClient(Uri host, IDatabricksCredentials credentials, DatabricksTransport transport)
        : this(host, credentials, transport, ownsTransport: false)
    {
    }

    private DatabricksClient(Uri host, IDatabricksCredentials credentials, DatabricksTransport transport, bool ownsTransport)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(transport);
        try
        {
            DatabricksHost.EnsureSecure(host);
        }
        catch when (ownsTransport)
        {
            transport.Dispose();
            throw;
        }

        Host = host;
        Credentials = credentials;
        Transport = transport;
        _ownsTransport = ownsTransport;
        BaseUrl = host.GetLeftPart(UriPartial.Path).TrimEnd('/');
        UserAgentHeader = UserAgent.Build(Options.UserAgentExtra);
        _limiter = transport.LimiterFor(host);
        // Parts go to the cloud's own hosts over the same pooled handler, but never with the workspace's credentials.
        _cloud = new Multipart.CloudStorageTransport(transport.Http, _limiter, UserAgentHeader, Options.InactivityTimeout, transport.Logger);
    }

    public Uri Host { get; }

    internal DatabricksTransport Transport { get; }

    internal DatabricksClientOptions Options => Transport.Options;

    internal IDatabricksCredentials Credentials { get; }

    /// <summary>The workspace URL without a trailing slash, named in messages.</summary>
    internal string BaseUrl { get; }

    internal string UserAgentHeader { get; }

    /// <summary>The limiter this client's requests pass (for tests).</summary>
    internal HostLimiter Limiter => _limiter;

    public void Dispose()
    {
        if (_ownsTransport)
        {
            Transport.Dispose();
        }
    }

    /// <summary>The engine's concurrency setting for its run: applies to every request to this client's host.</summary>
    void ISelfLimitingStore.LimitConcurrency(ConcurrencyLimit limit) => _limiter.Reconfigure(limit);

    internal Uri BuildUri(string pathAndQuery) => new(BaseUrl + pathAndQuery, in RawUriOptions);

    private static void EnsureAbsolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw DiagnosticCodes.RemotePathNotAbsolute.ToException(path);
        }
    }
}
