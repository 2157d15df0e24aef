namespace VolSync.Remote;

/// <summary>
/// Unity Catalog operations that surround a sync: checking and creating volumes, and telling precisely what is
/// missing (catalog, schema or volume) when a sync cannot start.
/// </summary>
public interface IVolumeCatalog
{
    /// <summary>The volume, or null when it does not exist.</summary>
    Task<VolumeInfo?> GetVolumeAsync(string catalog, string schema, string volume, CancellationToken cancellationToken = default);

    /// <summary>Creates the volume. Throws a <see cref="Diagnostics.VolSyncException"/> when it already exists or cannot be created.</summary>
    Task<VolumeInfo> CreateVolumeAsync(CreateVolumeRequest request, CancellationToken cancellationToken = default);

    Task<bool> CatalogExistsAsync(string catalog, CancellationToken cancellationToken = default);

    Task<bool> SchemaExistsAsync(string catalog, string schema, CancellationToken cancellationToken = default);
}

public enum VolumeType
{
    Managed,
    External,
}

public sealed record CreateVolumeRequest(string Catalog, string Schema, string Name, VolumeType VolumeType = VolumeType.Managed, string? StorageLocation = null, string? Comment = null);

/// <summary>What <c>volumes.update</c> changes: null leaves a field as it is; an empty comment clears it.</summary>
public sealed record UpdateVolumeRequest(string? NewName = null, string? Owner = null, string? Comment = null);

public sealed record VolumeInfo(
    string CatalogName,
    string SchemaName,
    string Name,
    string FullName,
    VolumeType VolumeType,
    string? StorageLocation,
    string? VolumeId,
    string? Owner,
    string? Comment,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt);
