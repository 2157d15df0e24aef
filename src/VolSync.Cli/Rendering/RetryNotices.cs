using VolSync.Remote.Databricks;

namespace VolSync.Cli.Rendering;

/// <summary>
/// Shows the client's retries so a run that waits does not look hung: "retrying upload '…' (attempt 2, waiting
/// 1.0 s) after HTTP 429 …", at most one line a second (<see cref="RetryDigest"/>). Plain output gets lines; the
/// live view swaps in its own display while it runs. Called from the threads making requests.
/// </summary>
internal sealed class RetryNotices
{
    private readonly RetryDigest _digest = new();
    private readonly Action<string> _plain;
    private volatile Action<string>? _live;

    /// <param name="plain">Writes one line when no live display is showing.</param>
    public RetryNotices(Action<string> plain)
    {
        _plain = plain;
    }

    /// <summary>Lines of <paramref name="output"/>, indented like progress lines and dropped with <c>--quiet</c>.</summary>
    public RetryNotices(HumanOutput output)
        : this(line => output.Note("  " + line))
    {
    }

    public void Report(RequestRetry retry)
    {
        if (_digest.Add(retry) is { } line)
        {
            (_live ?? _plain)(line);
        }
    }

    /// <summary>Sends notices to a live display until the returned scope is disposed.</summary>
    public IDisposable ShowIn(Action<string> live)
    {
        _live = live;
        return new Scope(this);
    }

    private sealed class Scope(RetryNotices owner) : IDisposable
    {
        public void Dispose() => owner._live = null;
    }
}
