using System.CommandLine;
using VolSync.Diagnostics;

namespace VolSync.Cli.Commands;

/// <summary>
/// The target volume, spelled either as <c>--catalog/--schema/--volume</c> or as <c>--volume-path</c> (or, for the
/// commands that take it, as the destination argument), plus an optional <c>--path</c> under it. Resolution and every rule about it live in <see cref="VolumeLocation"/>.
/// </summary>
internal sealed class VolumeOptions
{
    private readonly string? _volumeOnlyCommand;

    /// <param name="withSubPath">Whether the command takes <c>--path</c>.</param>
    /// <param name="withDestination">Whether the command also takes the volume path as an argument, as people write it
    /// out of habit (<c>volsync upload ./bin /Volumes/main/default/apps</c>, <c>dbfs:/Volumes/...</c>).</param>
    public VolumeOptions(bool withSubPath, bool withDestination = true)
        : this(withSubPath, withDestination, volumeOnlyCommand: null)
    {
    }

    private VolumeOptions(bool withSubPath, bool withDestination, string? volumeOnlyCommand)
    {
        _volumeOnlyCommand = volumeOnlyCommand;
        var path = volumeOnlyCommand is null ? "/Volumes/<catalog>/<schema>/<volume>[/sub/path]" : "/Volumes/<catalog>/<schema>/<volume>";
        Destination = withDestination
            ? new Argument<string?>("destination")
            {
                Description = $"The volume, instead of --volume-path: {path} (dbfs:/Volumes/... works too).",
                Arity = ArgumentArity.ZeroOrOne,
            }
            : null;
        Catalog = new Option<string?>("--catalog") { Description = "Unity Catalog catalog name (with --schema and --volume).", HelpName = "name" };
        Schema = new Option<string?>("--schema") { Description = "Schema name inside the catalog.", HelpName = "name" };
        Volume = new Option<string?>("--volume") { Description = "Volume name inside the schema.", HelpName = "name" };
        VolumePath = new Option<string?>("--volume-path")
        {
            Description = $"The whole volume path instead of the three names: {path} (dbfs:/Volumes/... works too).",
            HelpName = "path",
        };
        SubPath = withSubPath
            ? new Option<string?>("--path") { Description = "A folder under the volume to sync into or list, e.g. releases/1.2.0.", HelpName = "sub-path" }
            : null;
    }

    /// <summary>
    /// The volume alone, in every spelling (argument, <c>--volume-path</c>, the three names), for a command that acts
    /// on the volume itself (<paramref name="command"/>, e.g. <c>volsync create-volume</c>): a sub-path is VOLSYNC2501.
    /// </summary>
    public static VolumeOptions VolumeOnly(string command) => new(withSubPath: false, withDestination: true, command);

    public Option<string?> Catalog { get; }

    public Option<string?> Schema { get; }

    public Option<string?> Volume { get; }

    public Option<string?> VolumePath { get; }

    public Option<string?>? SubPath { get; }

    /// <summary>The volume path as a positional argument, when the command takes one.</summary>
    public Argument<string?>? Destination { get; }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Destination is not null)
        {
            command.Arguments.Add(Destination);
        }

        command.Options.Add(Catalog);
        command.Options.Add(Schema);
        command.Options.Add(Volume);
        command.Options.Add(VolumePath);
        if (SubPath is not null)
        {
            command.Options.Add(SubPath);
        }
    }

    /// <summary>The volume path as typed: the destination argument, else <c>--volume-path</c>.</summary>
    public string? VolumePathText(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return DestinationText(parseResult) ?? parseResult.GetValue(VolumePath);
    }

    /// <summary>How messages name the settings: the volume path is <c>&lt;destination&gt;</c> when it came as the argument.</summary>
    public SettingNames Names(ParseResult parseResult) =>
        DestinationText(parseResult) is null ? CliSettings.Names : CliSettings.Names with { VolumePath = "<destination>" };

    /// <summary>VOLSYNC2355 when the volume path is given both as the argument and as <c>--volume-path</c>.</summary>
    public IEnumerable<Diagnostic> CheckGivenOnce(ParseResult parseResult)
    {
        if (DestinationText(parseResult) is { } destination && parseResult.GetValue(VolumePath) is { Length: > 0 } option)
        {
            yield return DiagnosticCodes.DestinationTwice.Create(destination, option);
        }
    }

    /// <summary>Validates and resolves the target, adding every coded problem (VOLSYNC20xx, 4001, 2355, 2501) to <paramref name="problems"/>.</summary>
    public VolumeLocation? TryResolve(ParseResult parseResult, ICollection<Diagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in CheckGivenOnce(parseResult))
        {
            problems.Add(problem);
        }

        var names = Names(parseResult);
        var location = VolumeLocation.TryResolve(
            VolumePathText(parseResult),
            parseResult.GetValue(Catalog),
            parseResult.GetValue(Schema),
            parseResult.GetValue(Volume),
            SubPath is null ? null : parseResult.GetValue(SubPath),
            names,
            problems);
        if (_volumeOnlyCommand is not null && location is { SubPath.Length: > 0 })
        {
            problems.Add(DiagnosticCodes.VolumeOnlyExpected.Create(
                names.VolumePath, VolumePathText(parseResult), location.SubPath, location.FullName, _volumeOnlyCommand, location.VolumeRoot));
            return null;
        }

        return location;
    }

    private string? DestinationText(ParseResult parseResult) =>
        Destination is not null && parseResult.GetValue(Destination) is { Length: > 0 } destination ? destination : null;
}
