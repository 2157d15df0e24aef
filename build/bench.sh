#!/usr/bin/env bash
# Hashing benchmark (not a test): a 1 GiB file hashed by VolSync's FileHasher beside `openssl speed` and
# `sha256sum` on the same machine, then many small files on one core against all cores.
# Usage: build/bench.sh [size-MiB] [small-file-count]. Prints Markdown for docs/benchmarks.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

size_mib=${1:-1024}
small_count=${2:-2000}
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

big="$work/big.bin"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$big"
cat "$big" > /dev/null # page cache: every tool below reads from memory, as the second run of a sync would

echo "## One ${size_mib} MiB file"
echo
openssl_line=$(openssl speed -evp sha256 -bytes 16384 -seconds 3 2>/dev/null | grep -E '^sha256' | tail -1)
# The last column is k-bytes per second (1000 bytes).
openssl_kbs=$(echo "$openssl_line" | awk '{print $NF}' | tr -d k)
openssl_mbs=$(awk -v k="$openssl_kbs" 'BEGIN { printf "%.0f", k / 1000 }')
start=$(date +%s.%N); sha256sum "$big" > "$work/sum"; end=$(date +%s.%N)
sum_mbs=$(awk -v s="$start" -v e="$end" -v b="$((size_mib * 1024 * 1024))" 'BEGIN { printf "%.0f", b / (e - s) / 1e6 }')
echo "| tool | MB/s |"
echo "|---|---:|"
echo "| openssl speed -evp sha256 -bytes 16384 -seconds 3 (one core, no IO) | $openssl_mbs |"
echo "| sha256sum (coreutils, one core, from page cache) | $sum_mbs |"
echo
"${bench[@]}" big "$big" 3
echo "sha256sum: $(cut -d' ' -f1 "$work/sum")"
echo

many="$work/many"
mkdir -p "$many"
for i in $(seq 1 "$small_count"); do
  d="$many/d$((i % 20))"
  mkdir -p "$d"
  head -c 262144 /dev/urandom > "$d/f$i.bin"
done
cat "$many"/*/* > /dev/null

echo "## ${small_count} files of 256 KiB"
echo
"${bench[@]}" many "$many"
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
