using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// A Databricks API call as the transport retries it: a fresh message per attempt (the upload stream re-opened),
/// error bodies read in every shape the SDKs know, <see cref="ErrorClassifier"/> deciding retry or fail, and
/// failures turned into coded <see cref="DatabricksApiException"/>s.
/// </summary>
internal sealed class ApiExchange(DatabricksClient client, ApiRequest request) : TransportRequest
{
    private const int MaxErrorBodyChars = 64 * 1024;

    public override string Operation => request.Operation;

    public override string Path => request.Path;

    public override string LogTarget => request.Method + " " + request.LoggedPathAndQuery;

    public override async ValueTask<HttpRequestMessage> CreateMessageAsync(AttemptContext attempt)
    {
        var message = new HttpRequestMessage(request.Method, client.BuildUri(request.PathAndQuery));
        try
        {
            message.Headers.TryAddWithoutValidation("User-Agent", client.UserAgentHeader);
            if (request.Accept is not null)
            {
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Accept));
            }

            if (client.Options.WorkspaceId is { Length: > 0 } workspaceId)
            {
                message.Headers.TryAddWithoutValidation("X-Databricks-Workspace-Id", workspaceId);
            }

            var authorization = await client.Credentials.GetAuthorizationHeaderAsync(attempt.Token).ConfigureAwait(false);
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
            foreach (var (name, value) in await client.Credentials.GetAdditionalHeadersAsync(attempt.Token).ConfigureAwait(false))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            if (request.CreateContent is not null)
            {
                message.Content = await request.CreateContent(attempt).ConfigureAwait(false);
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    public override Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        client.Transport.Http.SendAsync(message, request.Completion, cancellationToken);

    public override async ValueTask<RetryableFailure?> JudgeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode && request.ReadSuccessBody is { } read)
        {
            await read(response, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (response.IsSuccessStatusCode || request.AcceptStatus == response.StatusCode)
        {
            return null;
        }

        var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.RequestMessage is { } sent)
        {
            // Servers and proxies do quote requests back: the credentials just sent never reach a message.
            body = Redaction.ScrubCredentials(body, sent);
        }

        var reasonHeader = DatabricksReasonPhrase(response);
        if (reasonHeader is not null && response.RequestMessage is { } quoted)
        {
            reasonHeader = Redaction.ScrubCredentials(reasonHeader, quoted);
        }

        var parsed = ErrorResponseParser.Parse(body, response.ReasonPhrase, reasonHeader);
        if (!ErrorClassifier.Classify(response.StatusCode, parsed).Retryable)
        {
            throw DatabricksApiException.FromResponse(request.Operation, request.Path, response.StatusCode, response.ReasonPhrase, parsed, client.Credentials, client.BaseUrl, client.Transport.Retry.Budget);
        }

        var retryAfter = RetryPolicy.ParseRetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
        return RetryableFailure.FromResponse(response.StatusCode, response.ReasonPhrase, parsed, retryAfter);
    }

    /// <summary>A failure of the local source surfaces as what it is, not as a network failure.</summary>
    public override void InspectTransportFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SourceReadException { InnerException: { } local })
            {
                ExceptionDispatchInfo.Capture(local).Throw();
            }
        }
    }

    public override Exception GiveUp(RetryableFailure failure, TimeSpan spent, int attempts) =>
        failure.ToException(request, client.BaseUrl, client.Transport.Retry.Budget, client.Options.InactivityTimeout, spent, attempts);

    public override Exception Unreachable(RetryableFailure failure, int refusals, TimeSpan within)
    {
        var message = DiagnosticCodes.RemoteRefusedAtStart.Format(client.BaseUrl, request.Operation, request.Path, failure.Describe(client.Options.InactivityTimeout), refusals, DatabricksApiException.FormatDuration(within));
        return new DatabricksApiException(DiagnosticCodes.RemoteRefusedAtStart.Code, message, request.Operation, request.Path, innerException: failure.Exception);
    }

    private static string? DatabricksReasonPhrase(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Databricks-Reason-Phrase", out var values) ? values.FirstOrDefault() : null;

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length <= MaxErrorBodyChars ? text : text[..MaxErrorBodyChars];
    }
}
