namespace VolSync.Auth.Configuration;

/// <summary>
/// <c>~/.databrickscfg</c>, read as the Databricks SDKs read it: INI sections are profiles (dots allowed in names),
/// <c>[__settings__]</c> is reserved and may name the <c>default_profile</c>, whole-line comments start with
/// <c>#</c> or <c>;</c>, inline comments need whitespace before the <c>#</c>/<c>;</c> (so <c>a#b</c> stays a value),
/// surrounding quotes are removed and protect what is inside them (<c>"%Y#X$Z" # c</c> gives <c>%Y#X$Z</c>).
/// <c>[DEFAULT]</c> is a profile like any other: it is never merged into named profiles.
/// </summary>
internal sealed class ConfigFile
{
    public const string SettingsSection = "__settings__";
    public const string DefaultSection = "DEFAULT";

    private readonly Dictionary<string, ConfigProfile> _sections;

    private ConfigFile(string path, bool exists, Dictionary<string, ConfigProfile> sections)
    {
        Path = path;
        Exists = exists;
        _sections = sections;
    }

    public string Path { get; }

    public bool Exists { get; }

    /// <summary>Profile names in file order, without the reserved <c>__settings__</c> section.</summary>
    public IReadOnlyList<string> ProfileNames => [.. _sections.Keys.Where(name => name != SettingsSection)];

    /// <summary><c>default_profile</c> of <c>[__settings__]</c>, if set.</summary>
    public string? DefaultProfileSetting => _sections.TryGetValue(SettingsSection, out var settings) ? settings["default_profile"] : null;

    public ConfigProfile? GetProfile(string name) =>
        name != SettingsSection && _sections.TryGetValue(name, out var profile) ? profile : null;

    /// <summary>Reads the file; a missing file is an empty, non-existing config, not an error.</summary>
    public static ConfigFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new ConfigFile(path, exists: false, []);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Diagnostics.DiagnosticCodes.AuthConfigFileUnreadable.ToException(ex, path, ex.Message);
        }

        return new ConfigFile(path, exists: true, Parse(text));
    }

    public static ConfigFile Parse(string path, string text) => new(path, exists: true, Parse(text));

    private static Dictionary<string, ConfigProfile> Parse(string text)
    {
        var sections = new Dictionary<string, ConfigProfile>(StringComparer.Ordinal);
        ConfigProfile? current = null;
        foreach (var rawLine in text.TrimStart('\uFEFF').Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                var close = line.IndexOf(']', StringComparison.Ordinal);
                var name = (close < 0 ? line[1..] : line[1..close]).Trim();
                if (!sections.TryGetValue(name, out current))
                {
                    // A section that appears twice adds to the first one.
                    current = new ConfigProfile(name);
                    sections.Add(name, current);
                }

                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0 || current is null)
            {
                // Keys before any section and lines without a separator mean nothing to the SDKs either.
                continue;
            }

            var key = line[..separator].Trim();
            current.Set(key, ParseValue(line[(separator + 1)..]));
        }

        return sections;
    }

    internal static string ParseValue(string raw)
    {
        var value = raw.Trim();
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\''))
        {
            var close = value.IndexOf(value[0], 1);
            if (close > 0)
            {
                return value[1..close];
            }
        }

        for (var i = 1; i < value.Length; i++)
        {
            if ((value[i] == '#' || value[i] == ';') && char.IsWhiteSpace(value[i - 1]))
            {
                value = value[..i].TrimEnd();
                break;
            }
        }

        return value;
    }

    public override string ToString() => $"{Path} ({(Exists ? "profiles: " + string.Join(", ", ProfileNames) : "does not exist")})";
}
