using System.Globalization;
using System.Net;

namespace VolSync.Remote.Databricks;

/// <summary>
/// A request made by authentication (OAuth discovery, token, OIDC ID token) through the run's transport: the
/// same message sent again on 429, 503 and connection failures, with the same limiter and back-off as API calls.
/// Every other answer goes back to the caller as it is, and running out of retries is an
/// <see cref="HttpRequestException"/>, so authentication keeps reporting failures under its own codes.
/// </summary>
internal sealed class AuthExchange(DatabricksTransport transport, HttpRequestMessage message) : TransportRequest
{
    /// <summary>
    /// Token requests give up within this long, before the auth HttpClient's own 60 s timeout, so the caller sees
    /// the last answer rather than a cancellation (the Go SDK's token retrier allows a minute as well).
    /// </summary>
    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    public override string Operation => "token request";

    // The path only: a query may carry an audience or other parameters that do not belong in logs.
    public override string Path => message.RequestUri?.GetLeftPart(UriPartial.Path) ?? string.Empty;

    public override string LogTarget => message.Method + " " + Path;

    public override bool OwnsMessages => false;

    public override TimeSpan? BudgetCap => Budget;

    public override ValueTask<HttpRequestMessage> CreateMessageAsync(AttemptContext attempt) => new(message);

    public override Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        transport.Invoker.SendAsync(request, cancellationToken);

    public override ValueTask<RetryableFailure?> JudgeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // OAuth errors have their own body shape; the status alone says whether to wait.
        if (!ErrorClassifier.Classify(response.StatusCode, errorCode: null).Retryable)
        {
            return new ValueTask<RetryableFailure?>((RetryableFailure?)null);
        }

        var retryAfter = RetryPolicy.ParseRetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
        return new ValueTask<RetryableFailure?>(RetryableFailure.FromResponse(response.StatusCode, response.ReasonPhrase, body: null, retryAfter));
    }

    public override Exception GiveUp(RetryableFailure failure, TimeSpan spent, int attempts)
    {
        var tried = string.Create(CultureInfo.InvariantCulture, $"{attempts} attempt{(attempts == 1 ? string.Empty : "s")} in {DatabricksApiException.FormatDuration(spent)}");
        var what = failure.Describe(transport.Options.InactivityTimeout);
        return failure.Status is { } status
            ? new HttpRequestException(HttpRequestError.Unknown, $"{what}, still after {tried}", statusCode: status)
            : new HttpRequestException($"{what} ({tried})", failure.Exception);
    }

    public override Exception Unreachable(RetryableFailure failure, int refusals, TimeSpan within) =>
        new HttpRequestException(
            HttpRequestError.ConnectionError,
            string.Create(CultureInfo.InvariantCulture, $"{failure.Describe(transport.Options.InactivityTimeout)} ({refusals} connection attempts in {DatabricksApiException.FormatDuration(within)} refused; the host has not answered once)"),
            failure.Exception);
}
