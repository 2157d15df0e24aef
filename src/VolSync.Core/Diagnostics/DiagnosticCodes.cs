namespace VolSync.Diagnostics;

/// <summary>
/// The table of every VolSync diagnostic. Ranges: <c>1xxx</c> remote and authentication, <c>2xxx</c> inputs,
/// <c>3xxx</c> local IO, <c>4xxx</c> required properties. Each area owns a partial file and a block of numbers:
/// <list type="bullet">
/// <item>Engine (DiagnosticCodes.Engine.cs): 2001–2049 inputs, 3001–3049 local IO.</item>
/// <item>Databricks client (DiagnosticCodes.Remote.cs): 1001–1049, 2050–2069.</item>
/// <item>Authentication (DiagnosticCodes.Auth.cs, DiagnosticCodes.Azure.cs for Azure Databricks): 1100–1149, 2100–2149.</item>
/// <item>Missing catalog/schema/volume (DiagnosticCodes.Preflight.cs): 1150–1152, reported by <c>VolumePreflight</c>.</item>
/// <item>Outcomes every host reports alike (DiagnosticCodes.Hosts.cs): from the MSBuild block 2200–2249 and the CLI's.</item>
/// <item>The MSBuild task's block: 4001–4099, 2200–2249, 3100–3149; its resources hold no codes (only informational text).</item>
/// <item>CLI (DiagnosticCodes.Cli.cs): 2300–2349, and 2350–2399 (DiagnosticCodes.CliUsage.cs: output modes, hints). Emulator (DiagnosticCodes.Emulator.cs): 3200–3249.</item>
/// <item>What the MSBuild targets check themselves, before the task (DiagnosticCodes.Targets.cs): 2250–2299.</item>
/// <item>Releases, naming modes, prune/verify/pull (DiagnosticCodes.Releases.cs): 1200–1249, 2400–2449, 3300–3349.</item>
/// </list>
/// One condition has one code in every host; messages name the setting as the host spells it (<see cref="SettingNames"/>).
/// Codes are never reused once shipped: retired ones are listed in <see cref="Retired"/>.
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>Codes that shipped and were retired (their condition now has another code, or no longer occurs). Never reuse them.</summary>
    public static IReadOnlyList<string> Retired { get; } =
    [
        "VOLSYNC2001", // no target volume: VOLSYNC4001 in every host
        "VOLSYNC2006", // no local folder: VOLSYNC4002 in every host
        "VOLSYNC2200", // MSBuild: uploads in flight out of range: VOLSYNC2010
        "VOLSYNC2201", // MSBuild: hash length out of range: VOLSYNC2009
        "VOLSYNC2202", // MSBuild: pattern empty or absolute: VOLSYNC2011 (an anchored '/a.txt' is valid everywhere)
        "VOLSYNC2306", // CLI: cancelled: VOLSYNC2240
        "VOLSYNC3100", // MSBuild: source folder missing: VOLSYNC2007
        "VOLSYNC3101", // MSBuild: unexpected failure: VOLSYNC2308
        "VOLSYNC3102", // MSBuild: a file failed without a code: every failure carries the engine's code
    ];
}
