using System.Globalization;
using System.Text;

namespace VolSync.Auth.Configuration;

/// <summary>
/// The attributes gathered from explicit settings, the environment and the config file, each with where it came
/// from. Filled highest level first: <see cref="SetIfAbsent"/> never overwrites, which is the SDKs' precedence rule.
/// </summary>
internal sealed class AuthConfig
{
    private readonly Dictionary<AuthAttribute, (string Value, AttributeSource Source)> _values = [];

    public string? this[AuthAttribute attribute] => _values.TryGetValue(attribute, out var entry) ? entry.Value : null;

    public bool Has(AuthAttribute attribute) => _values.ContainsKey(attribute);

    public AttributeSource? SourceOf(AuthAttribute attribute) => _values.TryGetValue(attribute, out var entry) ? entry.Source : null;

    /// <summary>Sets the value unless a higher level already did. Empty and whitespace values count as unset, as in the SDKs.</summary>
    public bool SetIfAbsent(AuthAttribute attribute, string? value, AttributeSource source)
    {
        if (string.IsNullOrWhiteSpace(value) || _values.ContainsKey(attribute))
        {
            return false;
        }

        _values[attribute] = (value.Trim(), source);
        return true;
    }

    /// <summary>Names and sources only; secrets show as <c>***</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("AuthConfig {");
        foreach (var attribute in AuthAttribute.All)
        {
            if (_values.TryGetValue(attribute, out var entry))
            {
                var shown = attribute.IsSecret ? Diagnostics.Redaction.Mask : Diagnostics.Redaction.RedactUserInfo(entry.Value);
                text.Append(CultureInfo.InvariantCulture, $" {attribute.Name}={shown} ({entry.Source.Describe()});");
            }
        }

        return text.Append(" }").ToString();
    }
}
