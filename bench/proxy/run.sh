#!/usr/bin/env bash
# Proxy benchmark (issue 3): the backend directly, Ganymede's proxy, configurable-http-proxy 4.5
# (Debian) and 5.x (npm), and nginx as a reverse proxy, measured in one run on this machine.
#
#   bench/proxy/run.sh                       full run (~10 s per cell)
#   BENCH_SECONDS=3 BENCH_IDLE_WS=500 bench/proxy/run.sh    quick smoke run
#
# Knobs (environment): see bench/README.md. Results: bench/results/proxy-<time>/ (raw output,
# logs, results.tsv) and the table on stdout.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

BENCH_SECONDS=${BENCH_SECONDS:-10}          # per wrk cell and for WebSocket echo
BENCH_WARMUP=${BENCH_WARMUP:-2}             # per system, before its cells
BENCH_CONNS=${BENCH_CONNS:-"50 500"}        # wrk connection counts
BENCH_SIZES=${BENCH_SIZES:-"small 1m"}      # small (128 B) and 1m (1 MiB) responses
BENCH_WRK_THREADS=${BENCH_WRK_THREADS:-2}
BENCH_WRK_TIMEOUT=${BENCH_WRK_TIMEOUT:-20}  # s; long, so CHP's multi-second p99 is measured, not dropped
BENCH_WS_CONNS=${BENCH_WS_CONNS:-50}        # WebSocket echo connections, one message in flight each
BENCH_WS_SIZE=${BENCH_WS_SIZE:-64}          # WebSocket echo message size in bytes
BENCH_IDLE_WS=${BENCH_IDLE_WS:-2000}        # idle WebSockets held for the memory measurement
BENCH_SYSTEMS=${BENCH_SYSTEMS:-"direct ganymede chp4 chp5 nginx"}
BENCH_BACKEND_WORKERS=${BENCH_BACKEND_WORKERS:-1}   # nginx backend worker processes
BENCH_NGINX_WORKERS=${BENCH_NGINX_WORKERS:-auto}    # nginx reverse-proxy worker processes
CHP5_VERSION=${CHP5_VERSION:-5}

TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
export CONFIGPROXY_AUTH_TOKEN=$TOKEN

bench_init
OUT=$(bench_results_dir proxy)
RESULTS=$OUT/results.tsv
: >"$RESULTS"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; }
chmod 755 "$BENCH_TMP"   # nginx workers run as nobody when started by root

# ---------------------------------------------------------------------------------------------
# Backends: nginx serving a small and a 1 MiB file, and the WebSocket echo server
# ---------------------------------------------------------------------------------------------

nginx_common_http() {  # lines shared by both nginx configurations
    cat <<EOF
    access_log off;
    sendfile on; tcp_nopush on; tcp_nodelay on;
    keepalive_requests 1000000; keepalive_timeout 120s;
    client_body_temp_path $BENCH_TMP/nginx-body; proxy_temp_path $BENCH_TMP/nginx-proxy;
    fastcgi_temp_path $BENCH_TMP/nginx-fcgi; uwsgi_temp_path $BENCH_TMP/nginx-uwsgi; scgi_temp_path $BENCH_TMP/nginx-scgi;
    default_type application/octet-stream;
EOF
}

start_backend() {
    local docroot=$BENCH_TMP/www/user/bench
    mkdir -p "$docroot"
    head -c 128 /dev/zero | tr '\0' 'x' >"$docroot/small.txt"
    head -c $((1024 * 1024)) /dev/urandom >"$docroot/1m.bin"
    chmod -R a+rX "$BENCH_TMP/www"
    BACKEND_PORT=$(free_port)
    cat >"$BENCH_TMP/backend.conf" <<EOF
worker_processes $BENCH_BACKEND_WORKERS;
worker_rlimit_nofile 20000;
error_log $BENCH_TMP/backend-error.log warn;
pid $BENCH_TMP/backend.pid;
events { worker_connections 10000; }
http {
$(nginx_common_http)
    server {
        listen 127.0.0.1:$BACKEND_PORT backlog=4096;
        root $BENCH_TMP/www;
    }
}
EOF
    bench_start "$OUT/backend-nginx.log" nginx -p "$BENCH_TMP" -c "$BENCH_TMP/backend.conf" -g 'daemon off;'
    wait_http "http://127.0.0.1:$BACKEND_PORT/user/bench/small.txt" 20 || die "backend nginx did not start; see $OUT/backend-nginx.log"

    ECHO_PORT=$(free_port)
    bench_start "$OUT/ws-echo.log" "${BENCH_JAVA[@]}" -Xmx256m org.ganymede.bench.WsEchoServer serve --port "$ECHO_PORT" --max-seconds 7200
    wait_line "$OUT/ws-echo.log" '^LISTENING' 60 >/dev/null || die "WebSocket echo server did not start; see $OUT/ws-echo.log"
    log "backend nginx on :$BACKEND_PORT, WebSocket echo on :$ECHO_PORT"
}

# ---------------------------------------------------------------------------------------------
# Routes through configurable-http-proxy's REST API, exactly as JupyterHub adds them
# ---------------------------------------------------------------------------------------------

add_route() {  # API_URL PATH JSON
    local code
    code=$(curl -s -o "$BENCH_TMP/route.out" -w '%{http_code}' --max-time 10 -X POST \
        -H "Authorization: token $TOKEN" -H 'Content-Type: application/json' -d "$3" "$1/api/routes$2")
    [[ $code == 201 || $code == 200 ]] || { log "POST $1/api/routes$2 answered $code: $(cat "$BENCH_TMP/route.out")"; return 1; }
}

add_jupyterhub_routes() {  # API_URL
    add_route "$1" "/" "{\"hub\": true, \"target\": \"http://127.0.0.1:$BACKEND_PORT\"}" &&
    add_route "$1" "/user/bench" "{\"user\": \"bench\", \"server_name\": \"\", \"target\": \"http://127.0.0.1:$BACKEND_PORT\", \"jupyterhub\": true}" &&
    add_route "$1" "/user/wsbench" "{\"user\": \"wsbench\", \"server_name\": \"\", \"target\": \"http://127.0.0.1:$ECHO_PORT\", \"jupyterhub\": true}"
}

# ---------------------------------------------------------------------------------------------
# Systems. Each start_<system> sets SYS_PID (0 = nothing to measure for memory), SYS_PORT and
# SYS_WS_PORT, or prints why it cannot run and returns 1.
# ---------------------------------------------------------------------------------------------

start_direct() {
    SYS_PID=0 SYS_PORT=$BACKEND_PORT SYS_WS_PORT=$ECHO_PORT
}

start_chp() {  # NAME BINARY — configurable-http-proxy as JupyterHub starts it (no default target)
    local name=$1 bin=$2 api
    SYS_PORT=$(free_port) api=$(free_port)
    bench_start "$OUT/$name.log" "$bin" --ip 127.0.0.1 --port "$SYS_PORT" --api-ip 127.0.0.1 --api-port "$api"
    SYS_PID=$BENCH_LAST_PID SYS_WS_PORT=$SYS_PORT
    wait_http_alive "$SYS_PID" "http://127.0.0.1:$api/api/routes" 30 -H "Authorization: token $TOKEN" || { log "$name did not start; see $OUT/$name.log"; return 1; }
    add_jupyterhub_routes "http://127.0.0.1:$api"
}

start_chp4() {
    [[ -x /usr/bin/configurable-http-proxy ]] || { record chp4 status "n/a (not installed)"; return 1; }
    # Debian's CHP finds its modules (commander, http-proxy, ...) in /usr/share/nodejs, which only
    # Debian's own node searches; the node 20 installed here needs NODE_PATH.
    NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH} start_chp chp4 /usr/bin/configurable-http-proxy
}

start_chp5() {
    local dir=$BENCH_DIR/.cache/chp5 bin=$BENCH_DIR/.cache/chp5/node_modules/.bin/configurable-http-proxy
    if [[ ! -x $bin ]]; then
        log "installing configurable-http-proxy@$CHP5_VERSION into $dir (npm)"
        mkdir -p "$dir"
        (cd "$dir" && timeout 300 npm install --no-audit --no-fund --loglevel=error "configurable-http-proxy@$CHP5_VERSION" >"$OUT/npm.log" 2>&1) \
            || { record chp5 status "n/a (npm install failed)"; return 1; }
    fi
    record chp5 version "$("$bin" --version 2>/dev/null || echo '?')"
    start_chp chp5 "$bin"
}

start_nginx() {  # nginx as a reverse proxy, configured like JupyterHub's documented nginx example
    SYS_PORT=$(free_port)
    cat >"$BENCH_TMP/proxy.conf" <<EOF
worker_processes $BENCH_NGINX_WORKERS;
worker_rlimit_nofile 20000;
error_log $BENCH_TMP/proxy-error.log warn;
pid $BENCH_TMP/proxy.pid;
events { worker_connections 10000; }
http {
$(nginx_common_http)
    map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
    upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
    upstream echo { server 127.0.0.1:$ECHO_PORT; }
    server {
        listen 127.0.0.1:$SYS_PORT backlog=4096;
        location /user/wsbench/ {
            proxy_pass http://echo;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_read_timeout 3600s;
        }
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_buffering off;
        }
    }
}
EOF
    bench_start "$OUT/nginx-proxy.log" nginx -p "$BENCH_TMP" -c "$BENCH_TMP/proxy.conf" -g 'daemon off;'
    SYS_PID=$BENCH_LAST_PID SYS_WS_PORT=$SYS_PORT
    wait_http_alive "$SYS_PID" "http://127.0.0.1:$SYS_PORT/user/bench/small.txt" 20 || { log "nginx proxy did not start; see $OUT/nginx-proxy.log"; return 1; }
}

# >>> GANYMEDE-SPECIFIC ------------------------------------------------------------------------
# Ganymede's standalone proxy: `bin/ganymede proxy <configurable-http-proxy flags>`, a drop-in
# for CHP (same flags, CONFIGPROXY_AUTH_TOKEN, same REST API). GANYMEDE_BIN overrides the path;
# GANYMEDE_PROXY_ARGS adds flags (e.g. tuning) after the CHP ones.
start_ganymede() {
    if [[ ! -x $GANYMEDE_BIN ]]; then
        record ganymede status "n/a (ganymede not built)"
        log "ganymede: $GANYMEDE_BIN not found; its column will read n/a"
        return 1
    fi
    local api
    SYS_PORT=$(free_port) api=$(free_port)
    # shellcheck disable=SC2086
    bench_start "$OUT/ganymede-proxy.log" "$GANYMEDE_BIN" proxy --ip 127.0.0.1 --port "$SYS_PORT" \
        --api-ip 127.0.0.1 --api-port "$api" ${GANYMEDE_PROXY_ARGS:-}
    SYS_PID=$BENCH_LAST_PID SYS_WS_PORT=$SYS_PORT
    # The launcher may build on first use, hence the long wait.
    if ! wait_http_alive "$SYS_PID" "http://127.0.0.1:$api/api/routes" 300 -H "Authorization: token $TOKEN"; then
        record ganymede status "n/a (ganymede proxy did not start)"
        log "ganymede proxy did not start; see $OUT/ganymede-proxy.log"
        return 1
    fi
    add_jupyterhub_routes "http://127.0.0.1:$api" || { record ganymede status "n/a (route API refused)"; return 1; }
}
# <<< GANYMEDE-SPECIFIC ------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------

measure_idle_websockets() {  # SYSTEM: RSS before/after holding BENCH_IDLE_WS idle WebSockets
    local system=$1 before after ready open
    curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$SYS_PORT/user/bench/small.txt" || true
    before=$(tree_rss_kib "$SYS_PID")
    bench_start "$OUT/$system-idle-ws.log" "${BENCH_JAVA[@]}" -Xmx512m org.ganymede.bench.WsLoad idle \
        --url "ws://127.0.0.1:$SYS_WS_PORT/user/wsbench/idle" --connections "$BENCH_IDLE_WS" --hold-seconds 600
    local holder=$BENCH_LAST_PID
    if ready=$(wait_line "$OUT/$system-idle-ws.log" '^READY' 180); then
        sleep 2   # let the proxy finish per-connection allocations before sampling
        after=$(tree_rss_kib "$SYS_PID")
        open=$(sed -n 's/.*open=\([0-9]*\).*/\1/p' <<<"$ready")
        record "$system" rss_idle_kib "$before"
        record "$system" rss_ws_kib "$after"
        record "$system" ws_idle_open "$open"
        if ((open > 0)); then
            record "$system" kib_per_ws "$(awk -v a="$after" -v b="$before" -v n="$open" 'BEGIN {printf "%.2f", (a - b) / n}')"
        fi
        log "$system: RSS $before KiB idle, $after KiB with $open idle WebSockets"
    else
        log "$system: idle WebSockets did not open in time; see $OUT/$system-idle-ws.log"
    fi
    bench_stop "$holder"; bench_forget "$holder"
}

run_wrk() {  # SYSTEM PREFIX CONNS URL SECONDS
    local raw=$OUT/$1-$2.wrk
    wrk -t"$BENCH_WRK_THREADS" -c"$3" -d"$5"s --timeout "${BENCH_WRK_TIMEOUT}s" --latency "$4" >"$raw" 2>&1 || true
}

measure_http() {  # SYSTEM
    local system=$1 size conns file
    run_wrk "$system" warmup 50 "http://127.0.0.1:$SYS_PORT/user/bench/small.txt" "$BENCH_WARMUP"
    for size in $BENCH_SIZES; do
        case $size in small) file=small.txt ;; 1m) file=1m.bin ;; *) die "BENCH_SIZES: unknown size '$size' (small, 1m)" ;; esac
        for conns in $BENCH_CONNS; do
            run_wrk "$system" "${size}_c$conns" "$conns" "http://127.0.0.1:$SYS_PORT/user/bench/$file" "$BENCH_SECONDS"
            $REPORT wrk "$OUT/$system-${size}_c$conns.wrk" "$system" "${size}_c$conns" >>"$RESULTS"
            log "$system: $size ${conns}c $(grep -E '^Requests/sec' "$OUT/$system-${size}_c$conns.wrk" || echo 'no result')"
        done
    done
}

measure_ws_echo() {  # SYSTEM
    local system=$1
    timeout $((BENCH_SECONDS + BENCH_WARMUP + 60)) "${BENCH_JAVA[@]}" -Xmx256m org.ganymede.bench.WsLoad echo \
        --url "ws://127.0.0.1:$SYS_WS_PORT/user/wsbench/echo" --connections "$BENCH_WS_CONNS" \
        --seconds "$BENCH_SECONDS" --warmup "$BENCH_WARMUP" --size "$BENCH_WS_SIZE" >"$OUT/$system-wsecho.out" 2>&1 || true
    $REPORT kv "$OUT/$system-wsecho.out" "$system" wsecho >>"$RESULTS"
    log "$system: WebSocket echo $(grep '^RESULT' "$OUT/$system-wsecho.out" || echo 'no result')"
}

measure_system() {  # SYSTEM
    local system=$1
    log "=== $system"
    if ! "start_$system"; then
        grep -q "^$system"$'\tstatus' "$RESULTS" || record "$system" status "n/a (did not start)"
        [[ ${SYS_PID:-0} != 0 ]] && { bench_stop "$SYS_PID"; bench_forget "$SYS_PID"; }
        return 0
    fi
    [[ $SYS_PID != 0 ]] && measure_idle_websockets "$system"
    measure_http "$system"
    measure_ws_echo "$system"
    if [[ $SYS_PID != 0 ]]; then bench_stop "$SYS_PID"; bench_forget "$SYS_PID"; fi
}

# ---------------------------------------------------------------------------------------------

bench_java_setup
log "results in $OUT"
record _run seconds "$BENCH_SECONDS"
record _run load "$(cut -d' ' -f1-3 /proc/loadavg)"
start_backend
for system in $BENCH_SYSTEMS; do
    SYS_PID=0
    measure_system "$system"
done
$REPORT proxy-table "$RESULTS" | tee "$OUT/table.txt"
echo
echo "raw output: $OUT"
