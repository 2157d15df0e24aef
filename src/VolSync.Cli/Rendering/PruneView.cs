using System.Globalization;
using VolSync.Diagnostics;
using VolSync.Releases;

namespace VolSync.Cli.Rendering;

/// <summary>What <c>volsync prune</c> prints: the plan before anything is deleted, then the outcome; or one JSON document.</summary>
internal static class PruneView
{
    public static void WritePlan(HumanOutput output, PrunePlan plan)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.LatestId is null && plan.KeptReleases.Count == 0)
        {
            output.Line($"No releases under {plan.RemoteRoot}: nothing to prune.");
            return;
        }

        var age = PruneOptions.FormatMinAge(plan.Options.MinAge);
        var guard = plan.Options.MinAge == TimeSpan.Zero ? "no minimum age" : "files younger than " + age + " stay";
        output.Line($"Prune plan for {plan.RemoteRoot} (keep {plan.Options.Keep}, {guard}{(plan.Options.Unreferenced ? ", unreferenced files too" : string.Empty)}):");
        output.Line($"  keep {Count(plan.KeptReleases.Count, "release")}:");
        foreach (var release in plan.KeptReleases)
        {
            output.Line($"    {release.Id}{(release.IsLatest ? " (latest)" : string.Empty)}");
        }

        output.Line($"  delete {Count(plan.DeletedReleases.Count, "release")}:");
        foreach (var release in plan.DeletedReleases)
        {
            output.Line(string.Create(CultureInfo.InvariantCulture, $"    {release.Id} ({release.FileCount} files)"));
        }

        output.Line($"  delete {Count(plan.Files.Count, "file")} ({ByteSize.Format(plan.BytesToFree)}):");
        foreach (var file in plan.Files)
        {
            output.Line($"    {file.RelativePath} ({ByteSize.Format(file.Size)}, {(file.Reason == PruneReason.Release ? "only in deleted releases" : "in no release")})");
        }

        if (plan.TooNew.Count > 0)
        {
            output.Line($"  keep {Count(plan.TooNew.Count, "file")} younger than {age} (prune again later with --unreferenced to remove them):");
            foreach (var file in plan.TooNew)
            {
                output.Line($"    {file.RelativePath}");
            }
        }

        output.Flush();
    }

    public static void WriteSummary(HumanOutput output, PruneResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        if (result.DryRun)
        {
            output.Line("Dry run: nothing was deleted.");
            return;
        }

        var failed = result.Releases.Concat(result.Files).Concat(result.Directories).Where(e => e.Outcome == PruneOutcome.Failed).ToList();
        if (failed.Count > 0)
        {
            output.Line("Failed deletes:");
            foreach (var entry in failed)
            {
                output.Line($"  {entry.RemotePath}: {entry.Error}");
            }
        }

        output.Line($"Prune summary for {result.Plan.RemoteRoot}:");
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"releases:",-12}{result.Releases.Count(r => r.Outcome == PruneOutcome.Deleted)} deleted, {result.Plan.KeptReleases.Count} kept"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"files:",-12}{result.DeletedFileCount} deleted ({ByteSize.Format(result.BytesFreed)}), {result.Files.Count(f => f.Outcome == PruneOutcome.Kept) + result.Plan.TooNew.Count} kept"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"folders:",-12}{result.Directories.Count(d => d.Outcome == PruneOutcome.Deleted)} removed"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  {"failed:",-12}{failed.Count}"));
        output.Line($"  {"time:",-12}{ByteSize.FormatDuration(result.Duration)}");
        output.Flush();
    }

    public static void WriteJson(TextWriter target, PruneResult result, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = result.Plan;
        JsonResultWriter.Write(target, json =>
        {
            json.WriteStartObject();
            json.WriteString("remoteRoot", plan.RemoteRoot);
            json.WriteBoolean("dryRun", result.DryRun);
            json.WriteBoolean("succeeded", result.Succeeded);
            json.WriteNumber("exitCode", exitCode);
            json.WriteNumber("keep", plan.Options.Keep);
            json.WriteNumber("minAgeSeconds", plan.Options.MinAge.TotalSeconds);
            json.WriteBoolean("unreferenced", plan.Options.Unreferenced);
            json.WriteString("latest", plan.LatestId);
            json.WriteStartArray("keptReleases");
            foreach (var release in plan.KeptReleases)
            {
                json.WriteStringValue(release.Id);
            }

            json.WriteEndArray();
            json.WriteStartArray("deletedReleases");
            foreach (var (release, entry) in plan.DeletedReleases.Zip(result.Releases))
            {
                json.WriteStartObject();
                json.WriteString("id", release.Id);
                WriteEntryFields(json, entry);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var entry in result.Files)
            {
                json.WriteStartObject();
                WriteEntryFields(json, entry);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("tooNew");
            foreach (var file in plan.TooNew)
            {
                json.WriteStartObject();
                json.WriteString("remotePath", file.RemotePath);
                json.WriteNumber("size", file.Size);
                json.WriteString("reason", JsonResultWriter.EnumName(file.Reason));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("directories");
            foreach (var entry in result.Directories)
            {
                json.WriteStartObject();
                WriteEntryFields(json, entry);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("deletedFiles", result.DeletedFileCount);
            json.WriteNumber("bytesFreed", result.BytesFreed);
            json.WriteNumber("failed", result.FailedCount);
            json.WriteNumber("durationSeconds", Math.Round(result.Duration.TotalSeconds, 3));
            json.WriteEndObject();
        });
    }

    private static void WriteEntryFields(System.Text.Json.Utf8JsonWriter json, PruneEntry entry)
    {
        json.WriteString("remotePath", entry.RemotePath);
        json.WriteNumber("size", entry.Size);
        json.WriteString("outcome", JsonResultWriter.EnumName(entry.Outcome));
        json.WriteString("reason", entry.Reason is { } reason ? JsonResultWriter.EnumName(reason) : null);
        json.WriteString("error", entry.Error);
        json.WriteString("errorCode", entry.ErrorCode);
    }

    private static string Count(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
