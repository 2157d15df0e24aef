namespace VolSync.Auth;

/// <summary>A personal access token (or any static bearer token).</summary>
public sealed class PatCredentials : IDatabricksCredentials
{
    private readonly string _token;

    public PatCredentials(string token, string identity = "personal access token")
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _token = token;
        Identity = identity;
    }

    public string AuthType => "pat";

    public string Identity { get; }

    public ValueTask<string> GetAuthorizationHeaderAsync(CancellationToken cancellationToken = default) => new("Bearer " + _token);

    public override string ToString() => $"{AuthType}: {Identity}";
}
