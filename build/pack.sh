#!/usr/bin/env bash
# Packs the three shipped packages into artifacts/packages/:
#   VolSync.Cli   - the dotnet tool (command: volsync)
#   VolSync.Build - the MSBuild integration (dotnet publish -p:VolSyncEnabled=true)
#   VolSync.Core  - the library (VolumeSync, the Databricks client, unified auth, release manifests)
# Version: $VOLSYNC_VERSION when set, else the repository default (VolSyncVersion in Directory.Build.props).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

out="$root/artifacts/packages"
mkdir -p "$out"

args=(-c Release -o "$out" -nodeReuse:false -v q)
if [ -n "${VOLSYNC_VERSION:-}" ]; then
  args+=("-p:VolSyncVersion=$VOLSYNC_VERSION")
fi

for project in src/VolSync.Cli src/VolSync.Build src/VolSync.Core; do
  echo "==> pack $project"
  dotnet pack "$project" "${args[@]}"
done

echo
echo "Packages in $out:"
ls -1 "$out"/*.nupkg
echo
echo "Install the tool:  dotnet tool install --global VolSync.Cli --add-source $out"
echo "Use the library:   dotnet add package VolSync.Core --source $out"
