#!/usr/bin/env bash
# Load harness: TypedSessions against ASP.NET Core Session and against no session, under wrk, over the memory store
# and over a throwaway local redis-server. Run `bench/load.sh --help` for the options.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$ROOT/bench/TypedSessions.LoadApp/TypedSessions.LoadApp.csproj"
DLL="$ROOT/bench/TypedSessions.LoadApp/bin/Release/net10.0/TypedSessions.LoadApp.dll"
LUA="$ROOT/bench/session.lua"
REPORT_AWK="$ROOT/bench/load-report.awk"
RESULTS_DIR="$ROOT/bench/results"
CHART="$ROOT/docs/performance-load.svg"
CHART_TABLE="$ROOT/docs/performance-load.md"

usage() {
  cat <<'EOF'
Usage: bench/load.sh [options]

Load harness for TypedSessions (issue 12). Builds bench/TypedSessions.LoadApp in Release, starts it on Kestrel
(127.0.0.1, a free port) in five configurations, drives each with wrk and bench/session.lua, and prints requests/s,
p99 latency, ratios, and Redis commands and bytes per request.

Configurations (one load app process each, all started up front and kept warm):
  none            no session middleware; the same routes answer constant data (the baseline)
  typed/memory    TypedSessions, AddDistributedCacheStore over AddDistributedMemoryCache
  aspnet/memory   ASP.NET Core Session (AddSession) over AddDistributedMemoryCache
  typed/redis     TypedSessions, AddRedisStore on a throwaway redis-server
  aspnet/redis    ASP.NET Core Session over AddStackExchangeRedisCache on another throwaway redis-server
The no-session app uses no store, so one run of it is the baseline for both stores.

Request kinds (one wrk run each): plain (GET /plain, never touches the session), read (GET /read, read-only),
write (POST /write, one key changed), list (POST /list, one line of a 20-line list changed in place), and
write100 (POST /write on a session seeded with POST /seed?wide=true: 5 + 100 keys, one key changed; session
configurations only, its baseline is the no-session write).

Before the runs, curl checks every route of every app (cookie kept, 400 without it), and for each Redis
configuration redis-cli MONITOR records the commands 10 requests of each kind send, one at a time: the commands
the app sends, apart from those its Lua scripts run inside Redis.

Every wrk connection works on a session of its own, seeded by POST /seed and kept by its cookie (see
bench/session.lua). Rounds are interleaved: for each round, for each kind, for each configuration (starting one
further each round), one run. Figures are medians over the rounds; a ratio is the median of the ratios within
each round. Redis commands per request come from INFO commandstats (every command but INFO), bytes sent to Redis
per request from INFO stats total_net_input_bytes, both as deltas around the run, with the seeding requests
taken out. A run fails the harness if any response is not 2xx, if a socket error or timeout occurs, or if it
measured no request.

Options:
  --rounds N        rounds, 1-50 (default 5)
  --duration S      seconds per wrk run, 1-120 (default 10)
  --connections C   wrk connections, 1-256, a multiple of --threads (default 32)
  --threads T       wrk threads, 1-16 (default 2)
  --warmup S        seconds of unrecorded load per configuration and kind before round 1, 0-60 (default 3)
  --no-build        use the existing Release build instead of running dotnet build -c Release
  --smoke           CI check (about 20 s after an up-to-date build): 1 round of 1 s runs, 4 connections, 2 threads,
                    no warm-up; one run per configuration of the four kinds in turn (mix) and one write100 run
                    per Redis configuration; fails unless every run got 2xx responses only and measured
                    requests; asserts no timing, writes no file (overrides the options above)
  -h, --help        this text

Output: progress on stderr, the result tables (Markdown) on stdout. Except with --smoke, the tables and the raw
runs are also written to bench/results/<UTC time>.md, .tsv and .commands.tsv (not committed), and the tables
and an SVG chart of the throughput ratios (bench/load-report.awk) to docs/performance-load.md and
docs/performance-load.svg. The exit status is non-zero on any failure.

Needs dotnet (SDK 10), wrk, redis-server, redis-cli, curl and awk (Debian: apt-get install wrk redis-server curl).
Every process it starts (load apps, redis-servers, wrk, the build) is stopped on exit, on error and on Ctrl-C.
EOF
}

exec 9>&2 # progress and errors go to the script's stderr, even from a trap run inside a redirected command
log() { printf '%s\n' "$*" >&9; }
die() {
  log "load.sh: error: $*"
  exit 1
}

# ---- options -------------------------------------------------------------------------------------------------------

rounds=5
duration=10
connections=32
threads=2
warmup=3
build=1
smoke=0

int_in_range() { # name value min max
  [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a whole number, not '$2' (see --help)"
  if (("$2" < "$3" || "$2" > "$4")); then die "$1 must be between $3 and $4, not $2"; fi
}

need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see --help)"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) need_value "$@"; int_in_range "$1" "$2" 1 50; rounds=$2; shift 2 ;;
    --duration) need_value "$@"; int_in_range "$1" "$2" 1 120; duration=$2; shift 2 ;;
    --connections) need_value "$@"; int_in_range "$1" "$2" 1 256; connections=$2; shift 2 ;;
    --threads) need_value "$@"; int_in_range "$1" "$2" 1 16; threads=$2; shift 2 ;;
    --warmup) need_value "$@"; int_in_range "$1" "$2" 0 60; warmup=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --smoke) smoke=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

if [ "$smoke" -eq 1 ]; then
  rounds=1 duration=1 connections=4 threads=2 warmup=0
fi
if ((connections < threads)); then die "--connections ($connections) must be at least --threads ($threads)"; fi
if ((connections % threads != 0)); then
  die "--connections ($connections) must be a multiple of --threads ($threads): wrk gives each thread connections/threads"
fi
slots_per_thread=$((connections / threads))

missing=()
for tool in dotnet wrk redis-server redis-cli curl awk; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing on PATH: ${missing[*]}. Install wrk, redis-server (it brings redis-cli) and curl with
    apt-get install -y --no-install-recommends wrk redis-server curl
and the .NET 10 SDK for dotnet."
fi
[ -f "$LUA" ] || die "$LUA is missing"
[ -f "$REPORT_AWK" ] || die "$REPORT_AWK is missing"

# ---- process bookkeeping and cleanup -------------------------------------------------------------------------------

WORK="$(mktemp -d "${TMPDIR:-/tmp}/typedsessions-load.XXXXXX")"
started_pids=() # every long-lived process this script started: load apps, redis-servers
fg_pid=""       # the build or wrk run being waited for
succeeded=0

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$fg_pid" ] && kill -0 "$fg_pid" 2>/dev/null; then
    kill -TERM "$fg_pid" 2>/dev/null || true
  fi
  local pid
  for pid in "${started_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  local deadline=$((SECONDS + 10))
  for pid in "$fg_pid" "${started_pids[@]}"; do
    [ -n "$pid" ] || continue
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "load.sh: process $pid did not stop on SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  if [ "$succeeded" -eq 1 ]; then
    rm -rf "$WORK"
  else
    log "load.sh: stopped every process it started; logs kept in $WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'log "load.sh: interrupted"; exit 130' INT
trap 'log "load.sh: terminated"; exit 143' TERM

# Drops a process that has been waited for from started_pids, so that cleanup never signals a reused pid.
forget_pid() {
  local pid kept=()
  for pid in "${started_pids[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  started_pids=("${kept[@]}")
}

# Runs a command in the background with its output in a file and waits for it, so that a signal interrupts the wait at
# once (bash runs traps only between foreground commands) and cleanup can stop the command. Returns its status.
run_waited() { # output-file command...
  local output=$1
  shift
  "$@" >"$output" 2>&1 9>&- &
  fg_pid=$!
  local rc=0
  wait "$fg_pid" || rc=$?
  fg_pid=""
  return "$rc"
}

# ---- build ---------------------------------------------------------------------------------------------------------

start_time=$SECONDS
if [ "$build" -eq 1 ]; then
  log "building bench/TypedSessions.LoadApp (Release)..."
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  if ! run_waited "$WORK/build.log" dotnet build -c Release "$PROJECT" -nologo -v q; then
    cat "$WORK/build.log" >&9
    die "dotnet build -c Release failed"
  fi
fi
[ -f "$DLL" ] || die "$DLL is missing; run without --no-build"

# ---- redis-servers -------------------------------------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

declare -A redis_port=()

start_redis() { # name
  local name=$1 attempt port pid
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" && continue
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
      --logfile "$WORK/redis-$name.log" >/dev/null 2>&1 9>&- &
    pid=$!
    started_pids+=("$pid")
    local tries
    for tries in $(seq 50); do
      if [ "$(redis-cli -p "$port" PING 2>/dev/null)" = "PONG" ]; then
        redis_port[$name]=$port
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    forget_pid "$pid"
  done
  cat "$WORK/redis-$name.log" >&9 2>/dev/null || true
  die "could not start redis-server for $name"
}

start_redis typed
start_redis aspnet

# ---- load apps -----------------------------------------------------------------------------------------------------

configs=(none typed/memory aspnet/memory typed/redis aspnet/redis)
declare -A app_pid=() app_url=() app_log=()

for cfg in "${configs[@]}"; do
  sessions=${cfg%%/*}
  store=memory
  args=(--sessions "$sessions" --store memory)
  case "$cfg" in
    */redis) store=redis; args=(--sessions "$sessions" --store redis --redis "127.0.0.1:${redis_port[$sessions]}") ;;
  esac
  logfile="$WORK/app-${cfg//\//-}.log"
  app_log[$cfg]=$logfile
  dotnet "$DLL" "${args[@]}" --urls "http://127.0.0.1:0" >"$logfile" 2>&1 9>&- &
  app_pid[$cfg]=$!
  started_pids+=("$!")
done

for cfg in "${configs[@]}"; do
  url=""
  for _ in $(seq 300); do
    url=$(grep -o -m1 'http://127\.0\.0\.1:[0-9]*' "${app_log[$cfg]}" 2>/dev/null || true)
    [ -n "$url" ] && break
    kill -0 "${app_pid[$cfg]}" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    cat "${app_log[$cfg]}" >&9
    die "the $cfg load app did not start (log above)"
  fi
  app_url[$cfg]=$url
  log "started $cfg on $url"
done

# ---- Redis counters ------------------------------------------------------------------------------------------------

redis_port_of() { # cfg -> port, or nothing for a memory configuration
  case "$1" in
    typed/redis) echo "${redis_port[typed]}" ;;
    aspnet/redis) echo "${redis_port[aspnet]}" ;;
  esac
}

# Writes "cmd <name> <calls>" for every command but INFO and "bytes <total_net_input_bytes>" to $2.
redis_snapshot() { # port file
  redis-cli -p "$1" INFO all | tr -d '\r' | awk -F'[:,=]' '
    /^cmdstat_/ && $1 != "cmdstat_info" { sub(/^cmdstat_/, "", $1); print "cmd", $1, $3 }
    $1 == "total_net_input_bytes" { print "bytes", $2 }' >"$2"
}

# Prints "<commands> <bytes> <breakdown>" between two snapshots, less $info_bytes (what one INFO sends);
# breakdown is name:calls,... sorted by name, or "-".
info_bytes=0
redis_delta() { # before after
  awk -v info="$info_bytes" '
    FNR == NR { if ($1 == "cmd") b[$2] = $3; else if ($1 == "bytes") bb = $2; next }
    $1 == "cmd" { d = $3 - b[$2]; if (d > 0) { calls += d; names[$2] = d } }
    $1 == "bytes" { bytes = $2 - bb - info }
    END {
      n = 0; for (k in names) list[++n] = k
      for (i = 2; i <= n; i++) { v = list[i]; for (j = i - 1; j >= 1 && list[j] > v; j--) list[j + 1] = list[j]; list[j + 1] = v }
      s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? "," : "") list[i] ":" names[list[i]]
      print calls + 0, bytes + 0, (s == "" ? "-" : s)
    }' "$1" "$2"
}

# ---- checks with curl ----------------------------------------------------------------------------------------------

check_app() { # cfg; prints what is wrong and fails
  local cfg=$1 url=${app_url[$1]} jar="$WORK/jar-${1//\//-}" out status
  rm -f "$jar"
  out=$(curl -sS --max-time 30 -f -c "$jar" -b "$jar" -X POST -d '' "$url/seed") || { echo "$cfg: POST /seed failed"; return 1; }
  [[ "$out" == *'"keys":5'* ]] || { echo "$cfg: POST /seed answered '$out'"; return 1; }
  out=$(curl -sS --max-time 30 -f -b "$jar" "$url/read") || { echo "$cfg: GET /read with the seeded cookie failed"; return 1; }
  [[ "$out" == *'Ada Lovelace'* ]] || { echo "$cfg: GET /read answered '$out'"; return 1; }
  curl -sS --max-time 30 -f -b "$jar" -X POST -d '' "$url/write" >/dev/null || { echo "$cfg: POST /write failed"; return 1; }
  curl -sS --max-time 30 -f -b "$jar" -X POST -d '' "$url/list" >/dev/null || { echo "$cfg: POST /list failed"; return 1; }
  curl -sS --max-time 30 -f "$url/plain" >/dev/null || { echo "$cfg: GET /plain failed"; return 1; }
  out=$(curl -sS --max-time 30 -f -X POST -d '' "$url/seed?wide=true") || { echo "$cfg: POST /seed?wide=true failed"; return 1; }
  [[ "$out" == *'"keys":105'* ]] || { echo "$cfg: POST /seed?wide=true answered '$out'"; return 1; }
  if [ "$cfg" != none ]; then
    # A request without the cookie must be refused, or a run whose cookies were lost would measure empty sessions.
    status=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' "$url/read")
    [ "$status" = 400 ] || { echo "$cfg: GET /read without a session answered $status, not 400"; return 1; }
  fi
}

# The five apps are checked side by side: their first requests are mostly JIT compilation and Redis connections.
check_pids=()
for cfg in "${configs[@]}"; do
  check_app "$cfg" >"$WORK/check-${cfg//\//-}.out" 2>&1 &
  check_pids+=("$!")
  started_pids+=("$!")
done
for i in "${!configs[@]}"; do
  status=0
  wait "${check_pids[$i]}" || status=$?
  forget_pid "${check_pids[$i]}"
  if [ "$status" -ne 0 ]; then
    cat "$WORK/check-${configs[$i]//\//-}.out" >&9
    die "the ${configs[$i]} load app failed its check (see above; its log is in $WORK)"
  fi
done
log "all configurations answer every route and keep their sessions by cookie"

# ---- Redis: what one seed costs, and the commands each request sends (MONITOR) -------------------------------------

redis_snapshot "${redis_port[typed]}" "$WORK/info-1"
redis_snapshot "${redis_port[typed]}" "$WORK/info-2"
info_bytes=$(redis_delta "$WORK/info-1" "$WORK/info-2" | awk '{ print $2 }')

declare -A seed_cmds=() seed_bytes=() seed_list=()

measure_seed() { # cfg seed_path
  local cfg=$1 path=$2 port calls bytes list
  port=$(redis_port_of "$cfg")
  redis_snapshot "$port" "$WORK/seed-before"
  curl -sS --max-time 30 -f -X POST -d '' "${app_url[$cfg]}$path" >/dev/null || die "$cfg: POST $path failed"
  sleep 0.2
  redis_snapshot "$port" "$WORK/seed-after"
  read -r calls bytes list < <(redis_delta "$WORK/seed-before" "$WORK/seed-after")
  seed_cmds[$cfg$path]=$calls seed_bytes[$cfg$path]=$bytes seed_list[$cfg$path]=$list
}

PROFILE="$WORK/commands.tsv" # config kind client-commands/request script-commands/request client-commands-by-name
: >"$PROFILE"
profile_requests=10

# Watches Redis with MONITOR while curl sends $profile_requests requests of each kind, one at a time, and counts the
# commands the app sent (MONITOR shows "[db host:port]") apart from those run inside Lua scripts ("[db lua]").
profile_commands() { # cfg
  local cfg=$1 port url=${app_url[$1]} jar="$WORK/profile-jar" kind i
  port=$(redis_port_of "$cfg")
  redis-cli -p "$port" MONITOR >"$WORK/monitor.txt" 2>&1 9>&- &
  local monitor=$!
  started_pids+=("$monitor")
  for i in $(seq 50); do grep -q '^OK' "$WORK/monitor.txt" 2>/dev/null && break; sleep 0.05; done
  for kind in plain read write list write100; do
    rm -f "$jar"
    local seed=/seed method=GET path=/$kind
    case "$kind" in
      write | list) method=POST ;;
      write100) method=POST seed='/seed?wide=true' path=/write ;;
    esac
    curl -sS --max-time 30 -f -c "$jar" -X POST -d '' "$url$seed" >/dev/null || die "$cfg: POST $seed failed"
    redis-cli -p "$port" ECHO "load.sh:$kind" >/dev/null
    for i in $(seq "$profile_requests"); do
      if [ "$method" = POST ]; then
        curl -sS --max-time 30 -f -b "$jar" -X POST -d '' "$url$path" >/dev/null || die "$cfg: POST $path failed"
      else
        curl -sS --max-time 30 -f -b "$jar" "$url$path" >/dev/null || die "$cfg: GET $path failed"
      fi
    done
    redis-cli -p "$port" ECHO "load.sh:end" >/dev/null
  done
  for i in $(seq 50); do [ "$(grep -c '"load.sh:end"' "$WORK/monitor.txt")" -ge 5 ] && break; sleep 0.05; done
  kill -TERM "$monitor" 2>/dev/null || true
  wait "$monitor" 2>/dev/null || true
  forget_pid "$monitor"
  awk -v cfg="$cfg" -v n="$profile_requests" '
    / "ECHO" "load\.sh:/ { match($0, /load\.sh:[a-z0-9]+/); section = substr($0, RSTART + 8, RLENGTH - 8); next }
    section == "" || section == "end" { next }
    / \[[0-9]+ lua\] / { script[section]++; next }
    / \[[0-9]+ [0-9.:]+\] / {
      match($0, /\] "[^"]+"/); name = tolower(substr($0, RSTART + 3, RLENGTH - 4))
      client[section]++
      if (!((section, name) in byname)) names[section] = names[section] " " name
      byname[section, name]++
    }
    END {
      split("plain read write list write100", kinds, " ")
      for (i = 1; i <= 5; i++) {
        k = kinds[i]; s = ""
        m = split(substr(names[k], 2), list, " ")
        for (j = 1; j <= m; j++) s = s (j > 1 ? "," : "") list[j] ":" byname[k, list[j]] / n
        printf "%s\t%s\t%.2f\t%.2f\t%s\n", cfg, k, client[k] / n, script[k] / n, (s == "" ? "-" : s)
      }
    }' "$WORK/monitor.txt" >>"$PROFILE"
}

for cfg in typed/redis aspnet/redis; do
  measure_seed "$cfg" "/seed"
  measure_seed "$cfg" "/seed?wide=true"
  log "$cfg: one seed costs ${seed_cmds[$cfg/seed]} Redis commands and ${seed_bytes[$cfg/seed]} bytes (wide: ${seed_cmds[$cfg/seed?wide=true]}, ${seed_bytes[$cfg/seed?wide=true]} bytes)"
  profile_commands "$cfg"
  log "$cfg: commands sent per request (MONITOR): $(awk -F'\t' -v c="$cfg" '$1 == c { printf "%s%s %s", (n++ ? ", " : ""), $2, $3 }' "$PROFILE")"
done

# ---- wrk runs ------------------------------------------------------------------------------------------------------

if [ "$smoke" -eq 1 ]; then
  kinds=(mix write100) # mix: the four request kinds in turn on every session
else
  kinds=(plain read write list write100)
fi
RAW="$WORK/runs.tsv"
printf 'round\tkind\tconfig\trps\tp50_us\tp99_us\tmeasured\tseeds\tcmds_per_req\tbytes_per_req\tcommands\n' >"$RAW"

fail_run() { # label wrk_output cfg message
  log ""
  log "load.sh: FAILED: $1: $4"
  log "---- wrk output ----"
  cat "$2" >&9
  log "---- last lines of the $3 load app's log ----"
  tail -n 30 "${app_log[$3]}" >&9 || true
  die "$1: $4"
}

# One wrk run; sets RUN_ROW to its raw row (without the round). Not run in a subshell, so that a signal stops it at once.
run_one() { # label kind cfg seconds
  local label=$1 kind=$2 cfg=$3 seconds=$4
  local seed_path=/seed wrk_kind=$kind port="" out="$WORK/wrk.out"
  if [ "$kind" = write100 ]; then seed_path='/seed?wide=true' wrk_kind=write; fi
  port=$(redis_port_of "$cfg")
  if [ -n "$port" ]; then redis_snapshot "$port" "$WORK/run-before"; fi
  local rc=0
  run_waited "$out" wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 10s -s "$LUA" "${app_url[$cfg]}" \
    -- "$wrk_kind" "$seed_path" "$slots_per_thread" || rc=$?
  local delta=""
  if [ -n "$port" ]; then
    sleep 0.3 # let requests cut off by the end of the run finish their commands
    redis_snapshot "$port" "$WORK/run-after"
    delta=$(redis_delta "$WORK/run-before" "$WORK/run-after")
  fi
  [ "$rc" -eq 0 ] || fail_run "$label" "$out" "$cfg" "wrk exited with status $rc"
  local stats
  stats=$(grep -m1 '^LOADSTATS ' "$out" || true)
  [ -n "$stats" ] || fail_run "$label" "$out" "$cfg" "wrk printed no LOADSTATS line"
  local requests=-1 seeds=-1 measured=-1 rps=-1 p50=-1 p99=-1 bad=-1 lost=-1 status_errors=-1
  local connect=-1 read=-1 write=-1 timeout=-1
  eval "$(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); printf "%s=%s\n", kv[1], kv[2] } }' <<<"$stats" |
    grep -E '^(requests|seeds|measured|rps|p50_us|p99_us|bad|lost|status_errors|connect|read|write|timeout)=[0-9.]+$' |
    sed -e 's/^p50_us=/p50=/' -e 's/^p99_us=/p99=/')"
  if grep -q 'Non-2xx or 3xx responses' "$out" || [ "$bad" -ne 0 ] || [ "$status_errors" -ne 0 ]; then
    fail_run "$label" "$out" "$cfg" "$bad responses were not 2xx ($(grep -m1 '^LOADSTATS-FIRST-BAD' "$out" | cut -d' ' -f2- || true))"
  fi
  [ "$lost" -eq 0 ] || fail_run "$label" "$out" "$cfg" "$lost responses carried no known X-Load-Slot header"
  if ((connect != 0 || read != 0 || write != 0 || timeout != 0)); then
    fail_run "$label" "$out" "$cfg" "socket errors: connect $connect, read $read, write $write, timeout $timeout"
  fi
  ((measured > 0)) || fail_run "$label" "$out" "$cfg" "no request was measured"
  ((seeds >= connections)) || fail_run "$label" "$out" "$cfg" "only $seeds sessions were seeded for $connections connections"

  local cmds=- bytes=- breakdown=-
  if [ -n "$delta" ]; then
    local calls nbytes list
    read -r calls nbytes list <<<"$delta"
    # The seeding requests are taken out: seeds x what one seed costs (measured with curl after start-up).
    read -r cmds bytes breakdown < <(awk -v c="$calls" -v b="$nbytes" -v l="$list" -v s="$seeds" -v m="$measured" \
      -v sc="${seed_cmds[$cfg$seed_path]}" -v sb="${seed_bytes[$cfg$seed_path]}" -v sl="${seed_list[$cfg$seed_path]}" '
      function parse(str, into,    n, i, parts, kv) {
        if (str == "-") return
        n = split(str, parts, ",")
        for (i = 1; i <= n; i++) { split(parts[i], kv, ":"); into[kv[1]] = kv[2] }
      }
      BEGIN {
        parse(l, run); parse(sl, seed)
        out = ""
        for (name in run) { v = (run[name] - s * seed[name]) / m; if (v >= 0.0005) names[++k] = name; val[name] = v }
        for (i = 2; i <= k; i++) { t = names[i]; for (j = i - 1; j >= 1 && names[j] > t; j--) names[j + 1] = names[j]; names[j + 1] = t }
        for (i = 1; i <= k; i++) out = out (i > 1 ? "," : "") names[i] ":" sprintf("%.3f", val[names[i]])
        cmds = (c - s * sc) / m; bytes = (b - s * sb) / m
        printf "%.3f %.1f %s\n", (cmds < 0.0005 ? 0 : cmds), (bytes < 0.05 ? 0 : bytes), (out == "" ? "-" : out)
      }')
  fi
  RUN_ROW=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$kind" "$cfg" "$rps" "$p50" "$p99" "$measured" "$seeds" "$cmds" "$bytes" "$breakdown")
  local extra=""
  if [ "$cmds" != - ]; then extra=", $cmds Redis commands and $bytes bytes to Redis per request"; fi
  log "$label: $(printf '%.0f' "$rps") req/s, p99 $(awk -v u="$p99" 'BEGIN { printf "%.2f", u / 1000 }') ms$extra"
}

applies() { # kind cfg: write100 needs a session, and in the smoke check only Redis counts its bytes
  if [ "$1" != write100 ]; then return 0; fi
  if [ "$smoke" -eq 1 ]; then [[ "$2" == */redis ]]; else [ "$2" != none ]; fi
}

if ((warmup > 0)); then
  for kind in "${kinds[@]}"; do
    for cfg in "${configs[@]}"; do
      applies "$kind" "$cfg" || continue
      run_one "[warm-up] $kind $cfg" "$kind" "$cfg" "$warmup"
    done
  done
fi

n_configs=${#configs[@]}
for ((round = 1; round <= rounds; round++)); do
  for kind in "${kinds[@]}"; do
    for ((i = 0; i < n_configs; i++)); do
      cfg=${configs[$(((i + round - 1) % n_configs))]}
      applies "$kind" "$cfg" || continue
      run_one "[round $round/$rounds] $kind $cfg" "$kind" "$cfg" "$duration"
      printf '%s\t%s\n' "$round" "$RUN_ROW" >>"$RAW"
    done
  done
done

# ---- report --------------------------------------------------------------------------------------------------------

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain -- src bench/TypedSessions.LoadApp 2>/dev/null)" ]; then
  commit="$commit with uncommitted changes"
fi
settings="$rounds round(s) of ${duration} s per run, interleaved; $(((warmup > 0)) && echo "a ${warmup} s warm-up run of each configuration and kind first" || echo "no warm-up"); wrk $connections connections, $threads threads"
machine="$(nproc) cores${cpu:+ ($cpu)}, $(uname -sr); .NET SDK $(dotnet --version); wrk $(wrk --version 2>&1 | head -n1 | awk '{ print $2 }'); Redis $(redis-server --version | awk '{ sub(/^v=/, "", $3); print $3 }'); commit $commit"

report() { # mode
  awk -F'\t' -v mode="$1" -v settings="$settings" -v machine="$machine" -v smoke="$smoke" -v profile="$PROFILE" \
    -f "$REPORT_AWK" "$PROFILE" "$RAW"
}

if [ "$smoke" -eq 1 ]; then
  report smoke
  log "smoke check passed in $((SECONDS - start_time)) s: every configuration answered 2xx only, with measured requests"
else
  report markdown
  mkdir -p "$RESULTS_DIR" "$(dirname "$CHART")"
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  report markdown >"$RESULTS_DIR/$stamp.md"
  cp "$RAW" "$RESULTS_DIR/$stamp.tsv"
  cp "$PROFILE" "$RESULTS_DIR/$stamp.commands.tsv"
  report markdown >"$CHART_TABLE"
  report svg >"$CHART"
  log "done in $((SECONDS - start_time)) s; wrote bench/results/$stamp.{md,tsv,commands.tsv}, docs/performance-load.md and docs/performance-load.svg"
fi
succeeded=1
