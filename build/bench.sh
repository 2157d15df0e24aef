#!/usr/bin/env bash
# Benchmarks (not tests). Prints Markdown for docs/benchmarks.md.
#
#   build/bench.sh [size-MiB] [small-file-count]
#       Hashing: a 1 GiB file hashed by VolSync's FileHasher beside `openssl speed` and `sha256sum` on the same
#       machine, then many small files on one core against all cores.
#   build/bench.sh limits [files] [baseline-ref]
#       Request-bound throughput: `volsync upload` of 1000 x 1 KiB, cold, against an emulator with the service's
#       limits (--latency-ms 100 --max-concurrent 10 --max-qps 100), for --max-concurrent 5, auto and 20. With a
#       git ref (e.g. e492a0c, the seed), that build's CLI runs fixed 5 and 20 in the same table, as "today".
#   build/bench.sh faults [files] [levels...]
#       Fault tolerance: 1000 files of 0 B-2 MiB, cold, fault-free and then under random faults given as
#       429/503/drop shares (default: mild 0.1/0.05/0.02 and harsh 0.3/0.2/0.1); ratios against the fault-free run.
#   build/bench.sh scale|fault-probe|kill-probe [n]
#       Reliability scenarios (build/bench-reliability.sh).
#   build/bench.sh multipart [size-MiB ...]
#       Large files: one PUT against parts against curl -T.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
case "${1:-}" in
  scale | fault-probe | kill-probe) exec "$root/build/bench-reliability.sh" "$@" ;;
  multipart) shift; exec bash "$root/build/bench-multipart.sh" "$@" ;;
esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

mode=hashing
case "${1:-}" in
  limits|faults) mode=$1; shift ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/volsync-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

dotnet build bench/VolSync.Bench -c Release -nodeReuse:false -v q -clp:ErrorsOnly >/dev/null
bench=(dotnet "bench/VolSync.Bench/bin/Release/net10.0/VolSync.Bench.dll")

echo "## Machine"
echo
echo "- $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, SHA extensions: $(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no)"
echo "- $(uname -sr), .NET $(dotnet --version), $(openssl version)"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

if [ "$mode" != hashing ]; then
  dotnet build src/VolSync.Cli -c Release -nodeReuse:false -v q -clp:ErrorsOnly >/dev/null
  cli="$root/src/VolSync.Cli/bin/Release/net8.0/volsync.dll"
  files=${1:-1000}
  shift || true
  if [ "$mode" = limits ]; then
    runs=("fixed 5=5" "auto=auto" "fixed 20=20")
    if [ -n "${1:-}" ]; then
      # The CLI of another commit, built from a clean export of it, measured in the same run.
      base="$work/baseline"
      mkdir -p "$base"
      git archive "$1" | tar -x -C "$base"
      dotnet build "$base/src/VolSync.Cli" -c Release -nodeReuse:false -v q -clp:ErrorsOnly >/dev/null
      base_cli="$base/src/VolSync.Cli/bin/Release/net8.0/volsync.dll"
      ref=$(git rev-parse --short "$1")
      runs=("$ref fixed 5=5@$base_cli" "$ref fixed 20=20@$base_cli" "${runs[@]}")
    fi
    "${bench[@]}" limits "$cli" "$work" "$files" "${runs[@]}"
  else
    levels=("$@")
    if [ ${#levels[@]} -eq 0 ]; then levels=(0.1/0.05/0.02 0.3/0.2/0.1); fi
    "${bench[@]}" faults "$cli" "$work" "$files" 5 0/0/0 "${levels[@]}"
  fi
  echo
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

size_mib=${1:-1024}
small_count=${2:-2000}

big="$work/big.bin"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$big"
cat "$big" > /dev/null # page cache: every tool below reads from memory, as the second run of a sync would

echo "## One ${size_mib} MiB file"
echo
openssl_line=$(openssl speed -evp sha256 -bytes 16384 -seconds 3 2>/dev/null | grep -E '^sha256' | tail -1)
# The last column is k-bytes per second (1000 bytes).
openssl_kbs=$(echo "$openssl_line" | awk '{print $NF}' | tr -d k)
openssl_mbs=$(awk -v k="$openssl_kbs" 'BEGIN { printf "%.0f", k / 1000 }')
TIMEFORMAT='%R %U %S'
times=$( { time sha256sum "$big" > "$work/sum"; } 2>&1 )
read -r real user sys <<<"$times"
bytes=$((size_mib * 1024 * 1024))
sum_wall=$(awk -v t="$real" -v b="$bytes" 'BEGIN { printf "%.0f", b / t / 1e6 }')
sum_cpu=$(awk -v u="$user" -v s="$sys" -v b="$bytes" 'BEGIN { printf "%.0f", b / (u + s) / 1e6 }')
echo "| tool | MB per CPU-second | MB/s wall |"
echo "|---|---:|---:|"
echo "| openssl speed -evp sha256 -bytes 16384 -seconds 3 (one core, no IO; divides by user CPU time) | $openssl_mbs | - |"
echo "| sha256sum (coreutils, one core, from page cache) | $sum_cpu | $sum_wall |"
echo
"${bench[@]}" big "$big" 2
echo "sha256sum: $(cut -d' ' -f1 "$work/sum")"
echo

many="$work/many"
mkdir -p "$many"
# Cut from the big file: 20 folders, small_count files of 256 KiB in all.
per_dir=$(( (small_count + 19) / 20 ))
for d in $(seq 0 19); do
  mkdir -p "$many/d$d"
  dd if="$big" bs=262144 skip=$((d * per_dir)) count="$per_dir" status=none | split -b 262144 -a 4 -d - "$many/d$d/f"
done
cat "$many"/*/* > /dev/null

echo "## ${small_count} files of 256 KiB"
echo
"${bench[@]}" many "$many"
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
