using VolSync.Auth;
using VolSync.Diagnostics;

namespace VolSync.Remote;

/// <summary>
/// How to reach a workspace: unified-auth settings plus the client's knobs a host exposes. Hosts map their inputs
/// here and pass it to <see cref="Databricks.DatabricksConnection.OpenAsync"/>; no secret lives here.
/// </summary>
public sealed class ConnectionSettings
{
    /// <summary>Host, profile, auth type (and test hooks) for <see cref="DatabricksAuth"/>.</summary>
    public AuthSettings Auth { get; init; } = new();

    /// <summary>
    /// How long the run keeps retrying: a request gives up after retrying this long, and every request gives up once
    /// the workspace has answered nothing useful for this long. Null means <see cref="SyncDefaults.RetryBudget"/>.
    /// </summary>
    public TimeSpan? RetryBudget { get; init; }

    /// <summary>Told about every retry before its wait (hosts show "retrying … (attempt n, waiting s)"); see <see cref="Databricks.DatabricksClientOptions.OnRetry"/>.</summary>
    public Action<Databricks.RequestRetry>? OnRetry { get; init; }

    /// <summary>Added to the User-Agent as <c>product/version</c>, e.g. <c>volsync-cli/1.0.0</c>.</summary>
    public string? UserAgentExtra { get; init; }

    /// <summary>Receives HTTP timing and the resolved identity at Debug level; never a credential.</summary>
    public ISyncLogger? Logger { get; init; }

    /// <summary>Every problem of these settings (no network); empty when valid.</summary>
    public IReadOnlyList<Diagnostic> Validate(SettingNames? names = null)
    {
        names ??= SettingNames.Library;
        return RetryBudget is { } budget && budget < TimeSpan.Zero
            ? [DiagnosticCodes.RetryBudgetInvalid.Create(names.RetryBudget, budget, SettingText.DescribeDuration(SyncDefaults.RetryBudget))]
            : [];
    }
}
