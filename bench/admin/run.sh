#!/usr/bin/env bash
# Admin page benchmark (issue 14): Ganymede's /hub/admin with BENCH_USERS users in headless
# Chromium (Debian's chromium + chromedriver), hub in process (SQLite, dummy authenticator).
#
#   bench/admin/run.sh                       full run: 100,000 users
#   BENCH_USERS=2000 bench/admin/run.sh      quick smoke run
#
# Prints "RESULT users=… first_page_ms=… search_ms=… sort_ms=…" and PASS/FAIL against the targets
# (first page < 300 ms after navigation, search keystroke to rows < 150 ms). JupyterHub 3.0's admin
# page (Debian ships its admin-react.js) is not measured by this script yet.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

BENCH_USERS=${BENCH_USERS:-100000}
BENCH_REPEAT=${BENCH_REPEAT:-7}

bench_init
OUT=$(bench_results_dir admin)
bench_java_setup
timeout 3600 "${BENCH_JAVA[@]}" -Xmx2g org.ganymede.browser.AdminPageBench "$BENCH_USERS" "$BENCH_REPEAT" \
    2>"$OUT/hub.log" | tee "$OUT/result.txt"
