using System.Globalization;
using VolSync.Diagnostics;

namespace VolSync.Emulator;

/// <summary>
/// One option of <see cref="EmulatorCommandLine"/>: its name, its help, and how a value is checked and applied.
/// A bad value throws a coded <see cref="VolSyncException"/> (VOLSYNC32xx) naming the option.
/// </summary>
public sealed class EmulatorOption
{
    private readonly Action<EmulatorOptions, string> _apply;

    private EmulatorOption(string name, string valueName, string example, string description, bool repeatable, Action<EmulatorOptions, string> apply)
    {
        Name = name;
        ValueName = valueName;
        Example = example;
        Description = description;
        Repeatable = repeatable;
        _apply = apply;
    }

    /// <summary>The name without its dashes, e.g. <c>port</c>.</summary>
    public string Name { get; }

    /// <summary>What the value is, for help: <c>N</c>, <c>P</c>, <c>DIR</c>.</summary>
    public string ValueName { get; }

    /// <summary>A valid value, shown when the value is missing.</summary>
    public string Example { get; }

    public string Description { get; }

    /// <summary>True when the option may be given several times (each value is applied).</summary>
    public bool Repeatable { get; }

    /// <summary>Checks <paramref name="value"/> and applies it to <paramref name="options"/>.</summary>
    public void Apply(EmulatorOptions options, string value)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(value);
        _apply(options, value);
    }

    /// <summary>A free-text value.</summary>
    public static EmulatorOption Text(string name, string valueName, string example, string description, Action<EmulatorOptions, string> apply, bool repeatable = false) =>
        new(name, valueName, example, description, repeatable, apply);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static EmulatorOption Integer(string name, int min, int max, string example, string description, Action<EmulatorOptions, int> apply) =>
        new(name, "N", example, description, repeatable: false, (options, text) =>
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                throw DiagnosticCodes.EmulatorOptionNotInteger.ToException(name, min, max, text);
            }

            apply(options, value);
        });

    /// <summary>A share of requests from 0 to 1.</summary>
    public static EmulatorOption Share(string name, string description, Action<EmulatorOptions, double> apply) =>
        new(name, "P", "0.05", description, repeatable: false, (options, text) =>
        {
            if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value is < 0 or > 1)
            {
                throw DiagnosticCodes.EmulatorOptionNotShare.ToException(name, text);
            }

            apply(options, value);
        });
}
