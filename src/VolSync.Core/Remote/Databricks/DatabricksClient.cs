using System.Net;
using VolSync.Auth;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// The Databricks Files API and Unity Catalog volumes API over one HttpClient: streamed uploads, paginated
/// listings, escaping as the Python SDK does it, retries of throttling and connection failures within a budget,
/// and every failure turned into a coded <see cref="DatabricksApiException"/>. Safe for concurrent use.
/// </summary>
public sealed partial class DatabricksClient : IVolumeStore, IVolumeCatalog, IDisposable
{
    /// <summary>The Files API limit for one PUT: 5000 MiB, the stricter of the two documented values (the other is 5 GiB).</summary>
    public const long MaxSinglePutBytes = 5_242_880_000;

    /// <summary>The longest name of one path segment, in UTF-8 bytes (NAME_MAX of the file systems behind volumes).</summary>
    public const int MaxNameBytes = 255;

    // Our paths are escaped exactly once, by PathEscaper; Uri must neither unescape nor re-escape them.
    private static readonly UriCreationOptions RawUriOptions = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly HttpClient _http;
    private readonly IDatabricksCredentials _credentials;
    private readonly DatabricksClientOptions _options;
    private readonly RetryPolicy _retry;
    private readonly ISyncLogger _logger;
    private readonly string _baseUrl;
    private readonly string _userAgent;
    private readonly Multipart.CloudStorageTransport _cloud;

    public DatabricksClient(Uri host, IDatabricksCredentials credentials, DatabricksClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(credentials);
        DatabricksHost.EnsureSecure(host);
        Host = host;
        _credentials = credentials;
        _options = options ?? new DatabricksClientOptions();
        _logger = _options.Logger ?? NullSyncLogger.Instance;
        _baseUrl = host.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _userAgent = UserAgent.Build(_options.UserAgentExtra);
        _retry = new RetryPolicy(_options.RetryBudget, _options.RetryBaseDelay, _options.RetryMaxDelay, delay: _options.RetryDelay);

        var handler = _options.Handler ?? CreateDefaultHandler();
        // Large uploads must not be killed by a fixed deadline: each attempt has its own inactivity timer instead.
        _http = new HttpClient(handler, disposeHandler: _options.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        // Parts go to the cloud's own hosts over the same pooled handler, but never with the workspace's credentials.
        _cloud = new Multipart.CloudStorageTransport(_http, _userAgent, _options.InactivityTimeout, _logger);
    }

    public Uri Host { get; }

    public void Dispose() => _http.Dispose();

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // Many parallel uploads to one workspace; the service itself allows about 10 concurrent requests.
        MaxConnectionsPerServer = 32,
        // Re-resolve DNS now and then: workspaces sit behind load balancers whose addresses change.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        // A redirect would either drop the Authorization header or send it somewhere unexpected.
        AllowAutoRedirect = false,
        UseCookies = false,
    };

    private Uri BuildUri(string pathAndQuery) => new(_baseUrl + pathAndQuery, in RawUriOptions);

    private static void EnsureAbsolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw DiagnosticCodes.RemotePathNotAbsolute.ToException(path);
        }
    }
}
