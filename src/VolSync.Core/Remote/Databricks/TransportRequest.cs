namespace VolSync.Remote.Databricks;

/// <summary>
/// One logical request as <see cref="DatabricksTransport"/> retries it: how to build and send each attempt, which
/// answers count as final, and what to throw when the retries run out. The Databricks API calls
/// (<see cref="ApiExchange"/>) and the token requests of authentication (<see cref="AuthExchange"/>) differ only here.
/// </summary>
internal abstract class TransportRequest
{
    /// <summary>What is attempted, for events and messages.</summary>
    public abstract string Operation { get; }

    /// <summary>What it is about (remote path, catalog name, URL path), for events and messages.</summary>
    public abstract string Path { get; }

    /// <summary>Method and escaped target, for debug lines, e.g. <c>PUT /api/2.0/fs/files/Volumes/a?overwrite=true</c>.</summary>
    public abstract string LogTarget { get; }

    /// <summary>True when every attempt builds its own message, which the transport then disposes.</summary>
    public virtual bool OwnsMessages => true;

    /// <summary>The longest this request may spend retrying, when less than the transport's budget.</summary>
    public virtual TimeSpan? BudgetCap => null;

    /// <summary>Builds the message of one attempt (before it waits for a slot, so credentials may make requests of their own).</summary>
    public abstract ValueTask<HttpRequestMessage> CreateMessageAsync(AttemptContext attempt);

    public abstract Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Null when <paramref name="response"/> is the answer to return (its body may have been read here, within the
    /// attempt); a failure when it should be retried (the transport then disposes the response). Throws for an error
    /// that retrying would not change.
    /// </summary>
    public abstract ValueTask<RetryableFailure?> JudgeAsync(HttpResponseMessage response, CancellationToken cancellationToken);

    /// <summary>A transport exception of an attempt, before it is retried: rethrow what must not be (a local read failure).</summary>
    public virtual void InspectTransportFailure(Exception exception)
    {
    }

    /// <summary>The exception for a request whose retries ran out (or that failed in a way waiting cannot heal).</summary>
    public abstract Exception GiveUp(RetryableFailure failure, TimeSpan spent, int attempts);

    /// <summary>The exception when the host refused every connection since the run began.</summary>
    public abstract Exception Unreachable(RetryableFailure failure, int refusals, TimeSpan within);
}
