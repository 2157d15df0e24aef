using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using VolSync.Diagnostics;
using VolSync.Naming;
using VolSync.Releases;

namespace VolSync.Cli.Rendering;

/// <summary>The listing of <c>volsync releases</c>: a table for people, one JSON document for scripts.</summary>
internal static class ReleasesView
{
    public static void WriteTable(HumanOutput output, ReleaseListResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Releases.Count == 0)
        {
            output.Line($"No releases under {result.RemoteRoot}. A release is recorded by every upload that changes the files.");
            return;
        }

        var table = new Table()
            .Border(output.Live ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("Release")
            .AddColumn("Created (UTC)")
            .AddColumn(new TableColumn("Files").RightAligned())
            .AddColumn(new TableColumn("Size").RightAligned())
            .AddColumn("Naming")
            .AddColumn("Commit")
            .AddColumn("Latest");
        foreach (var release in result.Releases)
        {
            if (release.Error is not null)
            {
                table.AddRow(Markup.Escape(release.Id), "-", "-", "-", "-", "-", Markup.Escape("unreadable: " + release.ErrorCode));
                continue;
            }

            table.AddRow(
                Markup.Escape(release.Id),
                Markup.Escape(release.Created?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-"),
                release.FileCount.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(ByteSize.Format(release.TotalSize)),
                release.Naming.ToName(),
                Markup.Escape(ShortCommit(release.Source?.Commit)),
                release.IsLatest ? "*" : string.Empty);
        }

        output.Console.Write(table);
        output.Line(string.Create(CultureInfo.InvariantCulture, $"{result.Releases.Count} {(result.Releases.Count == 1 ? "release" : "releases")} under {result.RemoteRoot}; latest: {result.LatestId ?? "none"}"));
        output.Flush();
    }

    public static void WriteJson(TextWriter target, ReleaseListResult result, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        JsonResultWriter.Write(target, json =>
        {
            json.WriteStartObject();
            json.WriteString("remoteRoot", result.RemoteRoot);
            json.WriteBoolean("succeeded", result.Succeeded);
            json.WriteNumber("exitCode", exitCode);
            json.WriteString("latest", result.LatestId);
            json.WriteStartArray("releases");
            foreach (var release in result.Releases)
            {
                json.WriteStartObject();
                json.WriteString("id", release.Id);
                if (release.Created is { } created)
                {
                    json.WriteString("created", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteNull("created");
                }

                json.WriteNumber("files", release.FileCount);
                json.WriteNumber("size", release.TotalSize);
                json.WriteString("naming", release.Error is null ? release.Naming.ToName() : null);
                WriteSource(json, release.Source);
                json.WriteBoolean("latest", release.IsLatest);
                json.WriteString("manifestPath", release.ManifestPath);
                json.WriteString("error", release.Error);
                json.WriteString("errorCode", release.ErrorCode);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static void WriteSource(Utf8JsonWriter json, ReleaseSource? source)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (source is null)
        {
            json.WriteNull("source");
            return;
        }

        json.WriteStartObject("source");
        json.WriteString("project", source.Project);
        json.WriteString("configuration", source.Configuration);
        json.WriteString("commit", source.Commit);
        json.WriteString("ci", source.Ci);
        json.WriteEndObject();
    }

    private static string ShortCommit(string? commit) => commit is null ? "-" : commit.Length > 12 ? commit[..12] : commit;
}
