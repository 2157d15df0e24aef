#!/usr/bin/env bash
# The first five minutes with VolSync, against a local emulator (no Databricks workspace needed):
#   build the CLI, start `volsync emulator` on a free port, create a volume, sync a copy of samples/ into it
#   (a release), list it, sync again (everything is skipped), change a file and sync (a second release),
#   list the releases, verify the latest, pull it back and compare, show what prune would delete, pack both
#   packages (build/pack.sh) and publish samples/HelloVolume with -p:VolSyncEnabled=true and
#   -p:VolSyncNaming=original, run the app in place from the volume's folder, then stop the emulator.
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

# A copy, so the demo can change a file without touching the repository.
site="$work/site"
cp -R samples/. "$site"
rm -rf "$site"/*/bin "$site"/*/obj
target=(--volume-path /Volumes/main/default/demo --path site)

step "sync a folder into it: every file is uploaded, and the run is recorded as a release"
volsync upload "$site" "${target[@]}"

step "list what landed (hashed names; VolSync's .volsync/ folder is not listed)"
volsync list-remote "${target[@]}"

step "sync again: nothing changed, so everything is skipped and the release is unchanged"
volsync upload "$site" "${target[@]}"

step "change one file and sync: one upload, a second release"
echo "# changed by the demo at $(date -u +%H:%M:%S)" >>"$site/HelloVolume/README.md"
volsync upload "$site" "${target[@]}"

step "the releases of this root, newest first (latest.json names the current one)"
volsync releases "${target[@]}"

step "verify the latest release: every file re-read from the volume, size and SHA-256 checked"
volsync verify "${target[@]}"

step "pull the latest release into a new folder, under the original names, and compare with the source"
volsync pull "${target[@]}" --to "$work/pulled"
show diff -r "$site" "$work/pulled"
diff -r "$site" "$work/pulled"
echo "identical"

step "what prune would delete when keeping one release (files only the first release used)"
volsync prune "${target[@]}" --keep 1 --min-age 0 --dry-run

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
show dotnet publish "${project#"$root"/}" -c Release -p:VolSyncEnabled=true -p:VolSyncVolumePath=/Volumes/main/default/demo/hello -p:VolSyncNaming=original
# The package just packed, pinned, restored into a private folder: never a stale copy from the NuGet cache.
dotnet publish "$project" -c Release -nodeReuse:false -v m \
  -p:VolSyncEnabled=true -p:VolSyncVolumePath=/Volumes/main/default/demo/hello -p:VolSyncNaming=original \
  -p:VolSyncPackageVersion="$version" \
  -p:RestoreAdditionalProjectSources="$root/artifacts/packages" \
  -p:RestorePackagesPath="$work/packages" \
  -o "$work/hello-publish"
volsync list-remote --volume-path /Volumes/main/default/demo --path hello
app=$(find "$work/emulator/Volumes/main/default/demo/hello" -maxdepth 1 -name 'HelloVolume.dll' 2>/dev/null | head -n 1)
if [ -z "$app" ]; then
  echo "demo: the MSBuild publish did not put HelloVolume.dll under its own name into /Volumes/main/default/demo/hello" >&2
  exit 1
fi

step "original names: the volume folder is the app (on a cluster: dotnet /Volumes/main/default/demo/hello/HelloVolume.dll)"
show dotnet "$app"
dotnet "$app"

step "stop the emulator"
kill -TERM "$emulator_pid"
wait "$emulator_pid" || true
emulator_pid=""
cat "$work/emulator.err"
