#!/usr/bin/env bash
# The first five minutes with VolSync, against a local emulator (no Databricks workspace needed):
#   build the CLI, start `volsync emulator` on a free port, create a volume, sync samples/ into it,
#   list it, sync again (everything is skipped), pack both packages (build/pack.sh) and publish
#   samples/HelloVolume with -p:VolSyncEnabled=true into the volume, then stop the emulator.
# Runs from a fresh clone: bash build/demo.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
# The demo talks to the emulator only: no other Databricks configuration may take over.
unset DATABRICKS_AUTH_TYPE DATABRICKS_CONFIG_PROFILE DATABRICKS_CONFIG_FILE DATABRICKS_CLIENT_ID DATABRICKS_CLIENT_SECRET || true

work=$(mktemp -d "${TMPDIR:-/tmp}/volsync-demo.XXXXXX")
emulator_pid=""

step() { printf '\n==> %s\n' "$*"; }
show() { printf '$'; printf ' %q' "$@"; printf '\n'; }

cleanup() {
  local rc=$?
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill -TERM "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  if [ "$rc" -eq 0 ]; then echo; echo "demo: OK"; else echo; echo "demo: FAILED (exit $rc)" >&2; fi
}
trap cleanup EXIT

step "build the CLI"
dotnet build src/VolSync.Cli -c Release -nodeReuse:false -v q -clp:NoSummary
cli="$root/src/VolSync.Cli/bin/Release/net8.0/volsync.dll"
volsync() { show volsync "$@"; dotnet "$cli" "$@"; }

step "start the emulator on a free port"
show volsync emulator --port 0 --root "$work/emulator"
dotnet "$cli" emulator --port 0 --root "$work/emulator" >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
url=""
for _ in $(seq 1 300); do
  line=$(head -n 1 "$work/emulator.out" 2>/dev/null || true)
  if [[ "$line" == "VolSync emulator listening on "* ]]; then
    url=${line#VolSync emulator listening on }
    break
  fi
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    cat "$work/emulator.err" >&2
    echo "demo: the emulator exited before listening" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then echo "demo: the emulator did not print its URL within 30 s" >&2; exit 1; fi
echo "$line"
export DATABRICKS_HOST="$url" DATABRICKS_TOKEN=demo-token
show export "DATABRICKS_HOST=$url" DATABRICKS_TOKEN=demo-token

step "create a volume"
volsync create-volume --catalog main --schema default --volume demo

step "sync samples/ into it"
volsync upload samples/ --volume-path /Volumes/main/default/demo --exclude "**/bin/**" --exclude "**/obj/**"

step "list what landed"
volsync list-remote --volume-path /Volumes/main/default/demo

step "sync again: nothing changed, so everything is skipped"
volsync upload samples/ --volume-path /Volumes/main/default/demo --exclude "**/bin/**" --exclude "**/obj/**"

step "publish a project straight into the volume with the MSBuild integration (VolSync.Build)"
show bash build/pack.sh
bash build/pack.sh >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; exit 1; }
version=$(dotnet msbuild src/VolSync.Build -getProperty:Version -nodeReuse:false ${VOLSYNC_VERSION:+"-p:VolSyncVersion=$VOLSYNC_VERSION"})
project=samples/HelloVolume/HelloVolume.csproj
if [ ! -f "$project" ]; then
  # An older tree without samples/HelloVolume: an equivalent two-file project outside the repository.
  project="$work/HelloVolume/HelloVolume.csproj"
  mkdir -p "$work/HelloVolume"
  cat >"$project" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="VolSync.Build" Version="\$(VolSyncPackageVersion)" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
  echo 'Console.WriteLine("Hello from a Unity Catalog volume!");' >"$work/HelloVolume/Program.cs"
fi
show dotnet publish "${project#"$root"/}" -c Release -p:VolSyncEnabled=true -p:VolSyncVolumePath=/Volumes/main/default/demo/hello
# The package just packed, pinned, restored into a private folder: never a stale copy from the NuGet cache.
dotnet publish "$project" -c Release -nodeReuse:false -v m \
  -p:VolSyncEnabled=true -p:VolSyncVolumePath=/Volumes/main/default/demo/hello \
  -p:VolSyncPackageVersion="$version" \
  -p:RestoreAdditionalProjectSources="$root/artifacts/packages" \
  -p:RestorePackagesPath="$work/packages" \
  -o "$work/hello-publish"
volsync list-remote --volume-path /Volumes/main/default/demo --path hello
if [ -z "$(find "$work/emulator/Volumes/main/default/demo/hello" -type f 2>/dev/null | head -n 1)" ]; then
  echo "demo: the MSBuild publish uploaded no file to /Volumes/main/default/demo/hello" >&2
  exit 1
fi

step "stop the emulator"
kill -TERM "$emulator_pid"
wait "$emulator_pid" || true
emulator_pid=""
cat "$work/emulator.err"
