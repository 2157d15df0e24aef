#!/usr/bin/env bash
# Restores, builds, checks formatting and runs every test of the repository.
# Ends with one line: "tests: N passed, N failed, N skipped". Exit code is non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Child builds started by tests must not reuse nodes or the build server (they would lock task DLLs).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nbuild/test.sh: %s\n' "$*" >&2; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

step "restore"
dotnet restore VolSync.sln || fail "restore failed"

step "build (Release, warnings as errors)"
dotnet build VolSync.sln -c Release --no-restore -nodeReuse:false || fail "build failed"

step "format check"
dotnet format VolSync.sln --verify-no-changes --no-restore -v q || fail "dotnet format found changes: run 'dotnet format VolSync.sln' and commit"

step "test"
filter=()
if [ -n "${VOLSYNC_TEST_FILTER:-}" ]; then filter=(--filter "$VOLSYNC_TEST_FILTER"); fi
dotnet test VolSync.sln -c Release --no-build \
  --logger "trx" --results-directory "$results" "${filter[@]}" -- RunConfiguration.TreatNoTestsAsError=false
test_rc=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get total); x=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$test_rc" -eq 0 ] && [ "$failed" -eq 0 ]
