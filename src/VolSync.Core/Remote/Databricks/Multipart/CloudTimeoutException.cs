namespace VolSync.Remote.Databricks.Multipart;

/// <summary>A presigned request was cut: no byte moved for the inactivity timeout, or it ran far slower than its siblings.</summary>
internal sealed class CloudTimeoutException(string message, bool straggler, Exception inner) : TimeoutException(message, inner)
{
    /// <summary>Cut by the straggler guard rather than by inactivity: retried at once, on a fresh connection.</summary>
    public bool Straggler { get; } = straggler;
}
