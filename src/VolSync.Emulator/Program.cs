using System.Runtime.InteropServices;
using VolSync.Emulator;

// Standalone entry point: `dotnet run --project src/VolSync.Emulator -- --root DIR --port 0`.
// The first stdout line is the contract scripts wait for; everything else goes to stderr.
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

using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var server = await EmulatorServer.StartAsync(options, logWarningsToStandardError: true, CancellationToken.None).ConfigureAwait(false);
await using (server.ConfigureAwait(false))
{
    Console.Out.WriteLine($"VolSync emulator listening on {server.BaseUri.ToString().TrimEnd('/')}");
    Console.Out.Flush();
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
    }
    catch (OperationCanceledException)
    {
        // SIGINT or SIGTERM: shut down cleanly.
    }
}

return 0;
