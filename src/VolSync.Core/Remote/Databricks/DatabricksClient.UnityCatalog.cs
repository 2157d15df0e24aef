using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

// Unity Catalog: /api/2.1/unity-catalog/{catalogs,schemas,volumes}.
public sealed partial class DatabricksClient
{
    private const string UnityCatalogPrefix = "/api/2.1/unity-catalog";

    public async Task<VolumeInfo?> GetVolumeAsync(string catalog, string schema, string volume, CancellationToken cancellationToken = default)
    {
        var fullName = $"{catalog}.{schema}.{volume}";
        var request = new ApiRequest("get volume", fullName, HttpMethod.Get, UnityCatalogPrefix + "/volumes/" + PathEscaper.EscapeSegment(fullName))
        {
            AcceptStatus = HttpStatusCode.NotFound,
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        using var document = await ReadJsonAsync(response, request.Operation, fullName, cancellationToken).ConfigureAwait(false);
        return ParseVolume(document.RootElement, catalog, schema, volume);
    }

    public async Task<VolumeInfo> CreateVolumeAsync(CreateVolumeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fullName = $"{request.Catalog}.{request.Schema}.{request.Name}";
        var body = CreateVolumeBody(request);
        var apiRequest = new ApiRequest("create volume", fullName, HttpMethod.Post, UnityCatalogPrefix + "/volumes")
        {
            CreateContent = _ => new ValueTask<HttpContent>(new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } }),
        };
        try
        {
            using var response = await SendAsync(apiRequest, cancellationToken).ConfigureAwait(false);
            using var document = await ReadJsonAsync(response, apiRequest.Operation, fullName, cancellationToken).ConfigureAwait(false);
            return ParseVolume(document.RootElement, request.Catalog, request.Schema, request.Name);
        }
        catch (DatabricksApiException ex) when (ex.Code == DiagnosticCodes.RemoteConflict.Code)
        {
            var message = DiagnosticCodes.VolumeAlreadyExists.Format(fullName);
            throw new DatabricksApiException(DiagnosticCodes.VolumeAlreadyExists.Code, message, ex.Operation, ex.Path, ex.StatusCode, ex.ErrorCode, ex.Reason, ex.RequestId, ex);
        }
    }

    /// <summary>Every volume of a schema, following every page.</summary>
    public async IAsyncEnumerable<VolumeInfo> ListVolumesAsync(string catalog, string schema, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var schemaName = $"{catalog}.{schema}";
        var pageSize = Math.Clamp(Options.ListPageSize, 1, 1000).ToString(CultureInfo.InvariantCulture);
        var baseQuery = UnityCatalogPrefix + "/volumes?catalog_name=" + Uri.EscapeDataString(catalog) + "&schema_name=" + Uri.EscapeDataString(schema) + "&max_results=" + pageSize;
        var guard = new PaginationGuard("list volumes", schemaName, Options.MaxEmptyPagesInARow);
        string? pageToken = null;
        bool more;
        do
        {
            var query = pageToken is null ? baseQuery : baseQuery + "&page_token=" + Uri.EscapeDataString(pageToken);
            var request = new ApiRequest("list volumes", schemaName, HttpMethod.Get, query);
            List<VolumeInfo> volumes = [];
            using (var response = await SendAsync(request, cancellationToken).ConfigureAwait(false))
            using (var document = await ReadJsonAsync(response, request.Operation, schemaName, cancellationToken).ConfigureAwait(false))
            {
                var root = document.RootElement;
                if (root.TryGetProperty("volumes", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        volumes.Add(ParseVolume(item, catalog, schema, string.Empty));
                    }
                }

                // Pages may be empty and still carry a token: only the token decides, within the guard's limits.
                pageToken = Json.GetString(root, "next_page_token");
                more = guard.Continue(volumes.Count, pageToken);
            }

            foreach (var volume in volumes)
            {
                yield return volume;
            }
        }
        while (more);
    }

    /// <summary>
    /// <c>volumes.update</c>: changes the comment, the owner or the name (fields left null stay as they are; an empty
    /// comment clears it). Returns the volume as the workspace now has it. A missing volume is VOLSYNC1003.
    /// </summary>
    public async Task<VolumeInfo> UpdateVolumeAsync(string catalog, string schema, string volume, UpdateVolumeRequest update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var fullName = $"{catalog}.{schema}.{volume}";
        var body = UpdateVolumeBody(update);
        var request = new ApiRequest("update volume", fullName, HttpMethod.Patch, UnityCatalogPrefix + "/volumes/" + PathEscaper.EscapeSegment(fullName))
        {
            CreateContent = _ => new ValueTask<HttpContent>(new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } }),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, request.Operation, fullName, cancellationToken).ConfigureAwait(false);
        return ParseVolume(document.RootElement, catalog, schema, update.NewName ?? volume);
    }

    public Task<bool> CatalogExistsAsync(string catalog, CancellationToken cancellationToken = default) =>
        ExistsAsync("get catalog", catalog, UnityCatalogPrefix + "/catalogs/" + PathEscaper.EscapeSegment(catalog), cancellationToken);

    public Task<bool> SchemaExistsAsync(string catalog, string schema, CancellationToken cancellationToken = default)
    {
        var fullName = $"{catalog}.{schema}";
        return ExistsAsync("get schema", fullName, UnityCatalogPrefix + "/schemas/" + PathEscaper.EscapeSegment(fullName), cancellationToken);
    }

    private async Task<bool> ExistsAsync(string operation, string name, string pathAndQuery, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(operation, name, HttpMethod.Get, pathAndQuery) { AcceptStatus = HttpStatusCode.NotFound };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    private static byte[] CreateVolumeBody(CreateVolumeRequest request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("catalog_name", request.Catalog);
            writer.WriteString("schema_name", request.Schema);
            writer.WriteString("name", request.Name);
            writer.WriteString("volume_type", request.VolumeType == VolumeType.External ? "EXTERNAL" : "MANAGED");
            if (request.StorageLocation is not null)
            {
                writer.WriteString("storage_location", request.StorageLocation);
            }

            if (request.Comment is not null)
            {
                writer.WriteString("comment", request.Comment);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] UpdateVolumeBody(UpdateVolumeRequest update)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (update.NewName is not null)
            {
                writer.WriteString("new_name", update.NewName);
            }

            if (update.Owner is not null)
            {
                writer.WriteString("owner", update.Owner);
            }

            if (update.Comment is not null)
            {
                writer.WriteString("comment", update.Comment);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static VolumeInfo ParseVolume(JsonElement item, string catalog, string schema, string volume)
    {
        var catalogName = Json.GetString(item, "catalog_name") ?? catalog;
        var schemaName = Json.GetString(item, "schema_name") ?? schema;
        var name = Json.GetString(item, "name") ?? volume;
        var volumeType = string.Equals(Json.GetString(item, "volume_type"), "EXTERNAL", StringComparison.OrdinalIgnoreCase) ? VolumeType.External : VolumeType.Managed;
        return new VolumeInfo(
            catalogName,
            schemaName,
            name,
            Json.GetString(item, "full_name") ?? $"{catalogName}.{schemaName}.{name}",
            volumeType,
            Json.GetString(item, "storage_location"),
            Json.GetString(item, "volume_id"),
            Json.GetString(item, "owner"),
            Json.GetString(item, "comment"),
            FromMilliseconds(Json.GetInt64(item, "created_at")),
            FromMilliseconds(Json.GetInt64(item, "updated_at")));
    }

    private static DateTimeOffset? FromMilliseconds(long? milliseconds) =>
        milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
