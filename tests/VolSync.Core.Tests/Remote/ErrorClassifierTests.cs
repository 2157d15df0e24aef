using System.Net;
using VolSync.Auth;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

public class ErrorClassifierTests
{
    private static readonly int[] Statuses = [400, 401, 403, 404, 409, 429, 500, 502, 503, 504];

    private static readonly string?[] ErrorCodes =
    [
        null, "INVALID_PARAMETER_VALUE", "UNAUTHENTICATED", "PERMISSION_DENIED", "RESOURCE_DOES_NOT_EXIST", "ALREADY_EXISTS",
        "REQUEST_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED", "TOO_MANY_REQUESTS", "TEMPORARILY_UNAVAILABLE", "INTERNAL_ERROR", "SOMETHING_NEW",
    ];

    public static TheoryData<int, string?> Grid()
    {
        var data = new TheoryData<int, string?>();
        foreach (var status in Statuses)
        {
            foreach (var code in ErrorCodes)
            {
                data.Add(status, code);
            }
        }

        return data;
    }

    [Theory]
    [InlineData(429, null)]
    [InlineData(503, null)]
    [InlineData(503, "INTERNAL_ERROR")]
    [InlineData(400, "TOO_MANY_REQUESTS")]
    [InlineData(500, "REQUEST_LIMIT_EXCEEDED")]
    [InlineData(400, "RESOURCE_EXHAUSTED")]
    [InlineData(403, "TEMPORARILY_UNAVAILABLE")]
    public void Throttling_by_status_or_error_code_is_throttled_and_retryable(int status, string? errorCode)
    {
        Assert.Equal(new ApiErrorClass(ApiErrorKind.Throttled, Retryable: true), ErrorClassifier.Classify((HttpStatusCode)status, errorCode));
    }

    [Theory]
    [InlineData(400, null, nameof(ApiErrorKind.BadRequest))]
    [InlineData(401, null, nameof(ApiErrorKind.Unauthenticated))]
    [InlineData(403, null, nameof(ApiErrorKind.PermissionDenied))]
    [InlineData(404, null, nameof(ApiErrorKind.NotFound))]
    [InlineData(409, null, nameof(ApiErrorKind.Conflict))]
    [InlineData(500, null, nameof(ApiErrorKind.ServerError))]
    [InlineData(502, null, nameof(ApiErrorKind.ServerError))]
    [InlineData(504, null, nameof(ApiErrorKind.ServerError))]
    [InlineData(400, "RESOURCE_ALREADY_EXISTS", nameof(ApiErrorKind.Conflict))]
    [InlineData(500, "RESOURCE_DOES_NOT_EXIST", nameof(ApiErrorKind.NotFound))]
    [InlineData(404, "SOMETHING_NEW", nameof(ApiErrorKind.NotFound))]
    public void Other_failures_are_not_retried_and_a_known_error_code_wins_over_the_status(int status, string? errorCode, string kind)
    {
        Assert.Equal(new ApiErrorClass(Enum.Parse<ApiErrorKind>(kind), Retryable: false), ErrorClassifier.Classify((HttpStatusCode)status, errorCode));
    }

    /// <summary>
    /// The rule the classifier exists for: the send loop retries exactly the responses that are reported as
    /// throttled (VOLSYNC1005) once the budget is spent, and reports everything else at once under its own code.
    /// Before one classifier, <c>TOO_MANY_REQUESTS</c> on a 400 was reported as throttled without being retried.
    /// </summary>
    [Theory]
    [MemberData(nameof(Grid))]
    public async Task The_client_retries_exactly_what_it_reports_as_throttled(int status, string? errorCode)
    {
        var body = errorCode is null ? """{"message":"no"}""" : $$"""{"error_code":"{{errorCode}}","message":"no"}""";
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(status, body)));
        using var client = new DatabricksClient(new Uri("https://adb-1.azuredatabricks.net"), new PatCredentials("t"), new DatabricksClientOptions
        {
            Handler = handler,
            RetryBudget = TimeSpan.FromSeconds(2.5),
            RetryDelay = (_, _) => Task.CompletedTask,
        });

        var ex = await Assert.ThrowsAsync<DatabricksApiException>(() => client.DeleteFileAsync("/Volumes/c/s/v/f"));

        var throttled = ex.Code == "VOLSYNC1005";
        Assert.Equal(throttled, handler.Count > 1);
        Assert.Equal(ErrorClassifier.Classify((HttpStatusCode)status, errorCode).Retryable, throttled);
    }

    [Fact]
    public async Task A_throttling_error_code_on_a_400_is_retried_until_it_succeeds()
    {
        var handler = new StubHandler((_, n, _) => Task.FromResult(n == 1
            ? StubHandler.Status(400, """{"error_code":"TOO_MANY_REQUESTS","message":"slow down"}""")
            : StubHandler.Status(200)));
        using var client = new DatabricksClient(new Uri("https://adb-1.azuredatabricks.net"), new PatCredentials("t"), new DatabricksClientOptions
        {
            Handler = handler,
            RetryDelay = (_, _) => Task.CompletedTask,
        });

        await client.DeleteFileAsync("/Volumes/c/s/v/f");

        Assert.Equal(2, handler.Count);
    }

    [Theory]
    [InlineData(403, "403", "Invalid access token.", "InvalidToken")]
    [InlineData(403, "403", "Invalid access token. [ReqId: 1a2b]", "InvalidToken")]
    [InlineData(401, "401", "Invalid access token.", "InvalidToken")]
    [InlineData(403, "403", "JWT has expired", "InvalidToken")]
    [InlineData(401, "401", "Credential was not sent or was of an unsupported type for this API.", "CredentialNotSent")]
    [InlineData(403, "403", "Credential was not sent or was of an unsupported type for this API.", "PermissionDenied")]
    [InlineData(403, "403", "Invalid access to Org: 1234", "PermissionDenied")]
    [InlineData(403, "PERMISSION_DENIED", "User does not have USE SCHEMA on Schema 'main.default'", "PermissionDenied")]
    [InlineData(404, null, "Invalid access token.", "NotFound")]
    [InlineData(401, "401", null, "Unauthenticated")]
    public void The_front_door_message_decides_between_a_dead_token_and_a_missing_grant(int status, string? errorCode, string? message, string kind)
    {
        var actual = ErrorClassifier.Classify((HttpStatusCode)status, new ApiErrorBody(errorCode, message, null, null));

        Assert.Equal(new ApiErrorClass(Enum.Parse<ApiErrorKind>(kind), Retryable: false), actual);
    }
}
