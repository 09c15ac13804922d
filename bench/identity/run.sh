#!/usr/bin/env bash
# Identity benchmark (issue 13): LDAP logins per second through Ganymede's login form, beside the
# directory's own bind rate and beside PAM logins, in one run on one machine.
#
#   sudo bench/identity/run.sh                         ~1 min: 5 s per cell (root: PAM needs a Unix account)
#   BENCH_SECONDS=2 bench/identity/run.sh              quick smoke run; without root the PAM row reads n/a
#
# Starts Debian's slapd (its own slapd.conf and BENCH_USERS users in a temporary directory, a free
# loopback port, tls_strategy 'insecure': the figure is the login path, not TLS), then per row:
#   direct   IdentityLoad binds straight to slapd (no hub): the floor under any LDAP login;
#   ldap     Ganymede with LDAPAuthenticator (bind_dn_template), form logins as user1..N;
#   pam      Ganymede with PAMAuthenticator, form logins as one throw-away account (root only;
#            created with the comment 'ganymede identity benchmark', removed at exit);
#   oidc     Ganymede with GenericOAuthenticator against mock-oauth2-server (OidcProvider, a real
#            OpenID Connect provider on loopback): login → provider → callback, a new user each time.
# Each measured cell follows an unmeasured BENCH_WARMUP-second run of the same kind.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

BENCH_SECONDS=${BENCH_SECONDS:-5}
BENCH_WARMUP=${BENCH_WARMUP:-2}
BENCH_USERS=${BENCH_USERS:-50}
BENCH_CONCURRENCY=${BENCH_CONCURRENCY:-8}
BENCH_START_TIMEOUT=${BENCH_START_TIMEOUT:-120}
BASE=dc=bench,dc=test
PEOPLE=ou=people,$BASE
MARK='ganymede identity benchmark'

bench_init
OUT=$(bench_results_dir identity)
RESULTS=$OUT/results.tsv
: >"$RESULTS"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; }
PAM_USER=""
cleanup_account() {
    [[ -n $PAM_USER ]] || return 0
    # Only an account carrying the benchmark's mark is ever removed.
    if getent passwd "$PAM_USER" | cut -d: -f5 | grep -qx "$MARK"; then
        pkill -KILL -u "$PAM_USER" 2>/dev/null || true
        userdel -r "$PAM_USER" 2>/dev/null || true
    fi
}
trap 'bench_cleanup; cleanup_account' EXIT

[[ -x /usr/sbin/slapd ]] || die "needs Debian's slapd: apt-get install -y slapd ldap-utils"

start_slapd() {
    local dir=$BENCH_TMP/slapd i
    mkdir -p "$dir/data"
    cat >"$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile $dir/slapd.pid
argsfile $dir/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
loglevel none
database mdb
maxsize 104857600
suffix "$BASE"
directory $dir/data
access to attrs=userPassword by anonymous auth by self auth by * none
access to * by * read
CONF
    {
        printf 'dn: %s\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: bench\n\n' "$BASE"
        printf 'dn: %s\nobjectClass: organizationalUnit\nou: people\n\n' "$PEOPLE"
        for ((i = 1; i <= BENCH_USERS; i++)); do
            printf 'dn: uid=user%d,%s\nobjectClass: inetOrgPerson\nuid: user%d\ncn: User %d\nsn: %d\nuserPassword: pw-user%d\n\n' \
                "$i" "$PEOPLE" "$i" "$i" "$i" "$i"
        done
    } >"$dir/data.ldif"
    slapadd -q -f "$dir/slapd.conf" -l "$dir/data.ldif" >"$OUT/slapadd.log" 2>&1 || { cat "$OUT/slapadd.log" >&2; die "slapadd failed"; }
    LDAP_PORT=$(free_port)
    # -d 0: stay in the foreground (so the run owns the process) without debug output.
    bench_start "$OUT/slapd.log" /usr/sbin/slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$LDAP_PORT/" -d 0
    local deadline=$((SECONDS + 30))
    until ldapwhoami -x -H "ldap://127.0.0.1:$LDAP_PORT/" -D "uid=user1,$PEOPLE" -w pw-user1 >/dev/null 2>&1; do
        ((SECONDS < deadline)) || die "slapd did not answer within 30 s; see $OUT/slapd.log"
        sleep 0.05
    done
    log "slapd on 127.0.0.1:$LDAP_PORT with $BENCH_USERS users"
}

load() {  # ROW COMMAND ARGS...: warm-up, then the measured run, its RESULT recorded under ROW
    local row=$1; shift
    local raw=$OUT/$row.out
    timeout 300 "${BENCH_JAVA[@]}" -Xmx256m org.ganymede.bench.IdentityLoad "$@" --seconds "$BENCH_WARMUP" \
        --concurrency "$BENCH_CONCURRENCY" >/dev/null 2>&1 || true
    timeout 300 "${BENCH_JAVA[@]}" -Xmx256m org.ganymede.bench.IdentityLoad "$@" --seconds "$BENCH_SECONDS" \
        --concurrency "$BENCH_CONCURRENCY" >"$raw" 2>&1 || true
    local result
    result=$(grep '^RESULT' "$raw" || true)
    if [[ -z $result ]]; then
        record "$row" status "n/a (no result; see $raw)"
        log "$row: no result: $(tail -2 "$raw")"
        return 0
    fi
    for kv in ${result#RESULT }; do record "$row" "${kv%%=*}" "${kv#*=}"; done
    log "$row: $result"
}

hub_row() {  # ROW EXTRA_CONFIG LOAD_ARGS...: a Ganymede hub with EXTRA_CONFIG, logins (LOGIN_KIND) through it
    local row=$1 extra=$2 dir=$BENCH_TMP/$1 port
    shift 2
    if [[ ! -x $GANYMEDE_BIN ]]; then record "$row" status "n/a (ganymede not built)"; return 0; fi
    mkdir -p "$dir"
    port=$(free_port)
    { bench_hub_config "$dir" "$port" "$(free_port)" "$(free_port)"; printf '%s\n' "$extra"; } >"$dir/jupyterhub_config.py"
    bench_start "$OUT/$row-hub.log" env -C "$dir" "$GANYMEDE_BIN" -f "$dir/jupyterhub_config.py"
    local hub=$BENCH_LAST_PID
    if ! wait_http_alive "$hub" "http://127.0.0.1:$port/hub/api/" "$BENCH_START_TIMEOUT"; then
        record "$row" status "n/a (hub did not start; see $OUT/$row-hub.log)"
    else
        load "$row" "${LOGIN_KIND:-login}" --url "http://127.0.0.1:$port" "$@"
    fi
    bench_stop "$hub"; bench_forget "$hub"
}

bench_java_setup
record _run load "$(cut -d' ' -f1-3 /proc/loadavg)"
start_slapd

load direct bind --host 127.0.0.1 --port "$LDAP_PORT" --template "uid={user},$PEOPLE" --users "$BENCH_USERS"

hub_row ldap "c.JupyterHub.authenticator_class = 'ldapauthenticator.LDAPAuthenticator'
c.LDAPAuthenticator.server_address = '127.0.0.1'
c.LDAPAuthenticator.server_port = $LDAP_PORT
c.LDAPAuthenticator.tls_strategy = 'insecure'
c.LDAPAuthenticator.bind_dn_template = ['uid={username},$PEOPLE']
c.Authenticator.allow_all = True" --users "$BENCH_USERS"

if [[ $(id -u) -eq 0 ]]; then
    PAM_USER=benchident$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
    PAM_PASSWORD=pw-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
    useradd -M -c "$MARK" -s /usr/sbin/nologin "$PAM_USER"
    printf '%s:%s\n' "$PAM_USER" "$PAM_PASSWORD" | chpasswd
    hub_row pam "c.JupyterHub.authenticator_class = 'pam'
c.Authenticator.allow_all = True" --user "$PAM_USER" --password "$PAM_PASSWORD"
else
    record pam status "n/a (needs root: a Unix account with a password)"
fi

OIDC_PORT=$(free_port)
bench_start "$OUT/oidc-provider.log" "${BENCH_JAVA[@]}" -Xmx256m org.ganymede.bench.OidcProvider serve --port "$OIDC_PORT"
OIDC_PID=$BENCH_LAST_PID
if wait_http_alive "$OIDC_PID" "http://127.0.0.1:$OIDC_PORT/default/.well-known/openid-configuration" 60; then
    LOGIN_KIND=oidc hub_row oidc "c.JupyterHub.authenticator_class = 'generic-oauth'
c.GenericOAuthenticator.oidc_issuer = 'http://127.0.0.1:$OIDC_PORT/default'
c.GenericOAuthenticator.client_id = 'bench-hub'
c.GenericOAuthenticator.client_secret = 'bench-secret'
c.GenericOAuthenticator.username_claim = 'sub'
c.Authenticator.allow_all = True"
else
    record oidc status "n/a (the OIDC provider did not start; see $OUT/oidc-provider.log)"
fi
bench_stop "$OIDC_PID"; bench_forget "$OIDC_PID"

# The table: logins (binds) per second, failures, and the share of the directory's own bind rate.
awk -F'\t' -v secs="$BENCH_SECONDS" -v conc="$BENCH_CONCURRENCY" -v users="$BENCH_USERS" '
    { v[$1 "." $2] = $3 }
    END {
        split("direct ldap pam oidc", rows, " ")
        name["direct"] = "LDAP bind straight to slapd (no hub)"
        name["ldap"] = "Ganymede login, LDAPAuthenticator"
        name["pam"] = "Ganymede login, PAMAuthenticator"
        name["oidc"] = "Ganymede login, OIDC (mock-oauth2-server)"
        printf "Identity logins: %s s per cell, %s concurrent, %s directory users, load %s\n\n", secs, conc, users, v["_run.load"]
        printf "%-40s %10s %8s %8s %12s\n", "row", "per s", "ok", "failed", "of direct"
        for (i = 1; i <= 4; i++) {
            r = rows[i]
            if ((r ".per_s") in v) {
                share = (v["direct.per_s"] > 0 && r != "oidc") ? sprintf("%.2fx", v[r ".per_s"] / v["direct.per_s"]) : "-"
                printf "%-40s %10s %8s %8s %12s\n", name[r], v[r ".per_s"], v[r ".ok"], v[r ".failed"], share
            } else {
                printf "%-40s %s\n", name[r], v[r ".status"]
            }
        }
    }' "$RESULTS" | tee "$OUT/table.txt"
echo
echo "raw output: $OUT"
