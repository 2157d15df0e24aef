using System.CommandLine;
using System.CommandLine.Parsing;
using VolSync.Cli.Rendering;
using VolSync.Diagnostics;
using VolSync.Remote;
using VolSync.Remote.Databricks;

namespace VolSync.Cli.Commands;

/// <summary><c>volsync create-volume</c>: create a Unity Catalog volume; one that already exists is success.</summary>
internal static class CreateVolumeCommand
{
    public static readonly string[] Examples =
    [
        "volsync create-volume /Volumes/main/default/documents",
        "volsync create-volume --catalog main --schema default --volume documents",
        "volsync create-volume --catalog main --schema default --volume landing --volume-type EXTERNAL --storage-location s3://my-bucket/landing --comment \"raw drops\"",
    ];

    public static Command Create()
    {
        // The volume as every other command takes it (argument, --volume-path, or the three names), but the volume alone.
        var target = VolumeOptions.VolumeOnly("volsync create-volume");
        var volumeType = new Option<VolumeType>("--volume-type")
        {
            Description = "MANAGED (Unity Catalog picks the storage) or EXTERNAL (needs --storage-location).",
            HelpName = "MANAGED|EXTERNAL",
            DefaultValueFactory = _ => VolumeType.Managed,
            CustomParser = ParseVolumeType,
        };
        var storageLocation = new Option<string?>("--storage-location") { Description = "Cloud URL for an EXTERNAL volume, e.g. s3://bucket/path.", HelpName = "url" };
        var comment = new Option<string?>("--comment") { Description = "A description stored with the volume.", HelpName = "text" };
        var output = new OutputOptions();
        var connection = new ConnectionOptions();

        var command = new Command("create-volume", "Create a Unity Catalog volume to upload into. A volume that already exists is reported and counts as success.");
        target.AddTo(command);
        command.Options.Add(volumeType);
        command.Options.Add(storageLocation);
        command.Options.Add(comment);
        output.AddTo(command);
        connection.AddTo(command);

        output.SetAction(command, RunAsync);
        return command;

        async Task<int> RunAsync(ParseResult parseResult, CommandOutput io, CancellationToken cancellationToken)
        {
            var (json, verbose, human, logger) = io;

            // The same name rules as a sync target, every problem at once, before any request.
            var text = new SettingText(CliSettings.Names);
            var problems = new List<Diagnostic>();
            var location = target.TryResolve(parseResult, problems);
            var type = parseResult.GetValue(volumeType);
            var storage = parseResult.GetValue(storageLocation);
            if (type == VolumeType.External && string.IsNullOrWhiteSpace(storage))
            {
                problems.Add(DiagnosticCodes.StorageLocationRequired.Create());
            }

            if (type == VolumeType.Managed && !string.IsNullOrWhiteSpace(storage))
            {
                problems.Add(DiagnosticCodes.StorageLocationNotAllowed.Create());
            }

            var settings = connection.ToSettings(parseResult, text, io);
            CliSettings.ThrowIfAny(text.Problems.Concat(problems).Concat(settings.Validate(CliSettings.Names)));

            using var session = await DatabricksConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
            var request = new CreateVolumeRequest(location!.Catalog, location.Schema, location.Volume, type, storage, parseResult.GetValue(comment));
            var outcome = await VolumePreflight.CreateVolumeAsync(session.Client, request, cancellationToken).ConfigureAwait(false);
            var created = outcome.Outcome == VolumePreflightOutcome.Created;
            var existing = outcome.Volume ?? throw DiagnosticCodes.VolumeNotFound.ToException(location.Catalog, location.Schema, location.Volume, CliSettings.Names.CreateVolume);

            human.Line(created
                ? $"Created {TypeName(existing.VolumeType)} volume {existing.FullName} at {location.VolumeRoot}"
                : $"Volume {existing.FullName} already exists ({TypeName(existing.VolumeType)}) at {location.VolumeRoot}; nothing to do.");
            human.Flush();

            if (json)
            {
                JsonResultWriter.Write(Console.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteBoolean("succeeded", true);
                    writer.WriteNumber("exitCode", ExitCodes.Success);
                    writer.WriteBoolean("created", created);
                    writer.WriteBoolean("alreadyExisted", !created);
                    writer.WriteString("fullName", existing.FullName);
                    writer.WriteString("volumePath", location.VolumeRoot);
                    writer.WriteString("volumeType", TypeName(existing.VolumeType));
                    writer.WriteString("storageLocation", existing.StorageLocation);
                    writer.WriteString("comment", existing.Comment);
                    writer.WriteEndObject();
                });
            }

            return ExitCodes.Success;
        }
    }

    private static VolumeType ParseVolumeType(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (string.Equals(text, "MANAGED", StringComparison.OrdinalIgnoreCase))
        {
            return VolumeType.Managed;
        }

        if (string.Equals(text, "EXTERNAL", StringComparison.OrdinalIgnoreCase))
        {
            return VolumeType.External;
        }

        result.AddError($"--volume-type must be MANAGED or EXTERNAL, not '{text}'.");
        return VolumeType.Managed;
    }

    private static string TypeName(VolumeType type) => type == VolumeType.External ? "EXTERNAL" : "MANAGED";
}
