using System.CommandLine;
using System.Globalization;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;
using VolSync.Emulator;

namespace VolSync.Cli.Commands;

/// <summary>
/// <c>volsync emulator</c>: a local Databricks Files and Unity Catalog API on 127.0.0.1 to try VolSync without a
/// workspace. The first stdout line is the listening URL (scripts read it); everything else goes to stderr.
/// </summary>
internal static class EmulatorCommand
{
    public static readonly string[] Examples =
    [
        "volsync emulator --port 8080 --root ./emulator-data",
        "volsync emulator --port 0 --token demo-token --latency-ms 50 --rate-429 0.05 --seed 42",
        "export DATABRICKS_HOST=http://127.0.0.1:8080 DATABRICKS_TOKEN=demo-token   # in another shell, then run volsync upload ...",
    ];

    public static Command Create()
    {
        var root = new Option<string?>("--root") { Description = "Folder that holds the volumes' files (<root>/Volumes/<catalog>/<schema>/<volume>/...). Default: a new temporary folder, deleted on exit.", HelpName = "dir" };
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1; 0 picks a free one.", HelpName = "n", DefaultValueFactory = _ => 0 };
        var token = new Option<string?>("--token") { Description = "Accept only this bearer token (default: any token).", HelpName = "token" };
        var pageSize = new Option<int?>("--page-size") { Description = "Entries per directory-listing page (default 1000, as the real API).", HelpName = "n" };
        var latency = new Option<int?>("--latency-ms") { Description = "Delay added to every request, in milliseconds.", HelpName = "ms" };
        var rate429 = new Option<double?>("--rate-429") { Description = "Share (0-1) of requests answered 429 Too Many Requests with Retry-After.", HelpName = "p" };
        var rate503 = new Option<double?>("--rate-503") { Description = "Share (0-1) of requests answered 503 Service Unavailable.", HelpName = "p" };
        var rateDrop = new Option<double?>("--rate-drop") { Description = "Share (0-1) of requests cut off mid-body.", HelpName = "p" };
        var maxConcurrent = new Option<int?>("--max-concurrent") { Description = "Requests in flight beyond this are answered 429, like the real service's limit of 10 (default 0: unlimited).", HelpName = "n" };
        var maxQps = new Option<int?>("--max-qps") { Description = "Requests admitted per second beyond which they are answered 429, like the real service's limit of 100 (default 0: unlimited).", HelpName = "n" };
        var seed = new Option<int?>("--seed") { Description = "Seed for the fault injection, so faults repeat run after run.", HelpName = "n" };

        var command = new Command("emulator", "Run a local Databricks Files + Unity Catalog API emulator on 127.0.0.1 (catalog 'main' with schema 'default' exists). Prints 'VolSync emulator listening on <url>' first and serves until Ctrl+C.");
        foreach (var option in new Option[] { root, port, token, pageSize, latency, rate429, rate503, rateDrop, maxConcurrent, maxQps, seed })
        {
            command.Options.Add(option);
        }

        foreach (var rate in new[] { rate429, rate503, rateDrop })
        {
            rate.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<double?>() is { } value && (value < 0 || value > 1 || double.IsNaN(value)))
                {
                    result.AddError($"{result.Option.Name} is a share of requests from 0 to 1, e.g. 0.05; got {value.ToString(CultureInfo.InvariantCulture)}.");
                }
            });
        }

        foreach (var count in new[] { pageSize, latency, maxConcurrent, maxQps })
        {
            count.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 0)
                {
                    result.AddError($"{result.Option.Name} must not be negative.");
                }
            });
        }

        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be from 0 to 65535 (0 picks a free port).");
            }
        });

        command.SetAction((parseResult, cancellationToken) =>
            CommandRunner.RunAsync(json: false, ct => RunAsync(parseResult, ct), cancellationToken));
        return command;

        async Task<int> RunAsync(ParseResult parseResult, CancellationToken stop)
        {
            var rootDirectory = parseResult.GetValue(root);
            var temporary = string.IsNullOrWhiteSpace(rootDirectory);
            rootDirectory = temporary
                ? Path.Combine(Path.GetTempPath(), "volsync-emulator-" + Guid.NewGuid().ToString("N")[..12])
                : Path.GetFullPath(rootDirectory!);
            Directory.CreateDirectory(rootDirectory);

            var defaults = new EmulatorOptions { RootDirectory = rootDirectory };
            var options = new EmulatorOptions
            {
                RootDirectory = rootDirectory,
                Port = parseResult.GetValue(port),
                RequiredToken = parseResult.GetValue(token),
                // Only what the user gave overrides the emulator's own defaults.
                PageSize = parseResult.GetValue(pageSize) ?? defaults.PageSize,
                LatencyMs = parseResult.GetValue(latency) ?? defaults.LatencyMs,
                Rate429 = parseResult.GetValue(rate429) ?? defaults.Rate429,
                Rate503 = parseResult.GetValue(rate503) ?? defaults.Rate503,
                RateDrop = parseResult.GetValue(rateDrop) ?? defaults.RateDrop,
                MaxConcurrent = parseResult.GetValue(maxConcurrent) ?? defaults.MaxConcurrent,
                MaxQps = parseResult.GetValue(maxQps) ?? defaults.MaxQps,
                Seed = parseResult.GetValue(seed) ?? defaults.Seed,
            };

            EmulatorServer server;
            try
            {
                server = await EmulatorServer.StartAsync(options, stop).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
            {
                if (temporary)
                {
                    TryDelete(rootDirectory);
                }

                throw DiagnosticCodes.EmulatorStartFailed.ToException(exception, exception.Message.TrimEnd('.'));
            }

            Console.Out.WriteLine($"VolSync emulator listening on {server.BaseUri.GetLeftPart(UriPartial.Authority)}");
            Console.Out.Flush();
            Console.Error.WriteLine(temporary
                ? $"Storing files in {rootDirectory} (temporary, deleted on exit; pass --root DIR to keep them). Press Ctrl+C to stop."
                : $"Storing files in {rootDirectory}. Press Ctrl+C to stop.");

            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: the normal way to stop an emulator.
            }

            await server.StopAsync().ConfigureAwait(false);
            Console.Error.WriteLine("Emulator stopped.");
            if (temporary)
            {
                TryDelete(rootDirectory);
            }

            return ExitCodes.Success;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ErrorReporter.Warning(null, $"Could not delete the temporary emulator folder {directory}: {exception.Message}");
        }
    }
}
