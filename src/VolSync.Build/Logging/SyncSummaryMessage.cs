using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using VolSync.Diagnostics;

namespace VolSync.Build.Logging;

/// <summary>
/// The one line a build prints when a sync ends, at high importance:
/// <c>hello -> /Volumes/main/default/apps/1.2.0 (VolSync: 3 uploaded, 10 skipped, 0 failed, 1.2 MiB in 2.3 s, new release 20261201T101500123Z-1a2b3c4d)</c>.
/// It starts with the project name and <c> -> </c> on purpose: that is the shape of the SDK's own output lines
/// (<c>hello -> bin/Release/net10.0/publish/</c>), which the console logger prints at default verbosity and the
/// .NET terminal logger, which hides other messages below <c>-v:d</c>, shows on the project's result line
/// (<c>hello net10.0 succeeded (3.1s) → /Volumes/...</c>). The volume is where the build's output went.
/// </summary>
internal static class SyncSummaryMessage
{
    /// <param name="log">The task's logging helper.</param>
    /// <param name="projectName">The project the task runs in (<c>$(MSBuildProjectName)</c>); the terminal logger matches it against the project's file name.</param>
    /// <param name="result">The run's result; its release is appended: <c>, new release &lt;id&gt;</c>, <c>, release &lt;id&gt; unchanged</c> or <c>, no release</c>.</param>
    public static void Log(TaskLoggingHelper log, string? projectName, SyncResult result)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(result);
        var project = string.IsNullOrWhiteSpace(projectName) ? "VolSync" : projectName.Trim();
        var text = result.DryRun
            ? log.FormatResourceString("SummaryDryRun", project, result.RemoteRoot, result.WouldUploadCount, result.SkipCount, result.FailureCount)
            : log.FormatResourceString(
                "Summary",
                project,
                result.RemoteRoot,
                result.SuccessCount,
                result.SkipCount,
                result.FailureCount,
                ByteSize.Format(result.TotalBytesUploaded),
                ByteSize.FormatDuration(result.Duration),
                log.FormatResourceString("SummaryRelease", ReleaseNote(log, result)));
        log.LogMessage(MessageImportance.High, DisplayText.Escape(text));
    }

    private static string ReleaseNote(TaskLoggingHelper log, SyncResult result) => result.ReleaseId switch
    {
        null => log.FormatResourceString("ReleaseNone"),
        var id when result.ReleaseCreated => log.FormatResourceString("ReleaseNew", id),
        var id => log.FormatResourceString("ReleaseUnchanged", id),
    };
}
