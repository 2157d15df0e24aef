#!/usr/bin/env bash
# Reliability scenarios of build/bench.sh (not tests): the real volsync tool against the emulator process.
#   scale [files]         client memory per file at 200 000 files (dry run, --json, warm cache), beside a 1-file run;
#                         emulator listing of one folder of that many files, beside `ls -f` of the same folder
#   fault-probe [seeds]   1000 files of 0 B-2 MiB through --rate-429 0.1 --rate-503 0.05 --rate-drop 0.02, one run
#                         per seed: every run must exit 0 with 0 wrong or missing files
#   kill-probe [rounds]   kill -9 the tool mid-upload (and every 5th round the emulator too), then one run must
#                         exit 0 with every file intact, no upload temp files left, and a further run upload nothing
# Prints Markdown for docs/benchmarks.md. Needs dotnet and /usr/bin/time (GNU time, for peak memory).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

scenario=${1:?usage: build/bench-reliability.sh scale|fault-probe|kill-probe [n]}
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/volsync-bench-rel.XXXXXX")
emulator_pid=
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/VolSync.Cli -c Release -nodeReuse:false -v q -clp:ErrorsOnly >/dev/null
dotnet build bench/VolSync.Bench -c Release -nodeReuse:false -v q -clp:ErrorsOnly >/dev/null
tool=(dotnet "$root/src/VolSync.Cli/bin/Release/net8.0/volsync.dll")
emulator_dll="$root/src/VolSync.Emulator/bin/Release/net8.0/VolSync.Emulator.dll"
bench=(dotnet "$root/bench/VolSync.Bench/bin/Release/net10.0/VolSync.Bench.dll")
# The tool's hash cache lives under HOME; every scenario gets its own.
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" DATABRICKS_TOKEN=bench-token
mkdir -p "$HOME"
unset DATABRICKS_CONFIG_PROFILE DATABRICKS_CONFIG_FILE

# start_emulator ROOT [options...]: runs the emulator process, exports DATABRICKS_HOST.
start_emulator() {
  local emu_root=$1
  shift
  mkdir -p "$emu_root"
  dotnet "$emulator_dll" --root "$emu_root" --port 0 "$@" >"$work/emulator.out" 2>"$work/emulator.err" &
  emulator_pid=$!
  for _ in $(seq 1 1800); do
    if grep -q "listening on" "$work/emulator.out" 2>/dev/null; then break; fi
    sleep 0.1
  done
  if ! grep -q "listening on" "$work/emulator.out"; then
    echo "bench-reliability.sh: the emulator did not start within 3 minutes" >&2
    cat "$work/emulator.err" >&2
    exit 1
  fi
  DATABRICKS_HOST=$(head -1 "$work/emulator.out" | sed 's/.* on //')
  export DATABRICKS_HOST
}

stop_emulator() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null || true
  emulator_pid=
}

create_volume() {
  # Faults apply to the API, so the volume is created before they are switched on (or retried until it exists).
  "${tool[@]}" create-volume --catalog main --schema default --volume "$1" >/dev/null
}

# peak_rss_kb CMD...: runs CMD (stdout to /dev/null), prints its peak resident set in KiB.
peak_rss_kb() {
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; return 1; }
  cat "$work/rss"
}

# verify LOCAL REMOTE_DIR: prints "WRONG MISSING REMOTE": remote files whose content does not match the hash in
# their name, local files without an intact remote copy, and remote files in all.
verify() {
  "${bench[@]}" verify "$1" "$2"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

machine() {
  echo "- $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, $(uname -sr), .NET $(dotnet --version)"
  echo "- load average at start: $(load)"
}

scale() {
  local count=${1:-200000}
  local dirs=$(( count >= 1000 ? count / 1000 : 1 ))
  local local_root="$work/tree" emu_root="$work/emu"
  echo "## Scale: $count files"
  echo
  machine
  echo
  start_emulator "$emu_root"
  create_volume scale
  local volume_dir="$emu_root/Volumes/main/default/scale"
  # The remote already holds every file under its hashed name (written straight to the emulator's folder), so
  # the runs list and plan everything and upload nothing.
  "${bench[@]}" tree "$local_root" "$count" "$dirs" "$volume_dir/many"
  "${bench[@]}" tree "$work/one" 1 1 "$volume_dir/one"
  local many=(upload "$local_root" --volume-path /Volumes/main/default/scale --path many)
  local small=(upload "$work/one" --volume-path /Volumes/main/default/scale --path one)

  local empty=(upload "$local_root" --volume-path /Volumes/main/default/scale --path empty)
  local ref ref_json fresh fresh_json dry dry_json real manifest warm warm_json
  ref=$(peak_rss_kb "${tool[@]}" "${small[@]}" --dry-run)
  ref_json=$(peak_rss_kb "${tool[@]}" "${small[@]}" --dry-run --json)
  fresh=$(peak_rss_kb "${tool[@]}" "${empty[@]}" --dry-run)
  fresh_json=$(peak_rss_kb "${tool[@]}" "${empty[@]}" --dry-run --json)
  dry=$(peak_rss_kb "${tool[@]}" "${many[@]}" --dry-run)
  dry_json=$(peak_rss_kb "${tool[@]}" "${many[@]}" --dry-run --json)
  real=$(peak_rss_kb "${tool[@]}" "${many[@]}")
  manifest=$(peak_rss_kb "${tool[@]}" "${many[@]}" --dry-run)
  # Without the release manifest that sync wrote, the warm runs measure the hash cache alone.
  rm -rf "$volume_dir/many/.volsync"
  warm=$(peak_rss_kb "${tool[@]}" "${many[@]}" --dry-run)
  warm_json=$(peak_rss_kb "${tool[@]}" "${many[@]}" --dry-run --json)
  per_file() { awk -v a="$1" -v b="$2" -v n="$count" 'BEGIN { printf "%.0f", (a - b) * 1024 / n }'; }
  mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
  row() { echo "| $1 | $(mib "$2") | $(mib "$3") | $(per_file "$2" "$3") | $(per_file "$2" 0) |"; }
  echo "| run of $count files | peak RSS MiB | 1-file run MiB | bytes per file above the 1-file run | bytes per file, whole process |"
  echo "|---|---:|---:|---:|---:|"
  row "dry run into an empty target" "$fresh" "$ref"
  row "dry run into an empty target, --json" "$fresh_json" "$ref_json"
  row "dry run, every file up to date remotely, no hash cache" "$dry" "$ref"
  row "the same, --json" "$dry_json" "$ref_json"
  row "dry run, up to date, warm hash cache" "$warm" "$ref"
  row "the same, --json" "$warm_json" "$ref_json"
  row "sync, up to date (writes the hash cache and a release manifest)" "$real" "$ref"
  row "dry run, up to date, warm hash cache, reading that release manifest" "$manifest" "$ref"
  echo

  # One folder of $count files: every page used to re-enumerate and stat the whole folder.
  "${bench[@]}" tree - "$count" 1 "$volume_dir/flat"
  local start end list_s ls_s
  start=$(date +%s.%N)
  "${tool[@]}" list-remote --volume-path /Volumes/main/default/scale/flat --json >"$work/flat.json"
  end=$(date +%s.%N)
  list_s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  start=$(date +%s.%N)
  ls -f -l "$volume_dir/flat" >/dev/null
  end=$(date +%s.%N)
  ls_s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  local listed
  listed=$(grep -c '"relativePath"' "$work/flat.json")
  echo "| one folder of $count files | seconds | ratio |"
  echo "|---|---:|---:|"
  echo "| \`volsync list-remote\` through the emulator ($listed entries, $(( (count + 999) / 1000 )) pages) | $list_s | $(awk -v a="$list_s" -v b="$ls_s" 'BEGIN { printf "%.1f", a / b }')x |"
  echo "| \`ls -f -l\` of the emulator's folder (reference: one enumeration and stat of each entry) | $ls_s | 1x |"
  echo
  echo "load average at end: $(load)"
  stop_emulator
}

# count_faults LOG: the client's --verbose lines say what each attempt got back.
count_faults() {
  local throttled unavailable cut
  throttled=$(grep -c ' → 429 in ' "$1" || true)
  unavailable=$(grep -c ' → 503 in ' "$1" || true)
  cut=$(grep -E ' → [^0-9].* after [0-9]+ ms' "$1" | grep -vc ' → 4[0-9][0-9]\| → 5[0-9][0-9]' || true)
  echo "$throttled / $unavailable / $cut"
}

json_number() { grep -m1 "\"$1\"" "$2" | tr -dc 0-9; }

seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

fault_probe() {
  local seeds=${1:-5}
  echo "## Fault probe: 1000 files of 0 B-2 MiB, emulator --rate-429 0.1 --rate-503 0.05 --rate-drop 0.02"
  echo
  machine
  echo
  "${bench[@]}" random-tree "$work/local" 1000 2097152 7
  echo "Local tree: 1000 files, $(du -sm "$work/local" | cut -f1) MiB (sizes uniform in 0 B-2 MiB, 5 empty). One fresh emulator"
  echo "per seed (\`--retry-after 1\`); the faults hit every API request, listings and uploads alike."
  echo
  echo "| seed | exit code | uploaded | failed | attempts answered 429 / 503 / cut off | wrong files | missing files | seconds |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  local unclean=0
  for seed in $(seq 1 "$seeds"); do
    rm -rf "$work/emu" "$HOME/.local"
    start_emulator "$work/emu" --rate-429 0.1 --rate-503 0.05 --rate-drop 0.02 --retry-after 1 --seed "$seed"
    until create_volume probe 2>/dev/null; do sleep 0.2; done
    local start code=0
    start=$(date +%s.%N)
    "${tool[@]}" upload "$work/local" --volume-path /Volumes/main/default/probe --json --verbose >"$work/run.json" 2>"$work/run.err" || code=$?
    local took wrong missing remote
    took=$(seconds_since "$start")
    stop_emulator
    read -r wrong missing remote <<<"$(verify "$work/local" "$work/emu/Volumes/main/default/probe")"
    if [ "$code" -ne 0 ] || [ "$wrong" -ne 0 ] || [ "$missing" -ne 0 ]; then unclean=$((unclean + 1)); fi
    echo "| $seed | $code | $(json_number uploaded "$work/run.json") | $(json_number failed "$work/run.json") | $(count_faults "$work/run.err") | $wrong | $missing | $took |"
  done
  echo
  echo "Runs that did not finish clean: $unclean of $seeds. Load average at end: $(load)."
  [ "$unclean" -eq 0 ]
}

kill_probe() {
  local rounds=${1:-20}
  echo "## kill -9 probe: $rounds rounds"
  echo
  machine
  echo
  "${bench[@]}" random-tree "$work/local" 400 2097152 11
  echo "Local tree: 400 files, $(du -sm "$work/local" | cut -f1) MiB (0 B-2 MiB). Each round rewrites 20 random files with new"
  echo "content (0 B-2 MiB), starts \`volsync upload\` and kills it"
  echo "with SIGKILL a random 0.2-2.5 s after it starts uploading; every 5th round the emulator is killed with SIGKILL"
  echo "too and restarted on the same folder (its unfinished upload temp files are counted before and after the restart)."
  echo "Then one run must finish the job, and the run after it must find nothing to do."
  echo
  start_emulator "$work/emu"
  create_volume killed
  local volume=/Volumes/main/default/killed volume_dir="$work/emu/Volumes/main/default/killed"
  local killed=0 finished=0 left=0 stale=0
  RANDOM=42
  local files=()
  mapfile -t files < <(find "$work/local" -type f | sort)
  for round in $(seq 1 "$rounds"); do
    # New content for 20 random files, so every round has uploads to interrupt (not only the first few).
    for _ in $(seq 1 20); do
      head -c $(( (RANDOM * 32768 + RANDOM) % 2097153 )) /dev/urandom >"${files[RANDOM % ${#files[@]}]}"
    done
    "${tool[@]}" upload "$work/local" --volume-path "$volume" >"$work/round.out" 2>&1 &
    local pid=$!
    # Killed while it uploads: a random 0.2-2.5 s after its "Uploading" line (plain progress, stdout redirected).
    while kill -0 "$pid" 2>/dev/null && ! grep -q '^Uploading' "$work/round.out"; do sleep 0.1; done
    sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.2 + (r % 2300) / 1000 }')"
    if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
    wait "$pid" 2>/dev/null || true
    if [ $((round % 5)) -eq 0 ]; then
      kill -9 "$emulator_pid" 2>/dev/null || true
      wait "$emulator_pid" 2>/dev/null || true
      emulator_pid=
      left=$((left + $(find "$work/emu/Volumes" -name '.volsync-upload-*.tmp' | wc -l)))
      start_emulator "$work/emu"
      stale=$((stale + $(find "$work/emu/Volumes" -name '.volsync-upload-*.tmp' | wc -l)))
    fi
  done

  local code=0 again=0 wrong missing remote leftover
  "${tool[@]}" upload "$work/local" --volume-path "$volume" --json >"$work/final.json" 2>"$work/final.err" || code=$?
  "${tool[@]}" upload "$work/local" --volume-path "$volume" --json >"$work/again.json" 2>/dev/null || again=$?
  leftover=$(find "$work/emu/Volumes" -name '.volsync-upload-*.tmp' | wc -l)
  stop_emulator
  read -r wrong missing remote <<<"$(verify "$work/local" "$volume_dir")"
  echo "| rounds | killed mid-run | done before the kill | final run: exit, uploaded | next run: exit, uploaded | wrong files | missing files | temp files left by killed emulators / after their restart | temp files at the end |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| $rounds | $killed | $finished | $code, $(json_number uploaded "$work/final.json") | $again, $(json_number uploaded "$work/again.json") | $wrong | $missing | $left / $stale | $leftover |"
  echo
  echo "Load average at end: $(load)."
  [ "$code" -eq 0 ] && [ "$again" -eq 0 ] && [ "$wrong" -eq 0 ] && [ "$missing" -eq 0 ] && [ "$(json_number uploaded "$work/again.json")" = 0 ]
}

case "$scenario" in
  scale) scale "$@" ;;
  fault-probe) fault_probe "$@" ;;
  kill-probe) kill_probe "$@" ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac
