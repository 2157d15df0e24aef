using System.CommandLine;
using VolSync.Diagnostics;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Cli.Commands;

/// <summary>
/// What the release commands (<c>releases</c>, <c>verify</c>, <c>pull</c>, <c>prune</c>) share: <c>--release</c>,
/// <c>--max-concurrent</c>, and the start of every run: resolve the remote root, report every usage problem at once
/// before any credential or network call, connect, and check that the volume exists.
/// </summary>
internal static class ReleaseOptions
{
    public static Option<string?> ReleaseId(string what) => new("--release")
    {
        Description = $"The release to {what}, e.g. 20250102T030405678Z-1a2b3c4d (default: the latest; see 'volsync releases').",
        HelpName = "id",
    };

    public static Option<string?> MaxConcurrent(string what) => new("--max-concurrent")
    {
        Description = $"{what} in flight at once, {SyncDefaults.MinConcurrentUploads}-{SyncDefaults.MaxConcurrentUploadsLimit} (default {SyncDefaults.MaxConcurrentUploads}; the Files API allows about 10 concurrent requests).",
        HelpName = "n",
    };

    /// <summary><c>--max-concurrent</c> out of range, as the command line spells it.</summary>
    public static IEnumerable<Diagnostic> ConcurrencyProblems(int value) =>
        SyncConfig.CheckMaxConcurrent(value, CliSettings.Names) is { } problem ? [problem] : [];

    /// <summary>The remote root and an open connection to its workspace; throws (exit 2) on any usage problem or a missing volume.</summary>
    public static async Task<(DatabricksConnection Connection, VolumeLocation Location)> OpenAsync(
        ParseResult parseResult,
        VolumeOptions volume,
        ConnectionOptions connection,
        SettingText text,
        IEnumerable<Diagnostic> otherProblems,
        CommandOutput io,
        CancellationToken cancellationToken)
    {
        var names = volume.Names(parseResult);
        var problems = new List<Diagnostic>();
        var location = volume.TryResolve(parseResult, problems);
        var settings = connection.ToSettings(parseResult, text, io);
        CliSettings.ThrowIfAny(problems.Concat(text.Problems).Concat(otherProblems).Concat(settings.Validate(names)));

        var session = await DatabricksConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
        try
        {
            await VolumePreflight.EnsureVolumeAsync(session.Client, location!, createIfMissing: false, dryRun: false, names, cancellationToken).ConfigureAwait(false);
            return (session, location!);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
