namespace VolSync.Remote.Databricks;

/// <summary>The classifier's answer for one error response: what kind it is and whether waiting can cure it.</summary>
/// <param name="Kind">Picks the VOLSYNC code of the final failure.</param>
/// <param name="Retryable">True when the send loop tries again (after backing off) instead of failing now.</param>
internal readonly record struct ApiErrorClass(ApiErrorKind Kind, bool Retryable);
