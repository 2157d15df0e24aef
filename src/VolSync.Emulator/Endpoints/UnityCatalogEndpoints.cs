using System.Globalization;
using System.Text;
using VolSync.Emulator.Errors;
using VolSync.Emulator.Faults;
using VolSync.Emulator.Hosting;
using VolSync.Emulator.Storage;

namespace VolSync.Emulator.Endpoints;

/// <summary><c>/api/2.1/unity-catalog/</c>: catalogs, schemas and volumes (create, get, list, delete; volumes also update).</summary>
internal static class UnityCatalogEndpoints
{
    public const string Prefix = "/api/2.1/unity-catalog";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "/catalogs", (HttpContext c) => ListCatalogsAsync(c));
        app.MapPost(Prefix + "/catalogs", (HttpContext c) => CreateCatalogAsync(c));
        app.MapGet(Prefix + "/catalogs/{name}", (HttpContext c, string name) => GetCatalogAsync(c, name));
        app.MapDelete(Prefix + "/catalogs/{name}", (HttpContext c, string name) => DeleteCatalogAsync(c, name));

        app.MapGet(Prefix + "/schemas", (HttpContext c) => ListSchemasAsync(c));
        app.MapPost(Prefix + "/schemas", (HttpContext c) => CreateSchemaAsync(c));
        app.MapGet(Prefix + "/schemas/{fullName}", (HttpContext c, string fullName) => GetSchemaAsync(c, fullName));
        app.MapDelete(Prefix + "/schemas/{fullName}", (HttpContext c, string fullName) => DeleteSchemaAsync(c, fullName));

        app.MapGet(Prefix + "/volumes", (HttpContext c) => ListVolumesAsync(c));
        app.MapPost(Prefix + "/volumes", (HttpContext c) => CreateVolumeAsync(c));
        app.MapGet(Prefix + "/volumes/{fullName}", (HttpContext c, string fullName) => GetVolumeAsync(c, fullName));
        app.MapPatch(Prefix + "/volumes/{fullName}", (HttpContext c, string fullName) => UpdateVolumeAsync(c, fullName));
        app.MapDelete(Prefix + "/volumes/{fullName}", (HttpContext c, string fullName) => DeleteVolumeAsync(c, fullName));
    }

    private static CatalogStore Store(HttpContext context) => context.RequestServices.GetRequiredService<CatalogStore>();

    // ---- catalogs ----

    private static Task ListCatalogsAsync(HttpContext context)
    {
        var (page, next) = Paginate(context, Store(context).ListCatalogs(), c => c.Name);
        return EmulatorJson.WriteAsync(context, new { catalogs = page?.Select(c => CatalogInfo(context, c)).ToList(), next_page_token = next });
    }

    private static async Task CreateCatalogAsync(HttpContext context)
    {
        var request = await EmulatorJson.ReadAsync<CreateRequest>(context).ConfigureAwait(false);
        var created = Store(context).CreateCatalog(request.Name!, request.Comment);
        await EmulatorJson.WriteAsync(context, CatalogInfo(context, created)).ConfigureAwait(false);
    }

    private static Task GetCatalogAsync(HttpContext context, string name) =>
        EmulatorJson.WriteAsync(context, CatalogInfo(context, Store(context).GetCatalog(name)));

    private static Task DeleteCatalogAsync(HttpContext context, string name)
    {
        Store(context).DeleteCatalog(name, IsTrue(context, "force"));
        return EmulatorJson.WriteAsync(context, new { });
    }

    // ---- schemas ----

    private static Task ListSchemasAsync(HttpContext context)
    {
        var catalog = Required(context, "catalog_name");
        var (page, next) = Paginate(context, Store(context).ListSchemas(catalog), s => s.Name);
        return EmulatorJson.WriteAsync(context, new { schemas = page?.Select(s => SchemaInfo(context, s)).ToList(), next_page_token = next });
    }

    private static async Task CreateSchemaAsync(HttpContext context)
    {
        var request = await EmulatorJson.ReadAsync<CreateRequest>(context).ConfigureAwait(false);
        var created = Store(context).CreateSchema(request.CatalogName!, request.Name!, request.Comment);
        await EmulatorJson.WriteAsync(context, SchemaInfo(context, created)).ConfigureAwait(false);
    }

    private static Task GetSchemaAsync(HttpContext context, string fullName) =>
        EmulatorJson.WriteAsync(context, SchemaInfo(context, Store(context).GetSchema(fullName)));

    private static Task DeleteSchemaAsync(HttpContext context, string fullName)
    {
        Store(context).DeleteSchema(fullName, IsTrue(context, "force"));
        return EmulatorJson.WriteAsync(context, new { });
    }

    // ---- volumes ----

    private static Task ListVolumesAsync(HttpContext context)
    {
        var catalog = Required(context, "catalog_name");
        var schema = Required(context, "schema_name");
        var (page, next) = Paginate(context, Store(context).ListVolumes(catalog, schema), v => v.Name);
        return EmulatorJson.WriteAsync(context, new { volumes = page?.Select(v => VolumeInfo(context, v)).ToList(), next_page_token = next });
    }

    private static async Task CreateVolumeAsync(HttpContext context)
    {
        var request = await EmulatorJson.ReadAsync<CreateRequest>(context).ConfigureAwait(false);
        var created = Store(context).CreateVolume(
            request.CatalogName, request.SchemaName, request.Name, request.VolumeType, request.StorageLocation, request.Comment);
        await EmulatorJson.WriteAsync(context, VolumeInfo(context, created)).ConfigureAwait(false);
    }

    private static Task GetVolumeAsync(HttpContext context, string fullName) =>
        EmulatorJson.WriteAsync(context, VolumeInfo(context, Store(context).GetVolume(fullName)));

    private static async Task UpdateVolumeAsync(HttpContext context, string fullName)
    {
        var request = await EmulatorJson.ReadAsync<UpdateRequest>(context).ConfigureAwait(false);
        var updated = Store(context).UpdateVolume(fullName, request.NewName, request.Owner, request.Comment);
        await EmulatorJson.WriteAsync(context, VolumeInfo(context, updated)).ConfigureAwait(false);
    }

    private static Task DeleteVolumeAsync(HttpContext context, string fullName)
    {
        Store(context).DeleteVolume(fullName);
        return EmulatorJson.WriteAsync(context, new { });
    }

    // ---- shapes ----

    private static object CatalogInfo(HttpContext context, CatalogRecord c) => new
    {
        name = c.Name,
        full_name = c.Name,
        owner = c.Owner,
        comment = c.Comment,
        catalog_type = "MANAGED_CATALOG",
        metastore_id = Store(context).MetastoreId,
        id = c.Id,
        isolation_mode = "OPEN",
        created_at = c.CreatedAt,
        created_by = c.Owner,
        updated_at = c.UpdatedAt,
        updated_by = c.Owner,
    };

    private static object SchemaInfo(HttpContext context, SchemaRecord s) => new
    {
        name = s.Name,
        catalog_name = s.CatalogName,
        full_name = s.FullName,
        owner = s.Owner,
        comment = s.Comment,
        metastore_id = Store(context).MetastoreId,
        schema_id = s.Id,
        catalog_type = "MANAGED_CATALOG",
        created_at = s.CreatedAt,
        created_by = s.Owner,
        updated_at = s.UpdatedAt,
        updated_by = s.Owner,
    };

    private static object VolumeInfo(HttpContext context, VolumeRecord v) => new
    {
        catalog_name = v.CatalogName,
        schema_name = v.SchemaName,
        name = v.Name,
        full_name = v.FullName,
        volume_type = v.VolumeType,
        storage_location = v.StorageLocation,
        volume_id = v.VolumeId,
        metastore_id = Store(context).MetastoreId,
        owner = v.Owner,
        comment = v.Comment,
        created_at = v.CreatedAt,
        created_by = CatalogStore.Owner,
        updated_at = v.UpdatedAt,
        updated_by = v.UpdatedBy ?? CatalogStore.Owner,
    };

    // ---- helpers ----

    private static string Required(HttpContext context, string name)
    {
        string? value = context.Request.Query[name];
        return string.IsNullOrEmpty(value)
            ? throw ApiError.InvalidParameter($"Missing required parameter: {name}", null, ApiError.CatalogDomain)
            : value;
    }

    private static bool IsTrue(HttpContext context, string name) =>
        bool.TryParse(context.Request.Query[name], out var value) && value;

    /// <summary>
    /// <c>max_results</c> (0 or absent = everything) and an opaque <c>page_token</c> naming the last item
    /// of the previous page; the token is absent on the last page. An inserted empty page (fault injection)
    /// has no items at all (null: the field is left out, as proto-JSON does) and a token that resumes here.
    /// </summary>
    private static (IReadOnlyList<T>? Page, string? Next) Paginate<T>(HttpContext context, IReadOnlyList<T> items, Func<T, string> key)
    {
        string? maxText = context.Request.Query["max_results"];
        var max = 0;
        if (!string.IsNullOrEmpty(maxText) &&
            (!int.TryParse(maxText, NumberStyles.Integer, CultureInfo.InvariantCulture, out max) || max < 0))
        {
            throw ApiError.InvalidParameter($"Invalid max_results '{maxText}': expected a non-negative integer.", null, ApiError.CatalogDomain);
        }

        var token = EmptyPages.Unwrap(context.Request.Query["page_token"]);
        IEnumerable<T> rest = items;
        if (!string.IsNullOrEmpty(token))
        {
            string after;
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                throw ApiError.InvalidParameter($"Invalid page_token '{token}'.", null, ApiError.CatalogDomain);
            }

            rest = items.Where(i => string.CompareOrdinal(key(i), after) > 0);
        }

        var emptyPages = context.RequestServices.GetRequiredService<EmptyPages>();
        if (emptyPages.Insert(context))
        {
            return (null, emptyPages.Wrap(token));
        }

        var remaining = rest.ToList();
        if (max == 0 || remaining.Count <= max)
        {
            return (remaining, null);
        }

        var page = remaining.Take(max).ToList();
        return (page, Convert.ToBase64String(Encoding.UTF8.GetBytes(key(page[^1]))));
    }

    private sealed class CreateRequest
    {
        public string? Name { get; set; }
        public string? CatalogName { get; set; }
        public string? SchemaName { get; set; }
        public string? VolumeType { get; set; }
        public string? StorageLocation { get; set; }
        public string? Comment { get; set; }
    }

    private sealed class UpdateRequest
    {
        public string? NewName { get; set; }
        public string? Owner { get; set; }
        public string? Comment { get; set; }
    }
}
