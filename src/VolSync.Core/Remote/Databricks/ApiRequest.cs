using System.Net;

namespace VolSync.Remote.Databricks;

/// <summary>One logical request; every attempt builds a fresh message from it.</summary>
internal sealed class ApiRequest(string operation, string path, HttpMethod method, string pathAndQuery)
{
    public string Operation { get; } = operation;

    /// <summary>The unescaped remote path or catalog name, for messages.</summary>
    public string Path { get; } = path;

    public HttpMethod Method { get; } = method;

    /// <summary>Already escaped, starting with <c>/api/</c>.</summary>
    public string PathAndQuery { get; } = pathAndQuery;

    /// <summary>What the debug log shows: <see cref="PathAndQuery"/> unless the query carries a token (e.g. an upload session).</summary>
    public string LoggedPathAndQuery { get; init; } = pathAndQuery;

    public string? Accept { get; init; } = "application/json";

    /// <summary>A non-success status returned to the caller instead of thrown (e.g. 404 meaning "absent").</summary>
    public HttpStatusCode? AcceptStatus { get; init; }

    public HttpCompletionOption Completion { get; init; } = HttpCompletionOption.ResponseContentRead;

    /// <summary>
    /// Reads a success answer's body within its attempt, for a request sent with
    /// <see cref="HttpCompletionOption.ResponseHeadersRead"/> whose body is parsed as it streams in instead of buffered
    /// whole: a connection cut mid-body is then retried like any other.
    /// </summary>
    public Func<HttpResponseMessage, CancellationToken, ValueTask>? ReadSuccessBody { get; init; }

    /// <summary>Called once per attempt, so a stream body is re-opened for every try.</summary>
    public Func<AttemptContext, ValueTask<HttpContent>>? CreateContent { get; init; }
}
