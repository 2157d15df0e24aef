namespace VolSync.Auth;

/// <summary>The result of resolving unified authentication: where to connect and how to authenticate.</summary>
/// <param name="Host">The normalised workspace URL (scheme and host, no trailing slash).</param>
/// <param name="Credentials">The provider that yields the Authorization header.</param>
/// <param name="Source">Where the configuration came from, for messages: e.g. <c>environment</c> or <c>profile 'dev' in /home/u/.databrickscfg</c>.</param>
public sealed record ResolvedAuth(Uri Host, IDatabricksCredentials Credentials, string Source);
