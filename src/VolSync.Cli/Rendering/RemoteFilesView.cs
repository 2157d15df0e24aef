using System.Globalization;
using Spectre.Console;

using VolSync.Diagnostics;

namespace VolSync.Cli.Rendering;

/// <summary>The listing of <c>list-remote</c>: a table for people, a JSON array for scripts.</summary>
internal static class RemoteFilesView
{
    public static void WriteTable(HumanOutput output, string remoteRoot, IReadOnlyList<RemoteFileInfo> files)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            output.Line($"No files under {remoteRoot}.");
            return;
        }

        var table = new Table()
            .Border(output.Terminal ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("Original name")
            .AddColumn("Hash")
            .AddColumn(new TableColumn("Size").RightAligned())
            .AddColumn("Modified (UTC)")
            .AddColumn("Remote path");
        foreach (var file in files)
        {
            // Remote names are shown escaped (a newline would split the row) and stay as they are on the volume.
            table.AddRow(
                HumanOutput.Cell(OriginalPath(file)),
                HumanOutput.Cell(file.Hash ?? "-"),
                HumanOutput.Cell(ByteSize.Format(file.Size)),
                HumanOutput.Cell(file.LastModified?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-"),
                HumanOutput.Cell(file.RelativePath));
        }

        output.Console.Write(table);
        var total = files.Sum(f => f.Size);
        output.Line($"{ProgressText.Files(files.Count)}, {ByteSize.Format(total)} under {remoteRoot}");
        output.Flush();
    }

    public static void WriteJson(TextWriter target, IReadOnlyList<RemoteFileInfo> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        JsonResultWriter.Write(target, json =>
        {
            json.WriteStartArray();
            foreach (var file in files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("relativePath", file.RelativePath);
                json.WriteString("originalName", file.OriginalName);
                json.WriteString("hash", file.Hash);
                json.WriteNumber("size", file.Size);
                if (file.LastModified is { } modified)
                {
                    json.WriteString("lastModified", modified.ToUniversalTime());
                }
                else
                {
                    json.WriteNull("lastModified");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>The file's folder under the listed root joined with its original name: what the user uploaded.</summary>
    private static string OriginalPath(RemoteFileInfo file)
    {
        var slash = file.RelativePath.LastIndexOf('/');
        return slash < 0 ? file.OriginalName : file.RelativePath[..(slash + 1)] + file.OriginalName;
    }
}
