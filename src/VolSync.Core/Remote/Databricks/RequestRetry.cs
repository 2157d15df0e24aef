using System.Globalization;

namespace VolSync.Remote.Databricks;

/// <summary>
/// A request is about to be tried again: raised through <see cref="DatabricksClientOptions.OnRetry"/> before the
/// wait, so a host can show "retrying (attempt n, waiting s) …" instead of going silent. The client never prints.
/// </summary>
/// <param name="Operation">What was attempted, e.g. <c>upload</c>, <c>list directory</c>, <c>token request</c>.</param>
/// <param name="Path">The remote path, catalog name or URL path it was about (no query, never a secret).</param>
/// <param name="Attempt">The number of the attempt that comes after the wait (2 for the first retry).</param>
/// <param name="Delay">How long the request waits before it (no concurrency slot is held meanwhile).</param>
/// <param name="Reason">What went wrong, e.g. <c>HTTP 429 Too Many Requests</c> or <c>Connection refused</c>.</param>
/// <param name="PausesHost">True when most recent answers were 429 and every request to the host waits as long.</param>
public sealed record RequestRetry(string Operation, string Path, int Attempt, TimeSpan Delay, string Reason, bool PausesHost)
{
    /// <summary>
    /// How hosts show it, one line: <c>retrying upload '/Volumes/…/a.txt' (attempt 2, waiting 1.2 s) after HTTP 429 Too Many Requests</c>.
    /// </summary>
    public override string ToString()
    {
        var wait = Delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var pause = PausesHost ? "; most recent answers were 429, so every request to the workspace waits as long" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"retrying {Operation} '{Path}' (attempt {Attempt}, waiting {wait} s) after {Reason}{pause}");
    }
}
