using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using VolSync.Emulator.Errors;

namespace VolSync.Emulator.Hosting;

/// <summary>JSON as the REST API speaks it: snake_case names, absent (not null) optional fields.</summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Messages quote paths; keep ' + < > readable instead of \u0027-style escapes (the output is never HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync<T>(HttpContext context, T value, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Options);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads a JSON request body; malformed JSON is a 400 MALFORMED_REQUEST as in the real service.</summary>
    public static async Task<T> ReadAsync<T>(HttpContext context)
        where T : new()
    {
        try
        {
            if (context.Request.ContentLength == 0)
            {
                return new T();
            }

            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Options, context.RequestAborted).ConfigureAwait(false) ?? new T();
        }
        catch (JsonException ex)
        {
            throw new ApiError(StatusCodes.Status400BadRequest, "MALFORMED_REQUEST", $"Invalid JSON given in the body of the request - {ex.Message}");
        }
    }

    /// <summary>Writes an empty 200 answer, as the Files API does for uploads, deletes and mkdir.</summary>
    public static Task WriteEmptyAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
