using VolSync.Diagnostics;

namespace VolSync.Auth.Providers;

/// <summary>
/// Caches one token per credentials object and fetches a new one before it expires. The cache lives exactly as long
/// as the object (one build, one CLI run): nothing static, so tokens never outlive the run that made them.
/// </summary>
// The semaphore needs no disposal: its wait handle is never created (only WaitAsync is used), and
// IDatabricksCredentials has no lifetime the client could end.
#pragma warning disable CA1001
internal abstract class RefreshingCredentials : IDatabricksCredentials
#pragma warning restore CA1001
{
    /// <summary>As the Python SDK: a token this close to its expiry counts as expired, so a request never carries one that dies in flight.</summary>
    internal static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(40);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly TimeProvider _time;
    private OAuthToken? _token;

    protected RefreshingCredentials(TimeProvider? time, ISyncLogger? logger)
    {
        _time = time ?? TimeProvider.System;
        Logger = logger ?? NullSyncLogger.Instance;
    }

    public abstract string AuthType { get; }

    public abstract string Identity { get; }

    protected ISyncLogger Logger { get; }

    protected DateTimeOffset Now => _time.GetUtcNow();

    public async ValueTask<string> GetAuthorizationHeaderAsync(CancellationToken cancellationToken = default)
    {
        var token = Volatile.Read(ref _token);
        if (IsUsable(token))
        {
            return token!.AuthorizationHeader;
        }

        // One refresh at a time: concurrent callers wait for it and then reuse its token.
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = Volatile.Read(ref _token);
            if (!IsUsable(token))
            {
                token = await FetchTokenAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _token, token);
            }

            return token!.AuthorizationHeader;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Fetches a fresh token; throws a coded <see cref="VolSyncException"/> that never contains a secret.</summary>
    protected abstract Task<OAuthToken> FetchTokenAsync(CancellationToken cancellationToken);

    private bool IsUsable(OAuthToken? token) =>
        token is not null && (token.Expiry is not { } expiry || Now < expiry - ExpiryMargin);

    public override string ToString() => $"{AuthType}: {Identity}";
}
