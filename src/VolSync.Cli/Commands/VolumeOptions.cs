using System.CommandLine;

namespace VolSync.Cli.Commands;

/// <summary>
/// The target volume, spelled either as <c>--catalog/--schema/--volume</c> or as <c>--volume-path</c>, plus an
/// optional <c>--path</c> under it. Resolution and every rule about it live in <see cref="VolumeLocation"/>.
/// </summary>
internal sealed class VolumeOptions
{
    public VolumeOptions(bool withSubPath)
    {
        Catalog = new Option<string?>("--catalog") { Description = "Unity Catalog catalog name (with --schema and --volume).", HelpName = "name" };
        Schema = new Option<string?>("--schema") { Description = "Schema name inside the catalog.", HelpName = "name" };
        Volume = new Option<string?>("--volume") { Description = "Volume name inside the schema.", HelpName = "name" };
        VolumePath = new Option<string?>("--volume-path")
        {
            Description = "The whole volume path instead of the three names: /Volumes/<catalog>/<schema>/<volume>[/sub/path].",
            HelpName = "path",
        };
        SubPath = withSubPath
            ? new Option<string?>("--path") { Description = "A folder under the volume to sync into or list, e.g. releases/1.2.0.", HelpName = "sub-path" }
            : null;
    }

    public Option<string?> Catalog { get; }

    public Option<string?> Schema { get; }

    public Option<string?> Volume { get; }

    public Option<string?> VolumePath { get; }

    public Option<string?>? SubPath { get; }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Catalog);
        command.Options.Add(Schema);
        command.Options.Add(Volume);
        command.Options.Add(VolumePath);
        if (SubPath is not null)
        {
            command.Options.Add(SubPath);
        }
    }

    /// <summary>Validates and resolves the target, adding every coded problem (VOLSYNC20xx, 4001) to <paramref name="problems"/>.</summary>
    public VolumeLocation? TryResolve(ParseResult parseResult, ICollection<VolSync.Diagnostics.Diagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return VolumeLocation.TryResolve(
            parseResult.GetValue(VolumePath),
            parseResult.GetValue(Catalog),
            parseResult.GetValue(Schema),
            parseResult.GetValue(Volume),
            SubPath is null ? null : parseResult.GetValue(SubPath),
            CliSettings.Names,
            problems);
    }
}
