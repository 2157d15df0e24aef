// A tiny app whose publish output is synced to a Databricks volume by VolSync.Build.
Console.WriteLine($"Hello from a Databricks volume! ({DateTimeOffset.Now:u})");
