#!/usr/bin/env bash
# Large-file benchmark (not a test), run by `build/bench.sh multipart [size-MiB ...]` (default 1024 4096): one
# random file per size uploaded to the emulator (a separate process on loopback) with `curl -T` (the reference),
# VolSync's single PUT and VolSync in parts (16 MiB parts, a sync's 5 slots), interleaved, best of N. Reports
# wall time, CPU time and peak RSS of the uploading process, and the ratio to curl. Prints Markdown.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1024 4096)

work=$(mktemp -d "${TMPDIR:-/tmp}/volsync-bench-mp.XXXXXX")
emulator_pid=
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/VolSync.Emulator -c Release -nodeReuse:false -v q -clp:ErrorsOnly >/dev/null
dotnet build bench/VolSync.Bench -c Release -nodeReuse:false -v q -clp:ErrorsOnly >/dev/null
bench=(dotnet "bench/VolSync.Bench/bin/Release/net10.0/VolSync.Bench.dll")

dotnet src/VolSync.Emulator/bin/Release/net8.0/VolSync.Emulator.dll --root "$work/emulator" --port 0 >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 1 200); do grep -q "listening on" "$work/emulator.out" 2>/dev/null && break; sleep 0.1; done
host=$(head -1 "$work/emulator.out" | sed 's/.* on //')
auth=(-H "Authorization: Bearer bench-token")
curl -sSf "${auth[@]}" -X POST "$host/api/2.1/unity-catalog/volumes" \
  -d '{"catalog_name":"main","schema_name":"default","name":"bench","volume_type":"MANAGED"}' >/dev/null
files="$host/api/2.0/fs/files/Volumes/main/default/bench"

echo "## Machine"
echo
echo "- $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
echo "- $(uname -sr), .NET $(dotnet --version), $(curl --version | head -1 | cut -d' ' -f1-2)"
echo "- $(df -hT "$work" | awk 'NR==2 {print $2}') file system under the emulator's root; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

for size in "${sizes[@]}"; do
  file="$work/random-$size.bin"
  head -c "$((size * 1024 * 1024))" /dev/urandom >"$file"
  cat "$file" >/dev/null # every run reads from the page cache
  bytes=$((size * 1024 * 1024))
  repeats=3
  [ "$size" -le 1024 ] || repeats=2
  declare -A wall=() cpu=() rss=()
  for run in $(seq 1 "$repeats"); do
    for mode in curl single multipart; do
      if [ "$mode" = curl ]; then
        out=$( { /usr/bin/time -f "%e %U %S %M" curl -sSf -T "$file" "${auth[@]}" "$files/curl.bin?overwrite=true" -o /dev/null; } 2>&1 )
        read -r w u s m <<<"$out"
        line="$w $(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') $((m / 1024))"
      else
        line=$("${bench[@]}" upload "$host" "$file" "$mode" "/Volumes/main/default/bench/$mode.bin")
      fi
      read -r w c r <<<"$line"
      # Best wall time of the runs; CPU and RSS of that same run.
      if [ -z "${wall[$mode]:-}" ] || awk -v a="$w" -v b="${wall[$mode]}" 'BEGIN { exit !(a < b) }'; then
        wall[$mode]=$w; cpu[$mode]=$c; rss[$mode]=$r
      fi
      curl -sS "${auth[@]}" -X DELETE "$files/$mode.bin" -o /dev/null || true
    done
  done

  echo "## One ${size} MiB random file (best of ${repeats}, load average $(cut -d' ' -f1 /proc/loadavg))"
  echo
  echo "| upload | seconds | MB/s | time / curl | CPU seconds | peak RSS MiB |"
  echo "|---|---:|---:|---:|---:|---:|"
  for mode in curl single multipart; do
    case $mode in
      curl) name='`curl -T` (one PUT, reference)' ;;
      single) name='VolSync, one PUT (`--multipart-threshold off`)' ;;
      multipart) name='VolSync, in parts (16 MiB, 5 slots)' ;;
    esac
    awk -v n="$name" -v w="${wall[$mode]}" -v c="${cpu[$mode]}" -v r="${rss[$mode]}" -v b="$bytes" -v ref="${wall[curl]}" \
      'BEGIN { printf "| %s | %.2f | %.0f | %.2f | %.2f | %d |\n", n, w, b / w / 1e6, w / ref, c, r }'
  done
  echo
  rm -f "$file"
  unset wall cpu rss
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
