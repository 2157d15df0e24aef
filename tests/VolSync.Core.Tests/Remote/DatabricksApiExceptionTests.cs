using System.Net;
using VolSync.Auth;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

public class DatabricksApiExceptionTests
{
    private static DatabricksApiException Create(HttpStatusCode status, ApiErrorBody body, IDatabricksCredentials? credentials = null) =>
        DatabricksApiException.FromResponse(
            "upload", "/Volumes/main/default/v/app.dll", status, status.ToString(), body,
            credentials ?? new PatCredentials("dapi-not-shown", "service principal 1234"), "https://adb-1.azuredatabricks.net", TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, null, "VOLSYNC1001")]
    [InlineData(HttpStatusCode.Forbidden, null, "VOLSYNC1002")]
    [InlineData(HttpStatusCode.NotFound, null, "VOLSYNC1003")]
    [InlineData(HttpStatusCode.Conflict, null, "VOLSYNC1004")]
    [InlineData(HttpStatusCode.TooManyRequests, null, "VOLSYNC1005")]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, "VOLSYNC1005")]
    [InlineData(HttpStatusCode.InternalServerError, null, "VOLSYNC1006")]
    [InlineData(HttpStatusCode.BadGateway, null, "VOLSYNC1006")]
    [InlineData(HttpStatusCode.BadRequest, null, "VOLSYNC1009")]
    // A known error_code wins over the status, as in the SDKs.
    [InlineData(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", "VOLSYNC1004")]
    [InlineData(HttpStatusCode.BadRequest, "RESOURCE_DOES_NOT_EXIST", "VOLSYNC1003")]
    [InlineData(HttpStatusCode.InternalServerError, "REQUEST_LIMIT_EXCEEDED", "VOLSYNC1005")]
    public void Statuses_and_error_codes_map_to_codes(HttpStatusCode status, string? errorCode, string expectedCode)
    {
        var ex = Create(status, new ApiErrorBody(errorCode, "msg", null, null));

        Assert.Equal(expectedCode, ex.Code);
        Assert.DoesNotContain(expectedCode, ex.Message); // the code is data beside the message
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(errorCode, ex.ErrorCode);
    }

    [Fact]
    public void Message_names_operation_path_status_details_and_what_to_do()
    {
        var ex = Create(HttpStatusCode.BadRequest, new ApiErrorBody("INVALID_PARAMETER_VALUE", "Directory is not empty", "FILES_API_DIRECTORY_IS_NOT_EMPTY", "req-9"));

        Assert.Contains("upload '/Volumes/main/default/v/app.dll'", ex.Message);
        Assert.Contains("HTTP 400 BadRequest, INVALID_PARAMETER_VALUE: Directory is not empty [FILES_API_DIRECTORY_IS_NOT_EMPTY] (request id req-9)", ex.Message);
        Assert.Equal("upload", ex.Operation);
        Assert.Equal("/Volumes/main/default/v/app.dll", ex.Path);
        Assert.Equal("FILES_API_DIRECTORY_IS_NOT_EMPTY", ex.Reason);
        Assert.Equal("req-9", ex.RequestId);
    }

    [Fact]
    public void Authentication_failure_names_identity_and_host()
    {
        var ex = Create(HttpStatusCode.Unauthorized, new ApiErrorBody(null, "Invalid token", null, null));

        Assert.Contains("service principal 1234", ex.Message);
        Assert.Contains("https://adb-1.azuredatabricks.net", ex.Message);
        Assert.Contains("Check", ex.Message);
    }

    [Fact]
    public void Permission_denied_names_the_privileges()
    {
        var ex = Create(HttpStatusCode.Forbidden, new ApiErrorBody("PERMISSION_DENIED", "User does not have USE SCHEMA on Schema 'main.default'", null, null));

        Assert.Contains("service principal 1234", ex.Message);
        Assert.Contains("USE CATALOG", ex.Message);
        Assert.Contains("USE SCHEMA", ex.Message);
        Assert.Contains("WRITE VOLUME", ex.Message);
    }

    [Fact]
    public void Throttled_names_the_budget()
    {
        var ex = Create(HttpStatusCode.TooManyRequests, new ApiErrorBody(null, "Too Many Requests", null, null));

        Assert.Contains("30 s", ex.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "403", "Invalid access token.")]
    [InlineData(HttpStatusCode.Forbidden, "403", "Invalid access token. [ReqId: 1a2b]")]
    [InlineData(HttpStatusCode.Forbidden, "403", "JWT has expired")]
    [InlineData(HttpStatusCode.Unauthorized, "401", "Invalid access token.")]
    [InlineData(HttpStatusCode.Unauthorized, null, "Invalid access token.")]
    public void An_invalid_or_expired_token_is_1030_with_renew_advice_not_grant_advice(HttpStatusCode status, string? errorCode, string message)
    {
        var ex = Create(status, new ApiErrorBody(errorCode, message, null, null), new PatCredentials("dapi-not-shown", "personal access token from DATABRICKS_TOKEN"));

        Assert.Equal("VOLSYNC1030", ex.Code);
        Assert.Contains("personal access token from DATABRICKS_TOKEN", ex.Message);
        Assert.Contains("https://adb-1.azuredatabricks.net", ex.Message);
        Assert.Contains("create a new personal access token", ex.Message);
        Assert.Contains("not a missing permission", ex.Message);
        Assert.DoesNotContain("USE CATALOG", ex.Message);
        Assert.DoesNotContain("dapi-not-shown", ex.ToString());
    }

    [Theory]
    [InlineData("oauth-m2m", "service principal")]
    [InlineData("databricks-cli", "databricks auth login --host https://adb-1.azuredatabricks.net")]
    [InlineData("github-oidc", "federation policy")]
    public void The_renew_advice_fits_where_the_credential_comes_from(string authType, string advice)
    {
        var ex = Create(HttpStatusCode.Forbidden, new ApiErrorBody("403", "Invalid access token.", null, null), new FakeCredentials(authType));

        Assert.Equal("VOLSYNC1030", ex.Code);
        Assert.Contains(advice, ex.Message);
        Assert.Contains($"{authType} identity", ex.Message);
    }

    [Fact]
    public void A_credential_the_workspace_did_not_receive_is_1031()
    {
        var ex = Create(HttpStatusCode.Unauthorized, new ApiErrorBody("401", "Credential was not sent or was of an unsupported type for this API.", null, null));

        Assert.Equal("VOLSYNC1031", ex.Code);
        Assert.Contains("Authorization header", ex.Message);
        Assert.Contains("service principal 1234", ex.Message);
    }

    [Fact]
    public void A_403_about_anything_but_the_token_keeps_the_grant_advice()
    {
        var ex = Create(HttpStatusCode.Forbidden, new ApiErrorBody("403", "Invalid access to Org: 1234", null, null));

        Assert.Equal("VOLSYNC1002", ex.Code);
        Assert.Contains("USE CATALOG", ex.Message);
    }

    [Fact]
    public void A_numeric_error_code_is_kept_but_not_repeated_after_its_status()
    {
        var ex = Create(HttpStatusCode.Forbidden, new ApiErrorBody("403", "Invalid access token.", null, null));

        Assert.Equal("403", ex.ErrorCode);
        Assert.Contains("(HTTP 403 Forbidden: Invalid access token.)", ex.Message);
    }

    private sealed class FakeCredentials(string authType) : IDatabricksCredentials
    {
        public string AuthType => authType;

        public string Identity => $"{authType} identity";

        public ValueTask<string> GetAuthorizationHeaderAsync(CancellationToken cancellationToken = default) => new("Bearer x");
    }
}
