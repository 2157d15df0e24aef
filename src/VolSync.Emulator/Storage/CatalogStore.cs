using System.Text.Json;
using System.Text.Json.Serialization;
using VolSync.Emulator.Errors;

namespace VolSync.Emulator.Storage;

/// <summary>
/// Catalogs, schemas and volumes. All changes happen under one lock and are written to
/// <c>&lt;root&gt;/.volsync-emulator/catalog.json</c> (temp file + rename) before the call returns.
/// </summary>
internal sealed class CatalogStore
{
    public const string Owner = "emulator@volsync.local";

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly object _gate = new();
    private readonly string _root;
    private readonly string _metadataFile;
    private readonly CatalogModel _model;

    public CatalogStore(string root)
    {
        _root = root;
        _metadataFile = Path.Combine(root, ".volsync-emulator", "catalog.json");
        _model = Load();
        lock (_gate)
        {
            EnsureDefaults();
            AdoptExistingVolumeFolders();
            Save();
        }
    }

    public string MetastoreId => _model.MetastoreId;

    public string VolumeDirectory(string catalog, string schema, string volume) =>
        Path.Combine(_root, "Volumes", catalog, schema, volume);

    // ---- catalogs ----

    public CatalogRecord GetCatalog(string name)
    {
        lock (_gate)
        {
            return FindCatalog(name) ?? throw CatalogMissing(name);
        }
    }

    public IReadOnlyList<CatalogRecord> ListCatalogs()
    {
        lock (_gate)
        {
            return [.. _model.Catalogs.OrderBy(c => c.Name, StringComparer.Ordinal)];
        }
    }

    public CatalogRecord CreateCatalog(string name, string? comment)
    {
        name = ValidName(name, "name");
        lock (_gate)
        {
            if (FindCatalog(name) is not null)
            {
                throw AlreadyExists($"Catalog '{name}' already exists", "CATALOG_ALREADY_EXISTS");
            }

            var now = Now();
            var record = new CatalogRecord { Name = name, Comment = comment, Owner = Owner, Id = Guid.NewGuid().ToString(), CreatedAt = now, UpdatedAt = now };
            _model.Catalogs.Add(record);
            Save();
            return record;
        }
    }

    public void DeleteCatalog(string name, bool force)
    {
        lock (_gate)
        {
            var catalog = FindCatalog(name) ?? throw CatalogMissing(name);
            var schemas = _model.Schemas.Where(s => s.CatalogName == catalog.Name).ToList();
            // A catalog always holds "information_schema" in the real service; here "empty" means no schemas.
            if (schemas.Count > 0 && !force)
            {
                throw ApiError.InvalidParameter(
                    $"Catalog '{catalog.Name}' is not empty. The catalog has {schemas.Count} schema(s) (including information_schema) and 0 tables. Use force=true to delete it.",
                    "CATALOG_NOT_EMPTY", ApiError.CatalogDomain);
            }

            foreach (var schema in schemas)
            {
                RemoveSchema(schema);
            }

            _model.Catalogs.Remove(catalog);
            TryDeleteFolder(Path.Combine(_root, "Volumes", catalog.Name));
            Save();
        }
    }

    // ---- schemas ----

    public SchemaRecord GetSchema(string fullName)
    {
        var (catalog, schema) = SplitSchemaName(fullName);
        lock (_gate)
        {
            return FindSchema(catalog, schema) ?? throw SchemaMissing(catalog, schema);
        }
    }

    public IReadOnlyList<SchemaRecord> ListSchemas(string catalog)
    {
        catalog = catalog.ToLowerInvariant();
        lock (_gate)
        {
            _ = FindCatalog(catalog) ?? throw CatalogMissing(catalog);
            return [.. _model.Schemas.Where(s => s.CatalogName == catalog).OrderBy(s => s.Name, StringComparer.Ordinal)];
        }
    }

    public SchemaRecord CreateSchema(string catalog, string name, string? comment)
    {
        catalog = ValidName(catalog, "catalog_name");
        name = ValidName(name, "name");
        lock (_gate)
        {
            _ = FindCatalog(catalog) ?? throw CatalogMissing(catalog);
            if (FindSchema(catalog, name) is not null)
            {
                throw AlreadyExists($"Schema '{catalog}.{name}' already exists", "SCHEMA_ALREADY_EXISTS");
            }

            var now = Now();
            var record = new SchemaRecord { CatalogName = catalog, Name = name, Comment = comment, Owner = Owner, Id = Guid.NewGuid().ToString(), CreatedAt = now, UpdatedAt = now };
            _model.Schemas.Add(record);
            Save();
            return record;
        }
    }

    public void DeleteSchema(string fullName, bool force)
    {
        var (catalog, name) = SplitSchemaName(fullName);
        lock (_gate)
        {
            var schema = FindSchema(catalog, name) ?? throw SchemaMissing(catalog, name);
            var volumes = _model.Volumes.Count(v => v.CatalogName == catalog && v.SchemaName == name);
            if (volumes > 0 && !force)
            {
                throw ApiError.InvalidParameter(
                    $"Schema '{schema.FullName}' is not empty. The schema has {volumes} volume(s). Use force=true to delete it.",
                    "SCHEMA_NOT_EMPTY", ApiError.CatalogDomain);
            }

            RemoveSchema(schema);
            Save();
        }
    }

    // ---- volumes ----

    public VolumeRecord GetVolume(string fullName)
    {
        var parts = fullName.Split('.');
        lock (_gate)
        {
            var found = parts.Length == 3 ? FindVolume(parts[0], parts[1], parts[2]) : null;
            return found ?? throw VolumeMissing(fullName);
        }
    }

    public bool VolumeExists(string catalog, string schema, string volume)
    {
        lock (_gate)
        {
            return FindVolume(catalog, schema, volume) is not null;
        }
    }

    public IReadOnlyList<VolumeRecord> ListVolumes(string catalog, string schema)
    {
        catalog = catalog.ToLowerInvariant();
        schema = schema.ToLowerInvariant();
        lock (_gate)
        {
            _ = FindCatalog(catalog) ?? throw CatalogMissing(catalog);
            _ = FindSchema(catalog, schema) ?? throw SchemaMissing(catalog, schema);
            return [.. _model.Volumes.Where(v => v.CatalogName == catalog && v.SchemaName == schema).OrderBy(v => v.Name, StringComparer.Ordinal)];
        }
    }

    public VolumeRecord CreateVolume(string? catalog, string? schema, string? name, string? volumeType, string? storageLocation, string? comment)
    {
        catalog = ValidName(catalog, "catalog_name");
        schema = ValidName(schema, "schema_name");
        name = ValidName(name, "name");
        var type = (volumeType ?? string.Empty).ToUpperInvariant();
        if (type is not ("MANAGED" or "EXTERNAL"))
        {
            throw ApiError.InvalidParameter(
                $"Invalid volume_type '{volumeType}': expected MANAGED or EXTERNAL.", null, ApiError.CatalogDomain);
        }

        if (type == "MANAGED" && !string.IsNullOrEmpty(storageLocation))
        {
            throw ApiError.InvalidParameter("CreateVolume storage_location can not be provided.", null, ApiError.CatalogDomain);
        }

        if (type == "EXTERNAL" && string.IsNullOrEmpty(storageLocation))
        {
            throw ApiError.InvalidParameter(
                "CreateVolume storage_location must be provided for an EXTERNAL volume.", null, ApiError.CatalogDomain);
        }

        lock (_gate)
        {
            _ = FindCatalog(catalog) ?? throw CatalogMissing(catalog);
            _ = FindSchema(catalog, schema) ?? throw SchemaMissing(catalog, schema);
            if (FindVolume(catalog, schema, name) is not null)
            {
                throw AlreadyExists($"Volume '{catalog}.{schema}.{name}' already exists", "VOLUME_ALREADY_EXISTS");
            }

            var record = NewVolume(catalog, schema, name, type, storageLocation?.TrimEnd('/'), comment);
            Directory.CreateDirectory(VolumeDirectory(catalog, schema, name));
            _model.Volumes.Add(record);
            Save();
            return record;
        }
    }

    /// <summary>
    /// <c>volumes.update</c>: only the name, the owner and the comment can change (as the API documents); a null
    /// field is left as it is. A rename keeps the files: the folder moves with the volume.
    /// </summary>
    public VolumeRecord UpdateVolume(string fullName, string? newName, string? owner, string? comment)
    {
        var name = newName is null ? null : ValidName(newName, "new_name");
        if (owner is { Length: 0 })
        {
            throw ApiError.InvalidParameter("UpdateVolume owner can not be empty.", null, ApiError.CatalogDomain);
        }

        lock (_gate)
        {
            var volume = GetVolume(fullName);
            if (name is not null && name != volume.Name)
            {
                if (FindVolume(volume.CatalogName, volume.SchemaName, name) is not null)
                {
                    throw AlreadyExists($"Volume '{volume.CatalogName}.{volume.SchemaName}.{name}' already exists", "VOLUME_ALREADY_EXISTS");
                }

                var from = VolumeDirectory(volume.CatalogName, volume.SchemaName, volume.Name);
                var to = VolumeDirectory(volume.CatalogName, volume.SchemaName, name);
                if (Directory.Exists(from))
                {
                    Directory.Move(from, to);
                }
                else
                {
                    Directory.CreateDirectory(to);
                }

                volume.Name = name;
            }

            volume.Owner = owner ?? volume.Owner;
            if (comment is not null)
            {
                // An empty comment clears it, as the SDKs send "" to remove a field.
                volume.Comment = comment.Length == 0 ? null : comment;
            }

            volume.UpdatedAt = Now();
            volume.UpdatedBy = Owner;
            Save();
            return volume;
        }
    }

    public void DeleteVolume(string fullName)
    {
        lock (_gate)
        {
            var volume = GetVolume(fullName);
            RemoveVolume(volume);
            Save();
        }
    }

    // ---- helpers ----

    public static ApiError CatalogMissing(string name) =>
        ApiError.NotFound($"Catalog '{name}' does not exist.", "CATALOG_DOES_NOT_EXIST", ApiError.CatalogDomain);

    public static ApiError SchemaMissing(string catalog, string schema) =>
        ApiError.NotFound($"Schema '{catalog}.{schema}' does not exist.", "SCHEMA_DOES_NOT_EXIST", ApiError.CatalogDomain);

    public static ApiError VolumeMissing(string fullName) =>
        ApiError.NotFound($"Volume '{fullName}' does not exist.", "VOLUME_DOES_NOT_EXIST", ApiError.CatalogDomain);

    private static ApiError AlreadyExists(string message, string reason) =>
        new(StatusCodes.Status409Conflict, "RESOURCE_ALREADY_EXISTS", message, reason, ApiError.CatalogDomain);

    private static (string Catalog, string Schema) SplitSchemaName(string fullName)
    {
        var parts = fullName.ToLowerInvariant().Split('.');
        if (parts.Length != 2)
        {
            throw ApiError.NotFound($"Schema '{fullName}' does not exist.", "SCHEMA_DOES_NOT_EXIST", ApiError.CatalogDomain);
        }

        return (parts[0], parts[1]);
    }

    /// <summary>Unity Catalog names are case-insensitive and stored lower-cased; '.', '/', spaces and control characters are not allowed.</summary>
    private static string ValidName(string? name, string field)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ApiError.InvalidParameter($"Missing required field: {field}", null, ApiError.CatalogDomain);
        }

        if (name.Length > 255 || name.Any(ch => ch is '.' or '/' or ' ' || char.IsControl(ch)))
        {
            throw ApiError.InvalidParameter(
                $"Invalid {field} '{name}': names must not contain '.', '/', spaces or control characters.", null, ApiError.CatalogDomain);
        }

        return name.ToLowerInvariant();
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private CatalogRecord? FindCatalog(string name) =>
        _model.Catalogs.Find(c => Same(c.Name, name));

    private SchemaRecord? FindSchema(string catalog, string name) =>
        _model.Schemas.Find(s => Same(s.CatalogName, catalog) && Same(s.Name, name));

    private VolumeRecord? FindVolume(string catalog, string schema, string name) =>
        _model.Volumes.Find(v => Same(v.CatalogName, catalog) && Same(v.SchemaName, schema) && Same(v.Name, name));

    private static bool Same(string stored, string requested) => string.Equals(stored, requested, StringComparison.OrdinalIgnoreCase);

    private VolumeRecord NewVolume(string catalog, string schema, string name, string type, string? storageLocation, string? comment)
    {
        var now = Now();
        var id = Guid.NewGuid().ToString();
        return new VolumeRecord
        {
            CatalogName = catalog,
            SchemaName = schema,
            Name = name,
            VolumeType = type,
            StorageLocation = storageLocation ?? $"s3://volsync-emulator/metastore/{_model.MetastoreId}/volumes/{id}",
            VolumeId = id,
            Comment = comment,
            Owner = Owner,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private void RemoveSchema(SchemaRecord schema)
    {
        foreach (var volume in _model.Volumes.Where(v => v.CatalogName == schema.CatalogName && v.SchemaName == schema.Name).ToList())
        {
            RemoveVolume(volume);
        }

        _model.Schemas.Remove(schema);
        TryDeleteFolder(Path.Combine(_root, "Volumes", schema.CatalogName, schema.Name));
    }

    private void RemoveVolume(VolumeRecord volume)
    {
        _model.Volumes.Remove(volume);
        TryDeleteFolder(VolumeDirectory(volume.CatalogName, volume.SchemaName, volume.Name));
    }

    private static void TryDeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private void EnsureDefaults()
    {
        var now = Now();
        if (FindCatalog("main") is null)
        {
            _model.Catalogs.Add(new CatalogRecord { Name = "main", Owner = Owner, Id = Guid.NewGuid().ToString(), CreatedAt = now, UpdatedAt = now, Comment = "Main catalog (auto-created)" });
        }

        if (FindSchema("main", "default") is null)
        {
            _model.Schemas.Add(new SchemaRecord { CatalogName = "main", Name = "default", Owner = Owner, Id = Guid.NewGuid().ToString(), CreatedAt = now, UpdatedAt = now, Comment = "Default schema (auto-created)" });
        }
    }

    /// <summary>Folders already at &lt;root&gt;/Volumes/c/s/v (e.g. copied there by hand) become managed volumes.</summary>
    private void AdoptExistingVolumeFolders()
    {
        var volumesRoot = new DirectoryInfo(Path.Combine(_root, "Volumes"));
        if (!volumesRoot.Exists)
        {
            return;
        }

        var now = Now();
        foreach (var catalogDir in volumesRoot.EnumerateDirectories())
        {
            foreach (var schemaDir in catalogDir.EnumerateDirectories())
            {
                foreach (var volumeDir in schemaDir.EnumerateDirectories())
                {
                    var (c, s, v) = (catalogDir.Name, schemaDir.Name, volumeDir.Name);
                    // Unity Catalog names are lower-case; a folder with capitals cannot be a volume.
                    if (c.Any(char.IsUpper) || s.Any(char.IsUpper) || v.Any(char.IsUpper))
                    {
                        continue;
                    }

                    if (FindCatalog(c) is null)
                    {
                        _model.Catalogs.Add(new CatalogRecord { Name = c, Owner = Owner, Id = Guid.NewGuid().ToString(), CreatedAt = now, UpdatedAt = now });
                    }

                    if (FindSchema(c, s) is null)
                    {
                        _model.Schemas.Add(new SchemaRecord { CatalogName = c, Name = s, Owner = Owner, Id = Guid.NewGuid().ToString(), CreatedAt = now, UpdatedAt = now });
                    }

                    if (FindVolume(c, s, v) is null)
                    {
                        _model.Volumes.Add(NewVolume(c, s, v, "MANAGED", null, null));
                    }
                }
            }
        }
    }

    private CatalogModel Load()
    {
        if (!File.Exists(_metadataFile))
        {
            return new CatalogModel();
        }

        using var stream = File.OpenRead(_metadataFile);
        return JsonSerializer.Deserialize<CatalogModel>(stream, s_json) ?? new CatalogModel();
    }

    private void Save()
    {
        var folder = Path.GetDirectoryName(_metadataFile)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".catalog-{Guid.NewGuid():N}.tmp");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, _model, s_json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, _metadataFile, overwrite: true);
    }
}
