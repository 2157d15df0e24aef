using System.Globalization;
using System.Text;
using VolSync.Diagnostics;

namespace VolSync.Emulator;

/// <summary>
/// The emulator's command line: the one parser behind both <c>volsync emulator</c> and the standalone
/// <c>VolSync.Emulator</c> program, so both take the same flags with the same coded errors. Accepts
/// <c>--name value</c> and <c>--name=value</c>. To add an option, add a row to <see cref="Options"/>.
/// </summary>
public static class EmulatorCommandLine
{
    /// <summary>Every option, in the order help lists them.</summary>
    public static IReadOnlyList<EmulatorOption> Options { get; } =
    [
        EmulatorOption.Text("root", "DIR", "./emulator-data", "Folder backing the volumes (<root>/Volumes/<catalog>/<schema>/<volume>). Default: a new temporary folder, deleted on exit.", (o, v) =>
        {
            if (string.IsNullOrWhiteSpace(v))
            {
                throw DiagnosticCodes.EmulatorRootEmpty.ToException();
            }

            o.RootDirectory = v;
            o.DeleteRootOnStop = false;
        }),
        EmulatorOption.Integer("port", 0, 65535, "0", "Port on 127.0.0.1 (default 0: a free port).", (o, v) => o.Port = v),
        EmulatorOption.Text("token", "T", "my-token", "Accept only this bearer token (default: any token).", (o, v) => o.RequiredToken = v.Length > 0 ? v : null),
        EmulatorOption.Integer("page-size", 1, 1000, "100", "Largest directory-listing page, 1-1000 (default 1000, as the real API).", (o, v) => o.PageSize = v),
        EmulatorOption.Integer("latency-ms", 0, 600_000, "50", "Milliseconds added to every API request (default 0).", (o, v) => o.LatencyMs = v),
        EmulatorOption.Share("rate-429", "Share 0-1 of API requests answered 429 with Retry-After (default 0).", (o, v) => o.Rate429 = v),
        EmulatorOption.Share("rate-503", "Share 0-1 of API requests answered 503 (default 0).", (o, v) => o.Rate503 = v),
        EmulatorOption.Share("rate-drop", "Share 0-1 of API requests whose connection is cut mid-body (default 0).", (o, v) => o.RateDrop = v),
        EmulatorOption.Share("empty-pages", "Share 0-1 of list pages answered empty with a next_page_token, as real list calls may (default 0; 1 never ends a listing).", (o, v) => o.EmptyPages = v),
        EmulatorOption.Integer("max-concurrent", 0, 100_000, "10", "Concurrent API requests allowed; more get 429 (default 0: unlimited; the real service allows 10).", (o, v) => o.MaxConcurrent = v),
        EmulatorOption.Integer("max-qps", 0, 1_000_000, "100", "API requests admitted in any one second; more get 429 (default 0: unlimited; the real service allows 100).", (o, v) => o.MaxQps = v),
        EmulatorOption.Integer("retry-after", 0, 3600, "1", "Seconds in the Retry-After header of 429 answers (default 1).", (o, v) => o.RetryAfterSeconds = v),
        EmulatorOption.Integer("seed", int.MinValue, int.MaxValue, "42", "Seed for the random faults, for reproducible runs.", (o, v) => o.Seed = v),
        EmulatorOption.Text("oauth-client", "ID:SECRET", "my-client:my-secret", "OAuth client accepted by /oidc/v1/token (repeatable; default: any client).", AddOAuthClient, repeatable: true),
        EmulatorOption.Integer("token-lifetime", 1, 86_400 * 7, "3600", "Lifetime in seconds of issued OAuth tokens (default 3600).", (o, v) => o.TokenLifetime = TimeSpan.FromSeconds(v)),
        EmulatorOption.Text("multipart", "MODE", "gcp", "Large-file uploads: aws (presigned part URLs, the default; azure is the same), gcp (resumable uploads) or off (presigned URLs disabled: clients fall back to one PUT).", (o, v) => o.Multipart = ParseMultipart(v)),
        EmulatorOption.Integer("cloud-port", 0, 65535, "0", "Port on 127.0.0.1 of the stand-in cloud storage that presigned URLs point to (default 0: a free port).", (o, v) => o.CloudPort = v),
        EmulatorOption.Text("azure-tenant", "ID", "my-tenant", "Tenant of the Entra ID stand-in at /entra/<tenant>/oauth2/v2.0/token (default: a fixed GUID).", (o, v) => o.AzureTenantId = v.Length > 0 ? v : EmulatorOptions.DefaultAzureTenantId),
        EmulatorOption.Text("azure-client", "ID:SECRET", "my-app:my-secret", "App registration accepted by the Entra ID stand-in (repeatable; default: any app).", AddAzureClient, repeatable: true),
        EmulatorOption.Text("azure-resource-id", "ID", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w", "Workspace resource id that X-Databricks-Azure-Workspace-Resource-Id must name (default: any).", (o, v) => o.AzureWorkspaceResourceId = v.Length > 0 ? v : null),
        EmulatorOption.Text("identity-header", "H", "my-identity-header", "IDENTITY_HEADER the App Service managed-identity stand-in (/msi/token) expects.", (o, v) => o.IdentityHeader = v.Length > 0 ? v : EmulatorOptions.DefaultIdentityHeader),
    ];

    /// <summary>Help text listing every option.</summary>
    public static string Usage { get; } = BuildUsage();

    /// <summary>
    /// Parses the arguments into options. Without <c>--root</c> the emulator uses a new temporary folder that
    /// <see cref="EmulatorRunner"/> deletes on exit. Throws a coded <see cref="VolSyncException"/> (VOLSYNC32xx)
    /// naming the bad option.
    /// </summary>
    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new EmulatorOptions
        {
            RootDirectory = Path.Combine(Path.GetTempPath(), "volsync-emulator-" + Guid.NewGuid().ToString("N")[..12]),
            DeleteRootOnStop = true,
            RequestLogCapacity = EmulatorOptions.ProcessRequestLogCapacity,
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw DiagnosticCodes.EmulatorArgumentUnexpected.ToException(arg);
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            var option = Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal))
                ?? throw DiagnosticCodes.EmulatorOptionUnknown.ToException(name, string.Join(", ", Options.Select(o => "--" + o.Name)));

            string value;
            if (eq > 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw DiagnosticCodes.EmulatorOptionValueMissing.ToException(name, option.ValueName, option.Example);
            }

            if (!seen.Add(name) && !option.Repeatable)
            {
                throw DiagnosticCodes.EmulatorOptionRepeated.ToException(name);
            }

            option.Apply(options, value);
        }

        var faults = options.Rate429 + options.Rate503 + options.RateDrop;
        if (faults > 1)
        {
            throw DiagnosticCodes.EmulatorRatesExceedOne.ToException(faults.ToString("0.###", CultureInfo.InvariantCulture));
        }

        return options;
    }

    private static MultipartMode ParseMultipart(string value) => value.Trim().ToUpperInvariant() switch
    {
        "AWS" or "AZURE" => MultipartMode.Aws,
        "GCP" => MultipartMode.Gcp,
        "OFF" => MultipartMode.Off,
        _ => throw DiagnosticCodes.EmulatorMultipartModeInvalid.ToException(value),
    };

    private static void AddOAuthClient(EmulatorOptions options, string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            // The part after the colon is a secret: never echo it.
            throw DiagnosticCodes.EmulatorOAuthClientInvalid.ToException(colon < 0 ? value : value[..colon] + ":...");
        }

        options.OAuthClients[value[..colon]] = value[(colon + 1)..];
    }

    private static void AddAzureClient(EmulatorOptions options, string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            throw DiagnosticCodes.EmulatorAzureClientInvalid.ToException(colon < 0 ? value : value[..colon] + ":...");
        }

        options.AzureClients[value[..colon]] = value[(colon + 1)..];
    }

    private static string BuildUsage()
    {
        var rows = Options.Select(o => ($"--{o.Name} {o.ValueName}", o.Description)).ToList();
        var width = rows.Max(r => r.Item1.Length) + 2;
        var text = new StringBuilder("Usage: VolSync.Emulator [options]   (or: volsync emulator [options])\n\n");
        foreach (var (left, description) in rows)
        {
            text.Append("  ").Append(left.PadRight(width)).Append(description).Append('\n');
        }

        return text.ToString();
    }
}
