namespace VolSync.Remote;

/// <summary>Whether a target volume can be used, or the first level of catalog → schema → volume that is missing.</summary>
public enum VolumeStatus
{
    Exists,
    CatalogMissing,
    SchemaMissing,
    VolumeMissing,
}
