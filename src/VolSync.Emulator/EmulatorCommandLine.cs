using System.Globalization;

namespace VolSync.Emulator;

/// <summary>
/// The emulator's command-line options, shared by <c>VolSync.Emulator</c> and <c>volsync emulator</c> so both
/// take the same flags. Accepts <c>--name value</c> and <c>--name=value</c>.
/// </summary>
public static class EmulatorCommandLine
{
    /// <summary>Help text listing every option.</summary>
    public const string Usage = """
        Usage: VolSync.Emulator --root DIR [options]

          --root DIR             Folder backing the volumes (<root>/Volumes/<catalog>/<schema>/<volume>). Required.
          --port N               Port on 127.0.0.1 (default 0 = a free port).
          --token T              Accept only this bearer token (default: any token).
          --page-size N          Largest directory-listing page, 1-1000 (default 1000).
          --latency-ms N         Milliseconds added to every API request (default 0).
          --rate-429 P           Share 0-1 of API requests answered 429 with Retry-After (default 0).
          --rate-503 P           Share 0-1 of API requests answered 503 (default 0).
          --rate-drop P          Share 0-1 of API requests whose connection is cut mid-body (default 0).
          --max-concurrent N     Concurrent API requests allowed; more get 429 (default 0 = unlimited).
          --max-qps N            API requests admitted per second; more get 429 (default 0 = unlimited).
          --retry-after N        Seconds in the Retry-After header of 429 answers (default 1).
          --seed N               Seed for the random faults, for reproducible runs.
          --oauth-client ID:SECRET  OAuth client accepted by /oidc/v1/token (repeatable; default: any).
          --token-lifetime N     Lifetime in seconds of issued OAuth tokens (default 3600).
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message naming the bad option.</summary>
    public static EmulatorOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var clients = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'. Options start with '--'; see --help.");
            }

            string name, value;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                (name, value) = (arg[2..eq], arg[(eq + 1)..]);
            }
            else
            {
                name = arg[2..];
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"Option '--{name}' needs a value.");
                }

                value = args[++i];
            }

            if (!KnownOptions.Contains(name))
            {
                throw new ArgumentException($"Unknown option '--{name}'. Known options: {string.Join(", ", KnownOptions.Select(o => "--" + o))}.");
            }

            if (name == "oauth-client")
            {
                clients.Add(value);
            }
            else if (!values.TryAdd(name, value))
            {
                throw new ArgumentException($"Option '--{name}' was given more than once.");
            }
        }

        if (!values.TryGetValue("root", out var root) || string.IsNullOrWhiteSpace(root))
        {
            throw new ArgumentException("Option '--root DIR' is required: the folder that holds the emulated volumes.");
        }

        var options = new EmulatorOptions
        {
            RootDirectory = root,
            Port = Int(values, "port", 0, 0, 65535),
            RequiredToken = values.TryGetValue("token", out var token) && token.Length > 0 ? token : null,
            PageSize = Int(values, "page-size", 1000, 1, 1000),
            Seed = values.ContainsKey("seed") ? Int(values, "seed", 0, int.MinValue, int.MaxValue) : null,
            LatencyMs = Int(values, "latency-ms", 0, 0, 600_000),
            Rate429 = Rate(values, "rate-429"),
            Rate503 = Rate(values, "rate-503"),
            RateDrop = Rate(values, "rate-drop"),
            MaxConcurrent = Int(values, "max-concurrent", 0, 0, 100_000),
            MaxQps = Int(values, "max-qps", 0, 0, 1_000_000),
            RetryAfterSeconds = Int(values, "retry-after", 1, 0, 3600),
            TokenLifetime = TimeSpan.FromSeconds(Int(values, "token-lifetime", 3600, 1, 86_400 * 7)),
        };

        if (options.Rate429 + options.Rate503 + options.RateDrop > 1)
        {
            throw new ArgumentException("The sum of --rate-429, --rate-503 and --rate-drop must not exceed 1.");
        }

        foreach (var client in clients)
        {
            var colon = client.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == client.Length - 1)
            {
                throw new ArgumentException($"Option '--oauth-client' expects ID:SECRET, got '{client[..Math.Max(0, colon)]}:...'.");
            }

            options.OAuthClients[client[..colon]] = client[(colon + 1)..];
        }

        return options;
    }

    private static readonly string[] KnownOptions =
    [
        "root", "port", "token", "page-size", "latency-ms", "rate-429", "rate-503", "rate-drop",
        "max-concurrent", "max-qps", "retry-after", "seed", "oauth-client", "token-lifetime",
    ];

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"Option '--{name}' expects an integer from {min} to {max}, got '{text}'.");
        }

        return value;
    }

    private static double Rate(Dictionary<string, string> values, string name)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return 0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new ArgumentException($"Option '--{name}' expects a share from 0 to 1 (e.g. 0.05), got '{text}'.");
        }

        return value;
    }
}
