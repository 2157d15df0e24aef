using System.Globalization;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Storage;

namespace VolSync.Emulator.Endpoints;

/// <summary><c>/api/2.0/fs/files{path}</c>: upload (PUT), download (GET, with Range), metadata (HEAD), delete.</summary>
internal static class FilesEndpoints
{
    public const string Prefix = "/api/2.0/fs/files";

    public static void Map(IEndpointRouteBuilder app) => app.Map(Prefix + "/{**path}", HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<VolumeFileStore>();
        var method = context.Request.Method;
        if (!(HttpMethods.IsPut(method) || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsDelete(method) || HttpMethods.IsPost(method)))
        {
            throw ApiError.NotImplemented(method, context.Request.Path);
        }

        var path = VolumePathRequest.Parse(context, Prefix);
        if (HttpMethods.IsPost(method))
        {
            await MultipartEndpoints.HandleFileActionAsync(context, path).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPut(method))
        {
            var overwrite = ParseOverwrite(context.Request.Query["overwrite"]);
            await store.PutFileAsync(path, context.Request.Body, context.Request.ContentLength, overwrite, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 0;
        }
        else if (HttpMethods.IsDelete(method))
        {
            store.DeleteFile(path);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 0;
        }
        else if (HttpMethods.IsHead(method))
        {
            var info = store.GetFile(path);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = info.Length;
            context.Response.Headers.LastModified = info.LastWriteTimeUtc.ToString("R", CultureInfo.InvariantCulture);
        }
        else
        {
            var info = store.GetFile(path);
            FileStream stream;
            try
            {
                stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
            }
            catch (FileNotFoundException)
            {
                throw VolumeFileStore.FileMissing(path);
            }

            var lastModified = new DateTimeOffset(DateTime.SpecifyKind(info.LastWriteTimeUtc, DateTimeKind.Utc));
            await Results.File(stream, "application/octet-stream", lastModified: lastModified, enableRangeProcessing: true)
                .ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary><c>true</c> or an absent parameter overwrites; <c>false</c> refuses to replace an existing file.</summary>
    public static bool ParseOverwrite(string? value) => value switch
    {
        null or "" => true,
        _ when bool.TryParse(value, out var parsed) => parsed,
        _ => throw ApiError.InvalidParameter($"Invalid value '{value}' for parameter overwrite: expected true or false."),
    };
}
