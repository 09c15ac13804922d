#!/usr/bin/env bash
# Hub benchmark (issue 2): Debian's JupyterHub 3.0 and Ganymede's hub, side by side in one run,
# with the same DummyAuthenticator login, an SQLite file each, and the same generated config.
#
#   bench/hub/run.sh                                  full run (10,000 users; JupyterHub needs ~3 min to create them)
#   BENCH_USERS=600 BENCH_SECONDS=5 bench/hub/run.sh  quick smoke run
#
# Knobs (environment): see bench/README.md. Results: bench/results/hub-<time>/ and the table on stdout.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

BENCH_USERS=${BENCH_USERS:-10000}           # users created, listed and read
BENCH_BATCH=${BENCH_BATCH:-500}             # users per POST /hub/api/users
BENCH_SECONDS=${BENCH_SECONDS:-10}          # GET-one-user wrk run and form-login run
BENCH_WARMUP=${BENCH_WARMUP:-5}             # warm-up wrk run before GET-one-user, for every system
BENCH_WRK_THREADS=${BENCH_WRK_THREADS:-2}
BENCH_WRK_CONNS=${BENCH_WRK_CONNS:-50}
BENCH_LOGIN_CONCURRENCY=${BENCH_LOGIN_CONCURRENCY:-20}
BENCH_LIST_REPEAT=${BENCH_LIST_REPEAT:-5}   # the list time reported is the median
BENCH_LIST_WARMUP=${BENCH_LIST_WARMUP:-20}  # unmeasured lists before (the same for both hubs)
BENCH_SETTLE=${BENCH_SETTLE:-3}             # seconds after cold start before reading idle memory
BENCH_START_TIMEOUT=${BENCH_START_TIMEOUT:-300}
BENCH_SYSTEMS=${BENCH_SYSTEMS:-"jupyterhub ganymede"}

bench_init
OUT=$(bench_results_dir hub)
RESULTS=$OUT/results.tsv
: >"$RESULTS"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; }
SERVICE_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')

# ---------------------------------------------------------------------------------------------
# The config both hubs read: JupyterHub's jupyterhub_config.py literal syntax only (no code), so
# that Ganymede's safe reader accepts the very same file.
# ---------------------------------------------------------------------------------------------

write_config() {  # DIR PUBLIC_PORT HUB_PORT PROXY_API_PORT
    {
        bench_hub_config "$@"
        cat <<EOF
c.JupyterHub.api_page_max_limit = 20000
c.JupyterHub.services = [{'name': 'bench', 'api_token': '$SERVICE_TOKEN'}]
c.JupyterHub.load_roles = [{'name': 'bench-admin', 'scopes': ['admin:users', 'admin:servers'], 'services': ['bench']}]
EOF
    } >"$1/jupyterhub_config.py"
}

# ---------------------------------------------------------------------------------------------
# Systems. start_<system> DIR starts the hub on DIR's config (in DIR), sets HUB_PID and returns
# once the process runs; it returns 1 with a status recorded when the system is not available.
# hub_processes_<system> prints "HUB_KIB PROXY_KIB" for the idle-memory row.
# ---------------------------------------------------------------------------------------------

start_jupyterhub() {  # DIR
    bench_start_jupyterhub "$1" "$OUT/jupyterhub-$RUN_LABEL.log"
}

hub_processes_jupyterhub() {
    local hub proxy=0 p
    hub=$(rss_kib "$HUB_PID")
    for p in $(descendants "$HUB_PID"); do
        [[ $p != "$HUB_PID" ]] && grep -q configurable-http-proxy /proc/"$p"/cmdline 2>/dev/null && proxy=$((proxy + $(tree_rss_kib "$p")))
    done
    echo "$hub $proxy"
}

# >>> GANYMEDE-SPECIFIC ------------------------------------------------------------------------
# Ganymede's hub: `bin/ganymede -f <jupyterhub_config.py>`, one JVM with the proxy embedded.
# GANYMEDE_BIN overrides the launcher; GANYMEDE_HUB_ARGS adds options (e.g. --JupyterHub.x=y).
start_ganymede() {
    if [[ ! -x $GANYMEDE_BIN ]]; then
        record ganymede status "n/a (ganymede not built)"
        log "ganymede: $GANYMEDE_BIN not found; its column will read n/a"
        return 1
    fi
    # shellcheck disable=SC2086
    bench_start "$OUT/ganymede-$RUN_LABEL.log" env -C "$1" "$GANYMEDE_BIN" -f "$1/jupyterhub_config.py" ${GANYMEDE_HUB_ARGS:-}
    HUB_PID=$BENCH_LAST_PID
}

hub_processes_ganymede() {  # one JVM (plus the launcher if it does not exec); the proxy is inside
    echo "$(tree_rss_kib "$HUB_PID") 0"
}
# <<< GANYMEDE-SPECIFIC ------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------

adopt_children() {  # register HUB_PID's descendants (CHP runs in its own session) for cleanup
    local p
    for p in $(descendants "$HUB_PID"); do
        [[ $p == "$HUB_PID" ]] || [[ " ${BENCH_PIDS[*]} " == *" $p "* ]] || BENCH_PIDS+=("$p")
    done
}

stop_hub() {
    local children p
    children=$(descendants "$HUB_PID" | grep -vx "$HUB_PID" || true)
    bench_stop "$HUB_PID"; bench_forget "$HUB_PID"
    for p in $children; do
        if kill -0 "$p" 2>/dev/null; then bench_stop "$p"; fi
        bench_forget "$p"
    done
}

hub_up() {  # SYSTEM DIR LABEL: start and wait until /hub/api/ answers; sets STARTUP (seconds taken)
    local system=$1 dir=$2 t0 t1
    RUN_LABEL=$3
    t0=$(now_ns)
    "start_$system" "$dir" || return 1
    if ! wait_http_alive "$HUB_PID" "http://127.0.0.1:$PUBLIC_PORT/hub/api/" "$BENCH_START_TIMEOUT"; then
        log "$system did not answer /hub/api/ within ${BENCH_START_TIMEOUT}s; see $OUT/$system-$RUN_LABEL.log"
        record "$system" status "n/a ($system did not start)"
        stop_hub
        return 1
    fi
    t1=$(now_ns)
    adopt_children
    STARTUP=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
}

hubload() {  # SYSTEM PREFIX COMMAND ARGS...: run HubLoad, record its RESULT under PREFIX
    local system=$1 prefix=$2 raw=$OUT/$1-$2.out
    shift 2
    timeout 1800 "${BENCH_JAVA[@]}" -Xmx512m org.ganymede.bench.HubLoad "$@" >"$raw" 2>&1 || true
    $REPORT kv "$raw" "$system" "$prefix" >>"$RESULTS"
    log "$system: $prefix $(grep '^RESULT' "$raw" || { echo 'no result:'; tail -3 "$raw"; })"
}

measure_system() {  # SYSTEM
    local system=$1 dir=$BENCH_TMP/$1 url mem
    log "=== $system"
    mkdir -p "$dir"
    PUBLIC_PORT=$(free_port)
    write_config "$dir" "$PUBLIC_PORT" "$(free_port)" "$(free_port)"
    url=http://127.0.0.1:$PUBLIC_PORT
    hub_up "$system" "$dir" first || return 0
    record "$system" first_start_seconds "$STARTUP"
    record "$system" users "$BENCH_USERS"

    hubload "$system" create create --url "$url" --token "$SERVICE_TOKEN" --users "$BENCH_USERS" --batch "$BENCH_BATCH" --prefix user
    # Every measured operation gets the same unmeasured warm-up on both systems first (the JVM
    # compiles its hot paths in it; JupyterHub gains little from it): BENCH_LIST_WARMUP lists here.
    timeout 600 "${BENCH_JAVA[@]}" -Xmx512m org.ganymede.bench.HubLoad list --url "$url" --token "$SERVICE_TOKEN" \
        --users "$BENCH_USERS" --repeat "$BENCH_LIST_WARMUP" >/dev/null 2>&1 || true
    hubload "$system" list list --url "$url" --token "$SERVICE_TOKEN" --users "$BENCH_USERS" --repeat "$BENCH_LIST_REPEAT"

    # The same warm-up for both systems before the measured run (the JVM compiles its hot paths in it).
    wrk -t"$BENCH_WRK_THREADS" -c"$BENCH_WRK_CONNS" -d"$BENCH_WARMUP"s --timeout 20s \
        -H "Authorization: token $SERVICE_TOKEN" -s "$BENCH_DIR/hub/get-user.lua" "$url" -- "$BENCH_USERS" user \
        >/dev/null 2>&1 || true
    wrk -t"$BENCH_WRK_THREADS" -c"$BENCH_WRK_CONNS" -d"$BENCH_SECONDS"s --timeout 20s --latency \
        -H "Authorization: token $SERVICE_TOKEN" -s "$BENCH_DIR/hub/get-user.lua" "$url" -- "$BENCH_USERS" user \
        >"$OUT/$system-getuser.wrk" 2>&1 || true
    $REPORT wrk "$OUT/$system-getuser.wrk" "$system" getuser >>"$RESULTS"
    log "$system: GET one user $(grep -E '^Requests/sec' "$OUT/$system-getuser.wrk" || echo 'no result')"

    stop_hub

    # Cold start on the database that holds exactly BENCH_USERS users (logins come after it: a
    # faster hub would otherwise start on a bigger database).
    hub_up "$system" "$dir" cold || return 0
    record "$system" cold_start_seconds "$STARTUP"
    log "$system: cold start ${STARTUP}s"
    sleep "$BENCH_SETTLE"   # idle memory: after start-up work (route sync, first GC) settles
    mem=$("hub_processes_$system")
    record "$system" rss_hub_kib "${mem% *}"
    record "$system" rss_proxy_kib "${mem#* }"
    record "$system" rss_total_kib "$(( ${mem% *} + ${mem#* } ))"
    log "$system: idle RSS hub ${mem% *} KiB, proxy ${mem#* } KiB"
    timeout 600 "${BENCH_JAVA[@]}" -Xmx512m org.ganymede.bench.HubLoad login --url "$url" --seconds "$BENCH_WARMUP" \
        --concurrency "$BENCH_LOGIN_CONCURRENCY" --prefix "warm$RANDOM" >/dev/null 2>&1 || true
    hubload "$system" login login --url "$url" --seconds "$BENCH_SECONDS" --concurrency "$BENCH_LOGIN_CONCURRENCY" --prefix "login$RANDOM"
    stop_hub
}

bench_java_setup
log "results in $OUT (users: $BENCH_USERS)"
record _run load "$(cut -d' ' -f1-3 /proc/loadavg)"
for system in $BENCH_SYSTEMS; do
    measure_system "$system"
done
$REPORT hub-table "$RESULTS" | tee "$OUT/table.txt"
echo
echo "raw output: $OUT"
