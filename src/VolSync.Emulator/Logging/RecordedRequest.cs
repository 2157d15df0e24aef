namespace VolSync.Emulator;

/// <summary>
/// One request the emulator answered. <paramref name="Status"/> is 0 when the connection was cut (fault
/// injection or client abort). The Authorization header's value is never kept, only whether there was one.
/// </summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, percent-decoded once (e.g. <c>/api/2.0/fs/files/Volumes/main/default/v/a b.txt</c>).</param>
/// <param name="RawPathAndQuery">Request target exactly as sent.</param>
/// <param name="Status">Response status, 0 for a dropped connection.</param>
/// <param name="RequestBytes">Body bytes the server read.</param>
/// <param name="HadAuthorization">Whether an Authorization header was present.</param>
/// <param name="At">When the request arrived.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string RawPathAndQuery,
    int Status,
    long RequestBytes,
    bool HadAuthorization,
    DateTimeOffset At)
{
    /// <summary>The request's <c>X-Databricks-*</c> headers; credential ones (the Azure service-management token) show as <c>***</c>.</summary>
    public IReadOnlyDictionary<string, string> DatabricksHeaders { get; init; } = new Dictionary<string, string>();
}
