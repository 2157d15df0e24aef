namespace VolSync.Diagnostics;

/// <summary>
/// The table of every VolSync diagnostic. Ranges: <c>1xxx</c> remote and authentication, <c>2xxx</c> inputs,
/// <c>3xxx</c> local IO, <c>4xxx</c> required properties. Each area owns a partial file and a block of numbers:
/// <list type="bullet">
/// <item>Engine (DiagnosticCodes.Engine.cs): 2001–2049 inputs, 3001–3049 local IO.</item>
/// <item>Databricks client (DiagnosticCodes.Remote.cs): 1001–1049, 2050–2069.</item>
/// <item>Authentication (DiagnosticCodes.Auth.cs): 1100–1149, 2100–2149.</item>
/// <item>Missing catalog/schema/volume: 1150–1152, one condition per code; the MSBuild task (resources) and the CLI
/// (DiagnosticCodes.Cli.cs) word the advice for their users. The check itself is <c>VolumeCatalogExtensions</c>.</item>
/// <item>MSBuild task: resources of VolSync.Build, 4001–4099, 2200–2249, 3100–3149.</item>
/// <item>CLI: 2300–2349. Emulator: 3200–3249.</item>
/// <item>Releases, naming modes, prune/verify/pull (DiagnosticCodes.Releases.cs): 1200–1249, 2400–2449, 3300–3349.</item>
/// </list>
/// Codes are never reused once shipped.
/// </summary>
public static partial class DiagnosticCodes
{
}
