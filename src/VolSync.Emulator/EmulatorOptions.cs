using System.Collections.Concurrent;

namespace VolSync.Emulator;

/// <summary>
/// Configuration of one emulator instance, filled in code or by <see cref="EmulatorCommandLine"/>. Fault settings
/// (latency, rates, concurrency limit) and the OAuth/permission sets may be changed while the server runs; tests flip
/// them between steps. The others are read when the server starts.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The folder that backs the volumes: files live under <c>&lt;root&gt;/Volumes/&lt;c&gt;/&lt;s&gt;/&lt;v&gt;/...</c>.</summary>
    public required string RootDirectory { get; set; }

    /// <summary>True when <see cref="RootDirectory"/> is a temporary folder that <see cref="EmulatorRunner"/> deletes on exit (no <c>--root</c>).</summary>
    public bool DeleteRootOnStop { get; set; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>When set, only this bearer token (or one issued by the emulator's OAuth endpoint) is accepted.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Largest directory-listing page; the real service caps pages at 1000.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Milliseconds added to every Files/Unity Catalog request and every request to the stand-in cloud storage.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share (0–1) of API requests answered 429 with Retry-After.</summary>
    public double Rate429 { get; set; }

    /// <summary>Share (0–1) of API requests answered 503.</summary>
    public double Rate503 { get; set; }

    /// <summary>Share (0–1) of API requests whose connection is cut mid-body.</summary>
    public double RateDrop { get; set; }

    /// <summary>
    /// Share (0–1) of list pages (directory listings and Unity Catalog lists) answered with no items and a
    /// <c>next_page_token</c> that resumes where the page would have started, as real list calls may. 1 never ends a listing.
    /// </summary>
    public double EmptyPages { get; set; }

    /// <summary>Concurrent API requests allowed; more are answered 429 (the real service allows 10). 0 = unlimited.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>
    /// API requests admitted per second (a sliding one-second window, as the real service's 100 per second per
    /// workspace); more are answered 429 with Retry-After. 0 = unlimited.
    /// </summary>
    public int MaxQps { get; set; }

    /// <summary>Seed of the random fault choices, for reproducible runs.</summary>
    public int? Seed { get; set; }

    /// <summary>Value of the Retry-After header on 429 answers (random, scripted, and beyond either limit).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>OAuth clients (client_id → secret) accepted by <c>/oidc/v1/token</c>; empty accepts any.</summary>
    public IDictionary<string, string> OAuthClients { get; } = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Lifetime (<c>expires_in</c>) of tokens issued by the OAuth endpoint.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Volume paths (e.g. <c>/Volumes/main/default/v/locked</c>) under which file and directory requests get 403.</summary>
    public ISet<string> ForbiddenPathPrefixes { get; } = new SynchronizedSet();

    /// <summary>
    /// How many recent requests <see cref="EmulatorServer.Requests"/> keeps: null keeps every one (tests count them),
    /// 0 none. The command line sets <see cref="ProcessRequestLogCapacity"/>: nothing can read a separate process's
    /// log, and a long-running emulator must not grow without bound.
    /// </summary>
    public int? RequestLogCapacity { get; init; }

    /// <summary>The request log capacity of a standalone emulator process (and <c>volsync emulator</c>).</summary>
    public const int ProcessRequestLogCapacity = 0;

    /// <summary>The large-file upload flow offered (<c>--multipart aws|gcp|off</c>); may be changed while the server runs.</summary>
    public MultipartMode Multipart { get; set; } = MultipartMode.Aws;

    /// <summary>TCP port on 127.0.0.1 of the stand-in cloud storage that presigned URLs point to; 0 picks a free port.</summary>
    public int CloudPort { get; set; }

    /// <summary>Workspace id reported by <c>/.well-known/databricks-config</c>.</summary>
    public string WorkspaceId { get; set; } = "900800700600";

    /// <summary>Tenant of the Microsoft Entra ID stand-in (<c>/entra/{tenant}/oauth2/v2.0/token</c>) and of the <c>/aad/auth</c> login redirect.</summary>
    public string AzureTenantId { get; set; } = DefaultAzureTenantId;

    public const string DefaultAzureTenantId = "9f5e5a1c-7b6d-4e3f-a2c1-0e1d2c3b4a59";

    /// <summary>
    /// App registrations (client id → secret) the Entra ID stand-in accepts; empty accepts any. A federated GitHub
    /// assertion is accepted for the same client ids.
    /// </summary>
    public IDictionary<string, string> AzureClients { get; } = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The <c>IDENTITY_HEADER</c> secret the App Service managed-identity stand-in (<c>/msi/token</c>) expects.</summary>
    public string IdentityHeader { get; set; } = DefaultIdentityHeader;

    public const string DefaultIdentityHeader = "emulator-identity-header";

    /// <summary>When set, an API request that names a workspace resource id (<c>X-Databricks-Azure-Workspace-Resource-Id</c>) must name this one.</summary>
    public string? AzureWorkspaceResourceId { get; set; }

    /// <summary>Hostile server: the OAuth discovery document answers <c>302</c> to this URL instead of itself.</summary>
    public string? DiscoveryRedirectTo { get; set; }

    /// <summary>Hostile server: the <c>token_endpoint</c> the discovery document advertises instead of the emulator's own.</summary>
    public string? AdvertisedTokenEndpoint { get; set; }

    /// <summary>Hostile server: <c>/oidc/v1/token</c> answers <c>307</c> (repeat the POST) to this URL.</summary>
    public string? TokenEndpointRedirectTo { get; set; }

    /// <summary>Hostile server: every error body (API and OAuth) quotes the request's credential headers back, as some proxies do.</summary>
    public bool EchoCredentialsInErrors { get; set; }
}
