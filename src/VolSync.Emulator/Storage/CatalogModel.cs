namespace VolSync.Emulator.Storage;

/// <summary>Unity Catalog metadata persisted as JSON under the root, so a restarted emulator keeps its volumes.</summary>
internal sealed class CatalogModel
{
    public string MetastoreId { get; set; } = Guid.NewGuid().ToString();
    public List<CatalogRecord> Catalogs { get; set; } = [];
    public List<SchemaRecord> Schemas { get; set; } = [];
    public List<VolumeRecord> Volumes { get; set; } = [];
}

internal sealed class CatalogRecord
{
    public required string Name { get; set; }
    public string? Comment { get; set; }
    public required string Owner { get; set; }
    public required string Id { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
}

internal sealed class SchemaRecord
{
    public required string CatalogName { get; set; }
    public required string Name { get; set; }
    public string? Comment { get; set; }
    public required string Owner { get; set; }
    public required string Id { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }

    public string FullName => $"{CatalogName}.{Name}";
}

internal sealed class VolumeRecord
{
    public required string CatalogName { get; set; }
    public required string SchemaName { get; set; }
    public required string Name { get; set; }
    public required string VolumeType { get; set; }
    public required string StorageLocation { get; set; }
    public required string VolumeId { get; set; }
    public string? Comment { get; set; }
    public required string Owner { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }

    /// <summary>Who last changed it; absent in catalogs written before volumes could be updated (then the owner).</summary>
    public string? UpdatedBy { get; set; }

    public string FullName => $"{CatalogName}.{SchemaName}.{Name}";
}
