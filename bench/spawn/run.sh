#!/usr/bin/env bash
# Spawn benchmark (issue 4): Debian's JupyterHub 3.0 (+ its CHP 4.5) and Ganymede's hub spawning the
# same single-user server (Debian's jupyterhub-singleuser 3.0 / notebook 6.4) as throw-away Unix
# users, side by side in one run. Needs root (useradd, servers run as the users).
#
#   bench/spawn/run.sh                                     full run (5 single spawns, 20 concurrent)
#   BENCH_SPAWNS=2 BENCH_CONCURRENT=4 bench/spawn/run.sh   quick smoke run (~2 min)
#
# Knobs (environment): see bench/README.md. Results: bench/results/spawn-<time>/ and the table on stdout.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

BENCH_SPAWNS=${BENCH_SPAWNS:-5}             # single spawn/stop repetitions (medians reported)
BENCH_CONCURRENT=${BENCH_CONCURRENT:-20}    # users spawned (and stopped) at once
BENCH_STARTUPS=${BENCH_STARTUPS:-$BENCH_SPAWNS}  # direct jupyterhub-singleuser starts (hub-share baseline)
BENCH_START_TIMEOUT=${BENCH_START_TIMEOUT:-300}
BENCH_SYSTEMS=${BENCH_SYSTEMS:-"jupyterhub ganymede"}
BENCH_USER_PREFIX=benchspawn                # accounts benchspawn01.., created and removed by this script
USER_MARK="ganymede spawn benchmark"        # useradd comment: only accounts with it are ever removed
SPAWNLOAD="$PY -B $BENCH_DIR/spawn/spawnload.py"

[[ $(id -u) == 0 ]] || die "needs root: creates throw-away Unix users and spawns servers as them"
[[ -x /usr/bin/jupyterhub-singleuser ]] || die "needs Debian's jupyterhub package (jupyterhub-singleuser)"
((BENCH_SPAWNS >= 1 && BENCH_CONCURRENT >= 1)) || die "BENCH_SPAWNS and BENCH_CONCURRENT must be >= 1"
((BENCH_CONCURRENT <= 99)) || die "BENCH_CONCURRENT must be <= 99 (user names are ${BENCH_USER_PREFIX}NN)"

bench_init
OUT=$(bench_results_dir spawn)
RESULTS=$OUT/results.tsv
: >"$RESULTS"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; }
ADMIN_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')

# ---------------------------------------------------------------------------------------------
# Throw-away Unix users. Their processes are found by uid (only accounts this script made, marked
# with USER_MARK) and killed by pid; the accounts and homes go at exit.
# ---------------------------------------------------------------------------------------------

declare -a BENCH_USERS=()
for ((i = 1; i <= BENCH_CONCURRENT; i++)); do BENCH_USERS+=("$(printf '%s%02d' "$BENCH_USER_PREFIX" "$i")"); done

ours() { [[ $(getent passwd "$1" | cut -d: -f5) == "$USER_MARK" ]]; }

kill_user_processes() {  # USER: KILL every process the (marked) user owns, by pid; bounded wait
    local user=$1 pids i
    ours "$user" || return 0
    for ((i = 0; i < 50; i++)); do
        pids=$(ps -o pid= -u "$user" 2>/dev/null | tr -d ' ' || true)
        [[ -z $pids ]] && return 0
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null || true
        sleep 0.1
    done
    log "processes of $user still alive: $pids"
}

remove_users() {
    local user
    for user in "${BENCH_USERS[@]}"; do
        ours "$user" || continue
        kill_user_processes "$user"
        userdel -r "$user" >/dev/null 2>&1 || log "userdel -r $user failed"
        rm -rf --one-file-system /tmp/ganymede-"$(id -u "$user" 2>/dev/null || echo none)"-* 2>/dev/null || true
    done
}

spawn_cleanup() {
    bench_cleanup
    remove_users
}
trap spawn_cleanup EXIT

create_users() {
    local user
    for user in "${BENCH_USERS[@]}"; do
        if getent passwd "$user" >/dev/null; then
            ours "$user" || die "user $user exists and was not made by this benchmark; remove it or pick other names"
            kill_user_processes "$user"; userdel -r "$user" >/dev/null 2>&1 || true   # left by an aborted run
        fi
        useradd -m -s /bin/bash -c "$USER_MARK" "$user" || die "useradd $user failed"
    done
}

# ---------------------------------------------------------------------------------------------
# The config both hubs read (literal syntax only, so Ganymede's safe reader takes the same file).
# ---------------------------------------------------------------------------------------------

write_config() {  # DIR PUBLIC_PORT HUB_PORT PROXY_API_PORT
    {
        bench_hub_config "$@"
        cat <<EOF
c.JupyterHub.api_tokens = {'$ADMIN_TOKEN': 'admin'}
c.Authenticator.admin_users = {'admin'}
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
EOF
    } >"$1/jupyterhub_config.py"
}

# >>> SYSTEMS ----------------------------------------------------------------------------------
start_jupyterhub() {  # DIR
    bench_start_jupyterhub "$1" "$OUT/jupyterhub.log"
}

start_ganymede() {
    if [[ ! -x $GANYMEDE_BIN ]]; then
        record ganymede status "n/a (ganymede not built)"
        log "ganymede: $GANYMEDE_BIN not found; its column will read n/a"
        return 1
    fi
    # shellcheck disable=SC2086
    bench_start "$OUT/ganymede.log" env -C "$1" "$GANYMEDE_BIN" -f "$1/jupyterhub_config.py" ${GANYMEDE_HUB_ARGS:-}
    HUB_PID=$BENCH_LAST_PID
}
# <<< SYSTEMS ----------------------------------------------------------------------------------

stop_hub() {  # the hub's group, then its other descendants (JupyterHub's CHP has its own session)
    local children p
    children=$(descendants "$HUB_PID" | grep -vx "$HUB_PID" || true)
    bench_stop "$HUB_PID"; bench_forget "$HUB_PID"
    for p in $children; do
        if kill -0 "$p" 2>/dev/null && ! ps -o user= -p "$p" | grep -q "^$BENCH_USER_PREFIX"; then bench_stop "$p"; fi
    done
}

spawnload() {  # SYSTEM PREFIX COMMAND ARGS...: run spawnload.py, record its RESULT under PREFIX
    local system=$1 prefix=$2 raw=$OUT/$1-$2.out
    shift 2
    timeout 900 $SPAWNLOAD "$@" >"$raw" 2>&1 || true
    $REPORT kv "$raw" "$system" "$prefix" >>"$RESULTS"
    log "$system: $prefix $(grep '^RESULT' "$raw" || { echo 'no result:'; tail -3 "$raw"; })"
}

measure_system() {  # SYSTEM
    local system=$1 dir=$BENCH_TMP/$1 url user
    log "=== $system"
    mkdir -p "$dir"
    PUBLIC_PORT=$(free_port)
    write_config "$dir" "$PUBLIC_PORT" "$(free_port)" "$(free_port)"
    url=http://127.0.0.1:$PUBLIC_PORT
    "start_$system" "$dir" || return 0
    if ! wait_http_alive "$HUB_PID" "$url/hub/api/" "$BENCH_START_TIMEOUT"; then
        log "$system did not answer /hub/api/ within ${BENCH_START_TIMEOUT}s; see $OUT/$system.log"
        record "$system" status "n/a ($system did not start)"
        stop_hub
        return 0
    fi
    # The users exist in the hub before anything is timed (the API creates them; 201 or 409).
    curl -s -o /dev/null --max-time 60 -X POST -H "Authorization: token $ADMIN_TOKEN" \
        -d "{\"usernames\": [$(printf '"%s",' "${BENCH_USERS[@]}" | sed 's/,$//')]}" "$url/hub/api/users"

    spawnload "$system" one one --url "$url" --token "$ADMIN_TOKEN" --user "${BENCH_USERS[0]}" --repeat "$BENCH_SPAWNS"
    spawnload "$system" many many --url "$url" --token "$ADMIN_TOKEN" --users "$(IFS=,; echo "${BENCH_USERS[*]}")"
    stop_hub
    for user in "${BENCH_USERS[@]}"; do kill_user_processes "$user"; done
}

log "results in $OUT (single spawns: $BENCH_SPAWNS, concurrent: $BENCH_CONCURRENT); creating users"
record _run load "$(cut -d' ' -f1-3 /proc/loadavg)"
record _run spawns "$BENCH_SPAWNS"
record _run concurrent "$BENCH_CONCURRENT"
create_users
# The baseline for the hubs' share: the same server started directly (no hub, no proxy).
spawnload singleuser direct startup --user "${BENCH_USERS[0]}" --repeat "$BENCH_STARTUPS" --logdir "$OUT"
# The floor under "N concurrent spawns": N Pythons importing the single-user server's modules at
# once, nothing else (no hub, no server start). No hub can make N spawns finish sooner than this.
t0=$(now_ns)
for ((i = 0; i < BENCH_CONCURRENT; i++)); do /usr/bin/python3 -c 'import jupyterhub.singleuser' & done
wait
record singleuser concurrent_imports_s "$(awk -v a="$t0" -v b="$(now_ns)" 'BEGIN {printf "%.2f", (b - a) / 1e9}')"
for system in $BENCH_SYSTEMS; do
    measure_system "$system"
done
$REPORT spawn-table "$RESULTS" | tee "$OUT/table.txt"
echo
echo "raw output: $OUT"
