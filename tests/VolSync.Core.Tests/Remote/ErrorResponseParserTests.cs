using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

public class ErrorResponseParserTests
{
    [Fact]
    public void Standard_body_with_error_info_and_request_info()
    {
        const string body = """
            {"error_code":"INVALID_PARAMETER_VALUE","message":"The directory is not empty.",
             "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"FILES_API_DIRECTORY_IS_NOT_EMPTY","domain":"filesystem.databricks.com","metadata":{}},
                        {"@type":"type.googleapis.com/google.rpc.RequestInfo","request_id":"req-123","serving_data":""}]}
            """;

        var parsed = ErrorResponseParser.Parse(body, "Bad Request");

        Assert.Equal(new ApiErrorBody("INVALID_PARAMETER_VALUE", "The directory is not empty.", "FILES_API_DIRECTORY_IS_NOT_EMPTY", "req-123"), parsed);
    }

    [Fact]
    public void Message_only_body_as_the_fake_server_sends()
    {
        var parsed = ErrorResponseParser.Parse("""{"message":"File already exists at (/Volumes/c/s/v/f)."}""", "Conflict");

        Assert.Null(parsed.ErrorCode);
        Assert.Equal("File already exists at (/Volumes/c/s/v/f).", parsed.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n")]
    public void Empty_body_falls_back_to_the_reason_phrase(string? body)
    {
        var parsed = ErrorResponseParser.Parse(body, "Service Unavailable");

        Assert.Equal(new ApiErrorBody(null, "Service Unavailable", null, null), parsed);
    }

    [Fact]
    public void Api_1_2_error_string()
    {
        var parsed = ErrorResponseParser.Parse("""{"error":"Invalid access token."}""", "Forbidden");

        Assert.Equal("Invalid access token.", parsed.Message);
        Assert.Null(parsed.ErrorCode);
    }

    [Fact]
    public void Scim_detail_and_status()
    {
        const string body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"User not authorized.","status":"403","scimType":"forbidden"}""";

        var parsed = ErrorResponseParser.Parse(body, "Forbidden");

        Assert.Equal("User not authorized.", parsed.Message);
        Assert.Equal("forbidden", parsed.ErrorCode);
    }

    [Fact]
    public void Text_code_colon_message()
    {
        var parsed = ErrorResponseParser.Parse("RESOURCE_DOES_NOT_EXIST: No file or directory exists on path /Volumes/x.", "Not Found");

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", parsed.ErrorCode);
        Assert.Equal("No file or directory exists on path /Volumes/x.", parsed.Message);
    }

    [Fact]
    public void Html_pre_from_a_proxy()
    {
        const string body = "<html><head><title>Error 502</title></head><body><h2>HTTP ERROR 502</h2><pre>Bad gateway &amp; more\n  detail</pre></body></html>";

        var parsed = ErrorResponseParser.Parse(body, "Bad Gateway");

        Assert.Equal("Bad gateway & more detail", parsed.Message);
        Assert.Equal("Bad Gateway", parsed.ErrorCode);
    }

    [Fact]
    public void Html_title_when_there_is_no_pre()
    {
        var parsed = ErrorResponseParser.Parse("<html><head><title>403 Forbidden</title></head><body>nope</body></html>", "Forbidden");

        Assert.Equal("403 Forbidden", parsed.Message);
    }

    [Fact]
    public void Plain_text_without_a_code_is_the_message()
    {
        var parsed = ErrorResponseParser.Parse("something broke", "Internal Server Error");

        Assert.Equal(new ApiErrorBody(null, "something broke", null, null), parsed);
    }

    [Fact]
    public void Broken_json_is_kept_as_text()
    {
        var parsed = ErrorResponseParser.Parse("{\"error_code\": ", "Bad Request");

        Assert.Equal("{\"error_code\":", parsed.Message);
    }

    [Fact]
    public void Json_without_a_message_uses_the_reason_phrase()
    {
        var parsed = ErrorResponseParser.Parse("""{"error_code":"NOT_FOUND"}""", "Not Found");

        Assert.Equal(new ApiErrorBody("NOT_FOUND", "Not Found", null, null), parsed);
    }

    [Fact]
    public void A_numeric_error_code_from_the_front_door_is_read_like_a_string_one()
    {
        // Recorded from real workspaces (databricks-sdk-go issues #873, #917): the number broke the Go SDK's decoder.
        var parsed = ErrorResponseParser.Parse("""{"error_code": 403, "message": "Invalid access token."}""", "Forbidden", "Invalid access token.");

        Assert.Equal(new ApiErrorBody("403", "Invalid access token.", null, null), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("<html><head><title>403 Forbidden</title></head><body></body></html>")]
    [InlineData("{}")]
    public void The_reason_phrase_header_is_the_message_when_the_body_has_none(string? body)
    {
        var parsed = ErrorResponseParser.Parse(body, "Forbidden", "Invalid access token.");

        Assert.Equal("Invalid access token.", parsed.Message);
    }

    [Fact]
    public void A_message_in_the_body_wins_over_the_reason_phrase_header()
    {
        var parsed = ErrorResponseParser.Parse("""{"error_code":"PERMISSION_DENIED","message":"User does not have USE SCHEMA"}""", "Forbidden", "Forbidden by policy");

        Assert.Equal("User does not have USE SCHEMA", parsed.Message);
    }
}
