using VolSync.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
