namespace VolSync.Auth.Providers;

/// <summary>
/// One cached token, fetched again before it expires. The cache lives exactly as long as its owner (one credentials
/// object: one build, one CLI run): nothing static, so tokens never outlive the run that made them.
/// </summary>
// The semaphore needs no disposal: its wait handle is never created (only WaitAsync is used), and
// IDatabricksCredentials has no lifetime the client could end.
#pragma warning disable CA1001
internal sealed class TokenCache
#pragma warning restore CA1001
{
    /// <summary>As the SDKs: a token this close to its expiry counts as expired, so a request never carries one that dies in flight (Azure Databricks refuses tokens with 30 s or less left).</summary>
    internal static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(40);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Func<CancellationToken, Task<OAuthToken>> _fetch;
    private readonly TimeProvider _time;
    private OAuthToken? _token;

    public TokenCache(Func<CancellationToken, Task<OAuthToken>> fetch, TimeProvider? time)
    {
        _fetch = fetch;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<OAuthToken> GetAsync(CancellationToken cancellationToken)
    {
        var token = Volatile.Read(ref _token);
        if (IsUsable(token))
        {
            return token!;
        }

        // One refresh at a time: concurrent callers wait for it and then reuse its token.
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = Volatile.Read(ref _token);
            if (!IsUsable(token))
            {
                token = await _fetch(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _token, token);
            }

            return token!;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private bool IsUsable(OAuthToken? token) =>
        token is not null && (token.Expiry is not { } expiry || _time.GetUtcNow() < expiry - ExpiryMargin);
}
