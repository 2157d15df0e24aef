using System.Globalization;
using VolSync.Diagnostics;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Cli.Rendering;

/// <summary>What <c>volsync verify</c> prints: each missing or different file, then the totals; or one JSON document.</summary>
internal static class VerifyView
{
    public static void WriteSummary(HumanOutput output, VerifyResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var problems = result.Files.Where(f => f.Outcome != VerifyOutcome.Ok).ToList();
        if (problems.Count > 0)
        {
            output.Line("Files that do not match the release:");
            foreach (var file in problems)
            {
                output.Line($"  {file.Outcome.ToString().ToLowerInvariant(),-9} {file.Path} ({file.RemotePath})");
            }
        }

        output.Line($"Verify summary for release {result.ReleaseId} of {result.RemoteRoot}:");
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"ok:",-12}{result.OkCount} of {result.Files.Count} files"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"missing:",-12}{result.MissingCount}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"different:",-12}{result.DifferentCount}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"unreadable:",-12}{result.FailedCount}"));
        output.Line($"  {"read:",-12}{ByteSize.Format(result.BytesRead)} in {ByteSize.FormatDuration(result.Duration)}");
        output.Flush();
    }

    public static void WriteJson(TextWriter target, VerifyResult result, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        JsonResultWriter.Write(target, json =>
        {
            json.WriteStartObject();
            json.WriteString("remoteRoot", result.RemoteRoot);
            json.WriteString("releaseId", result.ReleaseId);
            json.WriteString("naming", result.Naming.ToName());
            json.WriteBoolean("succeeded", result.Succeeded);
            json.WriteNumber("exitCode", exitCode);
            json.WriteNumber("total", result.Files.Count);
            json.WriteNumber("ok", result.OkCount);
            json.WriteNumber("missing", result.MissingCount);
            json.WriteNumber("different", result.DifferentCount);
            json.WriteNumber("failed", result.FailedCount);
            json.WriteNumber("bytesRead", result.BytesRead);
            json.WriteNumber("durationSeconds", Math.Round(result.Duration.TotalSeconds, 3));
            json.WriteStartArray("files");
            foreach (var file in result.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("remotePath", file.RemotePath);
                json.WriteNumber("size", file.Size);
                json.WriteString("sha256", file.Sha256);
                json.WriteString("outcome", JsonResultWriter.EnumName(file.Outcome));
                if (file.ActualSize is { } size)
                {
                    json.WriteNumber("actualSize", size);
                }
                else
                {
                    json.WriteNull("actualSize");
                }

                json.WriteString("actualSha256", file.ActualSha256);
                json.WriteString("error", file.Error);
                json.WriteString("errorCode", file.ErrorCode);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
