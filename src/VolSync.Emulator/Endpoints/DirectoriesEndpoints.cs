using System.Globalization;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Faults;
using VolSync.Emulator.Hosting;
using VolSync.Emulator.Storage;

namespace VolSync.Emulator.Endpoints;

/// <summary><c>/api/2.0/fs/directories{path}</c>: list (GET, paginated), create (PUT, mkdir -p), exists (HEAD), delete (empty only).</summary>
internal static class DirectoriesEndpoints
{
    public const string Prefix = "/api/2.0/fs/directories";

    /// <summary>The real service caps list pages at 1000 entries.</summary>
    public const int MaxPageSize = 1000;

    public static void Map(IEndpointRouteBuilder app) => app.Map(Prefix + "/{**path}", HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<VolumeFileStore>();
        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        var method = context.Request.Method;
        if (!(HttpMethods.IsPut(method) || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsDelete(method)))
        {
            throw ApiError.NotImplemented(method, context.Request.Path);
        }

        var path = VolumePathRequest.Parse(context, Prefix);
        if (HttpMethods.IsGet(method))
        {
            var cap = Math.Min(MaxPageSize, options.PageSize > 0 ? options.PageSize : MaxPageSize);
            var requested = ParsePageSize(context.Request.Query["page_size"]);
            var pageSize = requested is > 0 ? Math.Min(requested.Value, cap) : cap;
            var pageToken = EmptyPages.Unwrap(context.Request.Query["page_token"]);
            var emptyPages = context.RequestServices.GetRequiredService<EmptyPages>();
            if (emptyPages.Insert(context))
            {
                if (!store.DirectoryExists(path))
                {
                    throw VolumeFileStore.DirectoryMissing(path);
                }

                await EmulatorJson.WriteAsync(context, new ListResponse(null, emptyPages.Wrap(pageToken))).ConfigureAwait(false);
                return;
            }

            var (entries, next) = store.List(path, pageSize, pageToken);
            await EmulatorJson.WriteAsync(context, new ListResponse(
                entries.Count == 0 ? null : [.. entries.Select(e => new Entry(e.Path, e.Name, e.IsDirectory ? true : null, e.FileSize, e.LastModifiedMs))],
                next)).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPut(method))
        {
            store.CreateDirectory(path);
            await EmulatorJson.WriteEmptyAsync(context).ConfigureAwait(false);
        }
        else if (HttpMethods.IsHead(method))
        {
            if (!store.DirectoryExists(path))
            {
                throw VolumeFileStore.DirectoryMissing(path);
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        else
        {
            store.DeleteDirectory(path);
            await EmulatorJson.WriteEmptyAsync(context).ConfigureAwait(false);
        }
    }

    private static int? ParsePageSize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
            ? parsed
            : throw ApiError.InvalidParameter($"Invalid value '{value}' for parameter page_size: expected a non-negative integer.");
    }

    private sealed record ListResponse(IReadOnlyList<Entry>? Contents, string? NextPageToken);

    private sealed record Entry(string Path, string Name, bool? IsDirectory, long? FileSize, long? LastModified);
}
