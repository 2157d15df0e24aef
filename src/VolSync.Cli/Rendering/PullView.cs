using System.Globalization;
using VolSync.Diagnostics;
using VolSync.Releases;

namespace VolSync.Cli.Rendering;

/// <summary>What <c>volsync pull</c> prints: the files that failed and why, then the totals; or one JSON document.</summary>
internal static class PullView
{
    public static void WriteSummary(HumanOutput output, PullResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var failed = result.Files.Where(f => f.Outcome == PullOutcome.Failed).ToList();
        if (failed.Count > 0)
        {
            output.Line("Failed files:");
            foreach (var file in failed)
            {
                output.Line($"  {file.Path}: {file.Error}");
            }
        }

        output.Line($"Pull summary for release {result.ReleaseId} of {result.RemoteRoot} -> {result.Destination}:");
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"downloaded:",-12}{result.DownloadedCount} files, {ByteSize.Format(result.BytesDownloaded)}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"skipped:",-12}{result.SkippedCount} files (already right)"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"failed:",-12}{result.FailedCount} files"));
        output.Line($"  {"time:",-12}{ByteSize.FormatDuration(result.Duration)}");
        output.Flush();
    }

    public static void WriteJson(TextWriter target, PullResult result, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        JsonResultWriter.Write(target, json =>
        {
            json.WriteStartObject();
            json.WriteString("remoteRoot", result.RemoteRoot);
            json.WriteString("releaseId", result.ReleaseId);
            json.WriteString("destination", result.Destination);
            json.WriteBoolean("succeeded", result.Succeeded);
            json.WriteNumber("exitCode", exitCode);
            json.WriteNumber("total", result.Files.Count);
            json.WriteNumber("downloaded", result.DownloadedCount);
            json.WriteNumber("skipped", result.SkippedCount);
            json.WriteNumber("failed", result.FailedCount);
            json.WriteNumber("bytesDownloaded", result.BytesDownloaded);
            json.WriteNumber("durationSeconds", Math.Round(result.Duration.TotalSeconds, 3));
            json.WriteStartArray("files");
            foreach (var file in result.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("localPath", file.LocalPath);
                json.WriteString("remotePath", file.RemotePath);
                json.WriteNumber("size", file.Size);
                json.WriteString("sha256", file.Sha256);
                json.WriteString("outcome", JsonResultWriter.EnumName(file.Outcome));
                json.WriteString("error", file.Error);
                json.WriteString("errorCode", file.ErrorCode);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
