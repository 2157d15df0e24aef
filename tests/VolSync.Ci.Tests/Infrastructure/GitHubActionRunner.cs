using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace VolSync.Ci.Tests.Infrastructure;

/// <summary>The outcome of running a composite action: its outputs, step summary and everything its steps printed.</summary>
public sealed record ActionRun(int ExitCode, IReadOnlyDictionary<string, string> Outputs, string StepSummary, string Log)
{
    public override string ToString() => $"exit {ExitCode}\n--- outputs ---\n{string.Join('\n', Outputs.Select(o => $"{o.Key}={o.Value}"))}\n--- summary ---\n{StepSummary}\n--- log ---\n{Log}";
}

/// <summary>
/// A shell harness for a composite GitHub Action (<c>action.yml</c>): runs its steps in order with bash as the
/// runner does (<c>bash --noprofile --norc -eo pipefail</c>), with <c>GITHUB_OUTPUT</c>, <c>GITHUB_STEP_SUMMARY</c>,
/// <c>GITHUB_ENV</c> and <c>GITHUB_PATH</c> files, and evaluates the <c>${{ }}</c> expressions the action uses:
/// <c>inputs.*</c>, <c>github.*</c>, <c>runner.*</c> and <c>steps.*.outputs.*</c>. Anything else fails the test, so the
/// action cannot grow a construct the harness silently ignores.
/// </summary>
public sealed partial class GitHubActionRunner
{
    private readonly YamlMappingNode _action;

    public GitHubActionRunner(string actionDirectory)
    {
        ActionDirectory = actionDirectory;
        _action = Yaml.Load(Path.Combine(actionDirectory, "action.yml"));
        Assert.Equal("composite", _action.Map("runs").Text("using"));
        Inputs = _action.Map("inputs").Entries().ToDictionary(
            entry => entry.Key,
            entry => (Default: ((YamlMappingNode)entry.Value).Text("default"), Required: ((YamlMappingNode)entry.Value).Text("required") == "true"));
        Outputs = _action.Map("outputs").Entries().ToDictionary(entry => entry.Key, entry => ((YamlMappingNode)entry.Value).Text("value") ?? string.Empty);
        Steps = [.. _action.Map("runs").Sequence("steps").Select(node => new ActionStep((YamlMappingNode)node))];
    }

    public string ActionDirectory { get; }

    public IReadOnlyDictionary<string, (string? Default, bool Required)> Inputs { get; }

    public IReadOnlyDictionary<string, string> Outputs { get; }

    public IReadOnlyList<ActionStep> Steps { get; }

    /// <summary>Every <c>${{ … }}</c> in the action's step env values and outputs, for lint tests.</summary>
    public IEnumerable<string> Expressions =>
        Steps.SelectMany(step => step.Env.Values).Concat(Outputs.Values).SelectMany(value => ExpressionPattern().Matches(value).Select(m => m.Groups[1].Value.Trim()));

    /// <param name="inputs">The <c>with:</c> of the workflow step.</param>
    /// <param name="jobEnvironment">The job's <c>env:</c> (credentials live here, as in a workflow).</param>
    /// <param name="runnerTemp"><c>runner.temp</c>.</param>
    /// <param name="runId"><c>github.run_id</c>.</param>
    /// <param name="actionRef"><c>github.action_ref</c>: the ref the action was used at, e.g. <c>v1.2.3</c>.</param>
    public async Task<ActionRun> RunAsync(IReadOnlyDictionary<string, string> inputs, IReadOnlyDictionary<string, string> jobEnvironment, string runnerTemp, long runId, string actionRef = "")
    {
        foreach (var name in inputs.Keys)
        {
            Assert.True(Inputs.ContainsKey(name), $"the action has no input '{name}'");
        }

        var effectiveInputs = Inputs.ToDictionary(i => i.Key, i => inputs.TryGetValue(i.Key, out var given) ? given : i.Value.Default ?? string.Empty);
        foreach (var (name, input) in Inputs.Where(i => i.Value.Required))
        {
            Assert.False(string.IsNullOrEmpty(effectiveInputs[name]), $"required input '{name}' missing");
        }

        var job = Path.Combine(runnerTemp, "job-" + runId);
        Directory.CreateDirectory(job);
        var summaryFile = Path.Combine(job, "step_summary.md");
        var envFile = Path.Combine(job, "env");
        var pathFile = Path.Combine(job, "path");
        File.WriteAllText(summaryFile, string.Empty);
        File.WriteAllText(envFile, string.Empty);
        File.WriteAllText(pathFile, string.Empty);

        var context = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["github.action_path"] = ActionDirectory,
            ["github.action_ref"] = actionRef,
            ["github.run_id"] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["github.run_attempt"] = "1",
            ["runner.temp"] = runnerTemp,
        };
        foreach (var (name, value) in effectiveInputs)
        {
            context["inputs." + name] = value;
        }

        var log = new System.Text.StringBuilder();
        var exitCode = 0;
        foreach (var step in Steps)
        {
            var outputFile = Path.Combine(job, $"output-{step.Id}");
            File.WriteAllText(outputFile, string.Empty);
            var environment = new Dictionary<string, string>(jobEnvironment, StringComparer.Ordinal)
            {
                ["GITHUB_ACTIONS"] = "true",
                ["GITHUB_OUTPUT"] = outputFile,
                ["GITHUB_STEP_SUMMARY"] = summaryFile,
                ["GITHUB_ENV"] = envFile,
                ["GITHUB_PATH"] = pathFile,
                ["GITHUB_ACTION_PATH"] = ActionDirectory,
                ["RUNNER_TEMP"] = runnerTemp,
            };
            foreach (var (name, value) in step.Env)
            {
                environment[name] = Evaluate(value, context);
            }

            var result = await ShellRun.RunAsync(step.Run, ["--noprofile", "--norc", "-eo", "pipefail"], environment, job, Path.Combine(job, "scripts"));
            log.Append("--- step ").Append(step.Id).Append(" (exit ").Append(result.ExitCode).Append(") ---\n").Append(result.StdOut).Append(result.StdErr);
            foreach (var (name, value) in ReadOutputs(outputFile))
            {
                context[$"steps.{step.Id}.outputs.{name}"] = value;
            }

            if (result.ExitCode != 0)
            {
                // A failed step fails the composite action; later steps do not run.
                exitCode = result.ExitCode;
                break;
            }
        }

        var outputs = Outputs.ToDictionary(o => o.Key, o => Evaluate(o.Value, context, missingStepOutputIsEmpty: true));
        return new ActionRun(exitCode, outputs, File.ReadAllText(summaryFile), log.ToString());
    }

    private static string Evaluate(string value, IReadOnlyDictionary<string, string> context, bool missingStepOutputIsEmpty = false) =>
        ExpressionPattern().Replace(value, match =>
        {
            var expression = match.Groups[1].Value.Trim();
            Assert.Matches(ReferencePattern(), expression);
            if (context.TryGetValue(expression, out var resolved))
            {
                return resolved;
            }

            // GitHub yields an empty string for an output a step did not set.
            Assert.True(expression.StartsWith("steps.", StringComparison.Ordinal) || missingStepOutputIsEmpty, $"unknown context value '{expression}'");
            return string.Empty;
        });

    /// <summary>Reads <c>name=value</c> lines and <c>name&lt;&lt;DELIMITER</c> blocks, as the runner does.</summary>
    internal static IEnumerable<(string Name, string Value)> ReadOutputs(string file)
    {
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var delimiter = line[(heredoc + 2)..];
                var value = new List<string>();
                while (++i < lines.Length && lines[i] != delimiter)
                {
                    value.Add(lines[i]);
                }

                yield return (line[..heredoc], string.Join('\n', value));
            }
            else if (equals > 0)
            {
                yield return (line[..equals], line[(equals + 1)..]);
            }
        }
    }

    [GeneratedRegex(@"\$\{\{(.*?)\}\}", RegexOptions.Singleline)]
    internal static partial Regex ExpressionPattern();

    [GeneratedRegex(@"^(inputs\.[A-Za-z0-9_-]+|github\.(action_path|action_ref|run_id|run_attempt)|runner\.temp|steps\.[A-Za-z0-9_-]+\.outputs\.[A-Za-z0-9_-]+)$")]
    private static partial Regex ReferencePattern();
}

/// <summary>One step of a composite action: only <c>run</c> steps with <c>shell: bash</c> are supported.</summary>
public sealed class ActionStep
{
    public ActionStep(YamlMappingNode node)
    {
        Id = node.Text("id") ?? throw new Xunit.Sdk.XunitException("every step needs an id");
        Shell = node.Text("shell") ?? string.Empty;
        Run = node.Text("run") ?? throw new Xunit.Sdk.XunitException($"step '{Id}' is not a run step");
        Condition = node.Text("if");
        Env = node.Get("env") is YamlMappingNode env ? env.Entries().ToDictionary(e => e.Key, e => e.Value.Scalar()) : [];
    }

    public string Id { get; }

    public string Shell { get; }

    public string Run { get; }

    public string? Condition { get; }

    public IReadOnlyDictionary<string, string> Env { get; }
}
