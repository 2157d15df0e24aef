using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace VolSync.Ci.Tests.Infrastructure;

/// <summary>One parameter of a steps template.</summary>
public sealed record TemplateParameter(string Name, string Type, object? Default, IReadOnlyList<string>? Values);

/// <summary>One expanded step: its kind (<c>bash</c> or <c>task</c>), its properties and inputs as strings.</summary>
public sealed record PipelineStep(string? Task, string? Bash, IReadOnlyDictionary<string, string> Properties, IReadOnlyDictionary<string, string> Inputs, IReadOnlyDictionary<string, string> Env);

/// <summary>
/// Expands an Azure Pipelines steps template the way the service does at compile time, for the subset the
/// template uses: typed parameters with defaults and allowed values, <c>${{ parameters.x }}</c>, <c>eq</c>, <c>ne</c>,
/// <c>join</c>, and <c>${{ if … }}:</c> conditional insertion in sequences. Anything else fails the test.
/// </summary>
public sealed partial class AzurePipelinesTemplate
{
    private readonly YamlMappingNode _root;

    public AzurePipelinesTemplate(string path)
    {
        _root = Yaml.Load(path);
        Parameters = [.. _root.Sequence("parameters").Cast<YamlMappingNode>().Select(p => new TemplateParameter(
            p.Text("name")!,
            p.Text("type") ?? "string",
            p.Get("default") switch
            {
                null => null,
                YamlSequenceNode list => list.Select(n => n.Scalar()).ToList(),
                var scalar => scalar.Scalar(),
            },
            p.Get("values") is YamlSequenceNode values ? [.. values.Select(v => v.Scalar())] : null))];
    }

    public IReadOnlyList<TemplateParameter> Parameters { get; }

    /// <summary>Every <c>${{ … }}</c> expression of the steps, for lint tests.</summary>
    public IEnumerable<string> Expressions => AllScalars(_root.Sequence("steps")).SelectMany(s => ExpressionPattern().Matches(s).Select(m => m.Groups[1].Value.Trim()));

    public IReadOnlyList<PipelineStep> Expand(IReadOnlyDictionary<string, object> arguments)
    {
        var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in arguments.Keys)
        {
            Assert.True(Parameters.Any(p => p.Name == name), $"the template has no parameter '{name}'");
        }

        foreach (var parameter in Parameters)
        {
            var value = arguments.TryGetValue(parameter.Name, out var given) ? given : parameter.Default ?? throw new Xunit.Sdk.XunitException($"parameter '{parameter.Name}' has no default and was not given");
            value = parameter.Type switch
            {
                "boolean" => value is bool b ? b : bool.Parse((string)value),
                "object" => value,
                _ => Assert.IsType<string>(value),
            };
            if (parameter.Values is { } allowed)
            {
                Assert.Contains((string)value, allowed);
            }

            values[parameter.Name] = value;
        }

        var steps = new List<PipelineStep>();
        foreach (var node in ExpandSequence(_root.Sequence("steps"), values))
        {
            var step = Assert.IsType<YamlMappingNode>(node);
            var properties = new Dictionary<string, string>();
            var inputs = new Dictionary<string, string>();
            var env = new Dictionary<string, string>();
            foreach (var (key, value) in step.Entries())
            {
                switch (key)
                {
                    case "inputs":
                        foreach (var (name, input) in ((YamlMappingNode)value).Entries())
                        {
                            inputs[name] = Render(input.Scalar(), values);
                        }

                        break;
                    case "env":
                        foreach (var (name, variable) in ((YamlMappingNode)value).Entries())
                        {
                            env[name] = Render(variable.Scalar(), values);
                        }

                        break;
                    default:
                        properties[key] = Render(value.Scalar(), values);
                        break;
                }
            }

            steps.Add(new PipelineStep(properties.GetValueOrDefault("task"), properties.GetValueOrDefault("bash"), properties, inputs, env));
        }

        return steps;
    }

    private static IEnumerable<YamlNode> ExpandSequence(YamlSequenceNode sequence, IReadOnlyDictionary<string, object> values)
    {
        foreach (var item in sequence)
        {
            if (item is YamlMappingNode { Children.Count: 1 } map && map.Children.Keys.Single().Scalar() is var key && key.StartsWith("${{", StringComparison.Ordinal))
            {
                var condition = ConditionPattern().Match(key);
                Assert.True(condition.Success, $"unsupported template directive '{key}'");
                if (Truthy(Evaluate(condition.Groups[1].Value, values)))
                {
                    foreach (var inner in ExpandSequence(Assert.IsType<YamlSequenceNode>(map.Children.Values.Single()), values))
                    {
                        yield return inner;
                    }
                }

                continue;
            }

            yield return item;
        }
    }

    private static string Render(string text, IReadOnlyDictionary<string, object> values) =>
        ExpressionPattern().Replace(text, match => AsString(Evaluate(match.Groups[1].Value, values)));

    private static string AsString(object value) => value switch
    {
        bool b => b ? "True" : "False",
        string s => s,
        _ => throw new Xunit.Sdk.XunitException($"a {value.GetType().Name} cannot be inserted into a string"),
    };

    private static bool Truthy(object value) => value switch
    {
        bool b => b,
        string s => s.Length > 0,
        _ => true,
    };

    /// <summary>expr := 'literal' | true | false | parameters.name | function(expr, …) with eq, ne, join.</summary>
    private static object Evaluate(string expression, IReadOnlyDictionary<string, object> values)
    {
        var position = 0;
        var result = Parse(expression.Trim(), ref position, values);
        Assert.True(position == expression.Trim().Length, $"could not read the expression '{expression}'");
        return result;
    }

    private static object Parse(string text, ref int position, IReadOnlyDictionary<string, object> values)
    {
        SkipSpace(text, ref position);
        if (text[position] == '\'')
        {
            var literal = new StringBuilder();
            for (position++; ; position++)
            {
                if (text[position] == '\'')
                {
                    if (position + 1 < text.Length && text[position + 1] == '\'')
                    {
                        literal.Append('\'');
                        position++;
                        continue;
                    }

                    position++;
                    return literal.ToString();
                }

                literal.Append(text[position]);
            }
        }

        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '.' or '_'))
        {
            position++;
        }

        var word = text[start..position];
        SkipSpace(text, ref position);
        if (position < text.Length && text[position] == '(')
        {
            position++;
            var arguments = new List<object>();
            while (true)
            {
                SkipSpace(text, ref position);
                if (text[position] == ')')
                {
                    position++;
                    break;
                }

                arguments.Add(Parse(text, ref position, values));
                SkipSpace(text, ref position);
                if (text[position] == ',')
                {
                    position++;
                }
            }

            return word switch
            {
                "eq" => string.Equals(AsString(arguments[0]), AsString(arguments[1]), StringComparison.OrdinalIgnoreCase),
                "ne" => !string.Equals(AsString(arguments[0]), AsString(arguments[1]), StringComparison.OrdinalIgnoreCase),
                "join" => string.Join(AsString(arguments[0]), ((IEnumerable<string>)arguments[1]).ToArray()),
                _ => throw new Xunit.Sdk.XunitException($"unsupported function '{word}'"),
            };
        }

        return word switch
        {
            "true" => true,
            "false" => false,
            _ when word.StartsWith("parameters.", StringComparison.Ordinal) => values.TryGetValue(word["parameters.".Length..], out var value)
                ? value
                : throw new Xunit.Sdk.XunitException($"'{word}' is not a parameter"),
            _ => throw new Xunit.Sdk.XunitException($"unsupported expression '{word}'"),
        };
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static IEnumerable<string> AllScalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? string.Empty],
        YamlSequenceNode sequence => sequence.SelectMany(AllScalars),
        YamlMappingNode map => map.Children.SelectMany(entry => AllScalars(entry.Key).Concat(AllScalars(entry.Value))),
        _ => [],
    };

    /// <summary>The <c>##vso[task.setvariable variable=X;isOutput=true]value</c> lines a step printed.</summary>
    public static Dictionary<string, string> OutputVariables(string stdout) =>
        SetVariablePattern().Matches(stdout).ToDictionary(m => m.Groups[1].Value, m => Unescape(m.Groups[2].Value.TrimEnd('\r')));

    private static string Unescape(string value) =>
        value.Replace("%3B", ";", StringComparison.Ordinal).Replace("%5D", "]", StringComparison.Ordinal)
            .Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%AZP25", "%", StringComparison.Ordinal);

    [GeneratedRegex(@"\$\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex ExpressionPattern();

    [GeneratedRegex(@"^\$\{\{\s*if\s+(.*?)\s*\}\}$", RegexOptions.Singleline)]
    private static partial Regex ConditionPattern();

    [GeneratedRegex(@"^##vso\[task\.setvariable variable=([^;\]]+);isOutput=true\](.*)$", RegexOptions.Multiline)]
    private static partial Regex SetVariablePattern();
}
