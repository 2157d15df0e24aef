namespace VolSync.Remote.Databricks;

/// <summary>What kind of failure a Databricks error response is; each kind has its own VOLSYNC code.</summary>
internal enum ApiErrorKind
{
    BadRequest,
    Unauthenticated,
    PermissionDenied,
    NotFound,
    Conflict,
    Throttled,
    ServerError,
}
