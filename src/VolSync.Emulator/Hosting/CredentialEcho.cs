namespace VolSync.Emulator.Hosting;

/// <summary>
/// The hostile-server mode <see cref="EmulatorOptions.EchoCredentialsInErrors"/>: error messages quote the request's
/// credential headers back, as some proxies and misconfigured gateways do, so tests can prove a client never prints them.
/// </summary>
internal static class CredentialEcho
{
    private static readonly string[] s_headers = ["Authorization", "X-Databricks-Azure-SP-Management-Token"];

    public static string Append(HttpContext context, string message)
    {
        if (!context.RequestServices.GetRequiredService<EmulatorOptions>().EchoCredentialsInErrors)
        {
            return message;
        }

        var quoted = s_headers
            .Where(name => context.Request.Headers[name].Count > 0)
            .Select(name => $"{name}: {context.Request.Headers[name]}")
            .ToList();
        return quoted.Count == 0 ? message : $"{message} (the request had {string.Join("; ", quoted)})";
    }
}
