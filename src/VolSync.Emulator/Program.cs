using VolSync.Diagnostics;
using VolSync.Emulator;

// Standalone entry point: `dotnet VolSync.Emulator.dll --root DIR --port 0`, the same options and errors as
// `volsync emulator`. The first stdout line is the contract scripts wait for; diagnostics go to stderr.
if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine(EmulatorCommandLine.Usage);
    return 0;
}

try
{
    return await EmulatorRunner.RunAsync(EmulatorCommandLine.Parse(args), Console.Out).ConfigureAwait(false);
}
catch (VolSyncException ex)
{
    foreach (var diagnostic in ex.Diagnostics)
    {
        Console.Error.WriteLine(diagnostic.ToString());
    }

    return 2;
}
