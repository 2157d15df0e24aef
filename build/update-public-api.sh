#!/usr/bin/env bash
# Rewrites src/VolSync.Core/PublicAPI.Unshipped.txt from the code: run it after adding or removing public API in
# VolSync.Core on purpose, then review the diff (it is the library's promise) and commit it with the change.
# The build fails with RS0016/RS0017 while the file and the code disagree.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
unshipped=src/VolSync.Core/PublicAPI.Unshipped.txt
printf '#nullable enable\n' > "$unshipped"
dotnet format analyzers src/VolSync.Core/VolSync.Core.csproj --diagnostics RS0016 -v q
# Stable order, so the diff of an API change shows only that change.
{ head -1 "$unshipped"; tail -n +2 "$unshipped" | LC_ALL=C sort -u; } > "$unshipped.tmp" && mv "$unshipped.tmp" "$unshipped"
echo "$(($(wc -l < "$unshipped") - 1)) public symbols in $unshipped"
