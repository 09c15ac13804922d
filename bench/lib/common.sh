# Shared helpers for bench/proxy/run.sh and bench/hub/run.sh. Source it; do not run it.
#
# Every process a script starts goes through bench_start, which puts it in its own session
# (setsid) and records its id; bench_cleanup (installed as an EXIT trap) stops exactly those
# process groups: TERM, a bounded wait, then KILL. Nothing is ever killed by name.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
PY=/usr/bin/python3            # Debian's python3; stdlib only is used
REPORT="$PY $BENCH_DIR/lib/report.py"

# The Ganymede launcher the lead writes; GANYMEDE_BIN overrides it (e.g. another checkout's).
GANYMEDE_BIN=$(realpath -m "${GANYMEDE_BIN:-$REPO_DIR/bin/ganymede}")

declare -a BENCH_PIDS=()

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

bench_results_dir() {  # $1 = kind (proxy|hub); prints a fresh directory under bench/results
    local dir="$BENCH_DIR/results/$1-$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$dir" && printf '%s\n' "$dir"
}

# ---------------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------------

# bench_start LOGFILE CMD...: start CMD in its own session, stdout+stderr to LOGFILE; sets BENCH_LAST_PID.
bench_start() {
    local logfile=$1; shift
    setsid "$@" >"$logfile" 2>&1 </dev/null &
    BENCH_LAST_PID=$!
    BENCH_PIDS+=("$BENCH_LAST_PID")
}

# bench_stop PID: stop the process group PID leads (TERM, up to 10 s, then KILL).
bench_stop() {
    local pid=$1 i
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 100; i++)); do
        kill -0 -- "-$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

bench_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do bench_stop "$pid"; done
    BENCH_PIDS=()
    [[ -n ${BENCH_TMP:-} && -d $BENCH_TMP ]] && rm -rf "$BENCH_TMP"
}

# forget PID after it was stopped on purpose (so cleanup does not signal a reused id)
bench_forget() {
    local pid=$1 kept=() p
    for p in "${BENCH_PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
    BENCH_PIDS=("${kept[@]}")
}

bench_init() {  # call once at the top of a run script
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    BENCH_TMP=$(mktemp -d /tmp/ganymede-bench.XXXXXX)
    # 2,000 idle WebSockets cost ~6,000 descriptors across client, proxy and backend.
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------
# Ports and waiting (every wait is bounded)
# ---------------------------------------------------------------------------------------------

declare -A BENCH_PORTS_GIVEN=()
free_port() {  # a port nobody listens on now, never the same one twice in a run
    local port
    while :; do
        port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        [[ -z ${BENCH_PORTS_GIVEN[$port]:-} ]] && break
    done
    BENCH_PORTS_GIVEN[$port]=1
    printf '%s\n' "$port"
}

# wait_http URL TIMEOUT_S [CURL_ARGS...]: until URL answers 2xx; returns 1 on timeout.
wait_http() {
    local url=$1 timeout=$2; shift 2
    local deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        curl -fs -o /dev/null --max-time 2 "$@" "$url" && return 0
        sleep 0.02
    done
    return 1
}

# wait_http_alive PID URL TIMEOUT_S [CURL_ARGS...]: as wait_http, but gives up at once when PID exits.
wait_http_alive() {
    local pid=$1 url=$2 timeout=$3; shift 3
    local deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        curl -fs -o /dev/null --max-time 2 "$@" "$url" && return 0
        kill -0 "$pid" 2>/dev/null || { log "process $pid exited before $url answered"; return 1; }
        sleep 0.02
    done
    return 1
}

# wait_line FILE REGEX TIMEOUT_S: until a line of FILE matches; prints it; returns 1 on timeout.
wait_line() {
    local file=$1 regex=$2 timeout=$3
    local deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if grep -Em1 "$regex" "$file" 2>/dev/null; then return 0; fi
        sleep 0.05
    done
    return 1
}

now_ns() { date +%s%N; }

# ---------------------------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------------------------

descendants() {  # PID and all its descendants, one per line
    local pid=$1 child
    printf '%s\n' "$pid"
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do descendants "$child"; done
}

rss_kib() {  # VmRSS of one process in KiB (0 when gone)
    awk '/^VmRSS:/ {print $2; found=1} END {if (!found) print 0}' /proc/"$1"/status 2>/dev/null || echo 0
}

tree_rss_kib() {  # sum of VmRSS over PID and its descendants
    local total=0 p
    for p in $(descendants "$1"); do total=$((total + $(rss_kib "$p"))); done
    printf '%s\n' "$total"
}

# ---------------------------------------------------------------------------------------------
# Java bench tools (src/test/java/org/ganymede/bench)
# ---------------------------------------------------------------------------------------------

# The dependency plugin does not resolve offline here (its own dependencies are not in ~/.m2),
# so the classpath file falls back to the one maven-compiler-plugin prints in debug mode.
bench_classpath_file() {
    local cpfile="$REPO_DIR/target/bench.classpath"
    if [[ -s $cpfile && $cpfile -nt $REPO_DIR/pom.xml ]]; then return 0; fi
    if (cd "$REPO_DIR" && mvn -o -q dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null 2>&1) && [[ -s $cpfile ]]; then
        return 0
    fi
    log "maven-dependency-plugin is not resolvable offline; taking the classpath from maven-compiler-plugin's debug output"
    touch "$REPO_DIR"/src/test/java/org/ganymede/bench/*.java
    (cd "$REPO_DIR" && mvn -o -X test-compile 2>/dev/null) \
        | sed -n 's/.*-d [^ ]*test-classes -classpath \([^ ]*\).*/\1/p' | head -1 \
        | tr ':' '\n' | grep -v '/target/\(test-\)\?classes$' | paste -sd: >"$cpfile"
    [[ -s $cpfile ]] || die "could not determine the test classpath; run 'mvn -o -X test-compile' in $REPO_DIR and look for '-classpath'"
}

bench_java_setup() {
    [[ -x $JAVA ]] || die "no java at $JAVA; set JAVA_HOME to a JDK 21+"
    log "compiling bench tools (mvn -o -q test-compile)"
    (cd "$REPO_DIR" && mvn -o -q test-compile >"$BENCH_TMP/mvn.log" 2>&1) || { cat "$BENCH_TMP/mvn.log" >&2; die "test-compile failed"; }
    bench_classpath_file
    BENCH_CP="$REPO_DIR/target/test-classes:$REPO_DIR/target/classes:$(cat "$REPO_DIR/target/bench.classpath")"
    bench_java_array
}

# "${BENCH_JAVA[@]}" org.ganymede.bench.Tool ARGS... runs a bench tool (set by bench_java_setup).
bench_java_array() {
    BENCH_JAVA=("$JAVA" -XX:+UseSerialGC -Xss512k -Dlogback.configurationFile="$BENCH_DIR/lib/logback-bench.xml" --enable-native-access=ALL-UNNAMED
        --sun-misc-unsafe-memory-access=allow -cp "$BENCH_CP")
}

# bench_start_jupyterhub DIR LOG: Debian's JupyterHub 3.0 on DIR/jupyterhub_config.py, run in DIR;
# sets HUB_PID, or records why it cannot run and returns 1 (the caller's `record` must exist).
bench_start_jupyterhub() {
    [[ -x /usr/bin/jupyterhub ]] || { record jupyterhub status "n/a (not installed)"; return 1; }
    # NODE_PATH: Debian's configurable-http-proxy needs it with the node 20 installed here.
    bench_start "$2" env -C "$1" NODE_PATH=/usr/share/nodejs /usr/bin/jupyterhub -f "$1/jupyterhub_config.py"
    HUB_PID=$BENCH_LAST_PID
}

# bench_hub_config DIR PUBLIC_PORT HUB_PORT PROXY_API_PORT: the lines every benchmark's
# jupyterhub_config.py starts with (loopback ports, SQLite and cookie secret in DIR, dummy login);
# literal syntax only, so JupyterHub and Ganymede's safe reader take the same file.
bench_hub_config() {
    cat <<EOF
c = get_config()
c.JupyterHub.ip = '127.0.0.1'
c.JupyterHub.port = $2
c.JupyterHub.hub_ip = '127.0.0.1'
c.JupyterHub.hub_port = $3
c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:$4'
c.JupyterHub.db_url = 'sqlite:///$1/jupyterhub.sqlite'
c.JupyterHub.cookie_secret_file = '$1/jupyterhub_cookie_secret'
c.JupyterHub.authenticator_class = 'dummy'
EOF
}
