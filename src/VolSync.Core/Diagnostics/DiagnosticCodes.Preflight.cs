namespace VolSync.Diagnostics;

// The check before a sync (VolumePreflight): 1150–1152, one condition per code, the same in every host.
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor CatalogNotFound = new(
        "VOLSYNC1150",
        "The catalog '{0}' does not exist, or you lack USE CATALOG on it. Check the catalog name, or ask a metastore admin to create it or grant you access.");

    public static readonly DiagnosticDescriptor SchemaNotFound = new(
        "VOLSYNC1151",
        "The schema '{0}.{1}' does not exist, or you lack USE SCHEMA on it. Check the schema name, or create it (CREATE SCHEMA {0}.{1}) or ask for access.");

    public static readonly DiagnosticDescriptor VolumeNotFound = new(
        "VOLSYNC1152",
        "The volume '{0}.{1}.{2}' does not exist, or you cannot see it. To create it with the sync, use {3}; or create it with: volsync create-volume --catalog {0} --schema {1} --volume {2}");
}
