// Replaced by the emulator issue (3): `dotnet run --project src/VolSync.Emulator -- --root DIR --port 0`.
return 0;
