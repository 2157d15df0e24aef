using VolSync.Diagnostics;

namespace VolSync.Auth.Providers;

/// <summary>Credentials whose Authorization header is one refreshed token (OAuth, OIDC, the databricks CLI).</summary>
internal abstract class RefreshingCredentials : IDatabricksCredentials
{
    internal static readonly TimeSpan ExpiryMargin = TokenCache.ExpiryMargin;

    private readonly TimeProvider _time;
    private readonly TokenCache _cache;

    protected RefreshingCredentials(TimeProvider? time, ISyncLogger? logger)
    {
        _time = time ?? TimeProvider.System;
        Logger = logger ?? NullSyncLogger.Instance;
        _cache = new TokenCache(FetchTokenAsync, _time);
    }

    public abstract string AuthType { get; }

    public abstract string Identity { get; }

    protected ISyncLogger Logger { get; }

    protected DateTimeOffset Now => _time.GetUtcNow();

    public async ValueTask<string> GetAuthorizationHeaderAsync(CancellationToken cancellationToken = default) =>
        (await _cache.GetAsync(cancellationToken).ConfigureAwait(false)).AuthorizationHeader;

    /// <summary>Fetches a fresh token; throws a coded <see cref="VolSyncException"/> that never contains a secret.</summary>
    protected abstract Task<OAuthToken> FetchTokenAsync(CancellationToken cancellationToken);

    public override string ToString() => $"{AuthType}: {Identity}";
}
