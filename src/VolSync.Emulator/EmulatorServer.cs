using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using VolSync.Diagnostics;
using VolSync.Emulator.Auth;
using VolSync.Emulator.Endpoints;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Faults;
using VolSync.Emulator.Hosting;
using VolSync.Emulator.Storage;

namespace VolSync.Emulator;

/// <summary>
/// A running emulator: the Databricks Files and Unity Catalog REST APIs on 127.0.0.1, backed by
/// <see cref="EmulatorOptions.RootDirectory"/>. Start it in-process from tests, or through Program.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private EmulatorServer(WebApplication app, EmulatorOptions options, RequestLog requests, FaultScript faults, Uri baseUri)
    {
        _app = app;
        Options = options;
        Requests = requests;
        Faults = faults;
        BaseUri = baseUri;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, without a trailing slash.</summary>
    public Uri BaseUri { get; }

    /// <summary><c>&lt;base&gt;/entra</c>: the Microsoft Entra ID stand-in, for <c>AZURE_AUTHORITY_HOST</c>.</summary>
    public Uri EntraAuthority => new(BaseUri, "/entra");

    /// <summary>The options the server runs with; fault settings may be changed while it runs.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Every request answered so far.</summary>
    public RequestLog Requests { get; }

    /// <summary>Deterministic scripted faults.</summary>
    public FaultScript Faults { get; }

    /// <summary>
    /// Revokes every OAuth access token issued so far: requests that still carry one get 403 <c>Invalid access token.</c>,
    /// as after a service principal's secret is revoked. New tokens can be issued as before.
    /// </summary>
    public void RevokeIssuedTokens() => _app.Services.GetRequiredService<TokenIssuer>().RevokeAll();

    /// <summary>Starts a server; returns once it accepts connections.</summary>
    public static Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default) =>
        StartAsync(options, logWarningsToStandardError: false, ct);

    internal static async Task<EmulatorServer> StartAsync(EmulatorOptions options, bool logWarningsToStandardError, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = PrepareRoot(options.RootDirectory);

        // No appsettings.json watcher: each one costs an inotify instance (128 per user on Linux by default), and a
        // test run starts hundreds of servers, several test processes at once. The emulator reads no config file.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"], ContentRootPath = root });
        builder.Logging.ClearProviders();
        if (logWarningsToStandardError)
        {
            builder.Logging.AddSimpleConsole().AddFilter((_, level) => level >= LogLevel.Warning);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            // Single PUTs go up to 5 GiB on the real service.
            kestrel.Limits.MaxRequestBodySize = null;
        });

        var requests = new RequestLog();
        var faults = new FaultScript();
        var catalog = new CatalogStore(root);
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(requests);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(new VolumeFileStore(catalog));
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<FaultDice>();
        builder.Services.AddSingleton<EmptyPages>();

        var app = builder.Build();
        app.UseMiddleware<RequestRecorderMiddleware>();
        app.UseMiddleware<ErrorMiddleware>();
        app.UseMiddleware<AuthMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseRouting();
        FilesEndpoints.Map(app);
        DirectoriesEndpoints.Map(app);
        UnityCatalogEndpoints.Map(app);
        OAuthEndpoints.Map(app);
        EntraEndpoints.Map(app);
        ManagedIdentityEndpoints.Map(app);
        // The default fallback pattern skips paths that look like file names (main.default.vol), hence {**path}.
        app.MapFallback("/{**path}", (HttpContext c) => ApiError.NotImplemented(c.Request.Method, RequestPaths.Decoded(c)).WriteAsync(c));

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Kestrel's AddressInUseException is an IOException: the port is taken.
            await app.DisposeAsync().ConfigureAwait(false);
            throw DiagnosticCodes.EmulatorStartFailed.ToException(ex, ex.Message.TrimEnd('.'));
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        return new EmulatorServer(app, options, requests, faults, baseUri);
    }

    /// <summary>The full path of the root folder, created when missing; a coded error for a plain mistake.</summary>
    private static string PrepareRoot(string? rootDirectory)
    {
        if (string.IsNullOrWhiteSpace(rootDirectory))
        {
            throw DiagnosticCodes.EmulatorRootEmpty.ToException();
        }

        string root;
        try
        {
            root = Path.GetFullPath(rootDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw DiagnosticCodes.EmulatorRootUnusable.ToException(ex, rootDirectory, ex.Message);
        }

        if (File.Exists(root))
        {
            throw DiagnosticCodes.EmulatorRootIsFile.ToException(root);
        }

        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw DiagnosticCodes.EmulatorRootUnusable.ToException(ex, root, ex.Message);
        }

        return root;
    }

    /// <summary>Stops accepting requests and waits for the running ones.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
