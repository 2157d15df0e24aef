using System.Net;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

public class DatabricksApiExceptionTests
{
    private static DatabricksApiException Create(HttpStatusCode status, ApiErrorBody body) =>
        DatabricksApiException.FromResponse("upload", "/Volumes/main/default/v/app.dll", status, status.ToString(), body, "service principal 1234", "https://adb-1.azuredatabricks.net", TimeSpan.FromSeconds(30));

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
}
