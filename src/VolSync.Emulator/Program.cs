using VolSync.Emulator;

// Standalone entry point: `dotnet run --project src/VolSync.Emulator -- --root DIR --port 0`.
// The first stdout line is the contract scripts wait for; diagnostics go to stderr.
if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine(EmulatorCommandLine.Usage);
    return 0;
}

EmulatorOptions options;
try
{
    options = EmulatorCommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"VolSync.Emulator: {ex.Message}");
    Console.Error.WriteLine(EmulatorCommandLine.Usage);
    return 2;
}

return await EmulatorRunner.RunAsync(options, Console.Out).ConfigureAwait(false);
