#!/usr/bin/env bash
# Load test of `nusqa serve` on loopback with wrk (Debian package `wrk`): the act page,
# the act JSON and a search, at 10 and 100 connections. Prints a Markdown table with
# requests/s, p50, p99 and errors (socket errors plus non-2xx answers).
#
#   cargo build --release && bash tools/load.sh [SECONDS] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
port=${2:-8097}
bin=target/release/nusqa
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
index=$(mktemp -d)
"$bin" serve --addr "127.0.0.1:$port" --index "$index" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$index"' EXIT
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/api/acts" >/dev/null 2>&1 && break
    sleep 0.2
done
base="http://127.0.0.1:$port"
# жарылыс ("explosion"), in force on 2026-01-15
search="/api/search?q=%D0%B6%D0%B0%D1%80%D1%8B%D0%BB%D1%8B%D1%81&as_of=2026-01-15"
echo "| route | connections | req/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
for route in "/acts/V1400010273?as_of=2026-01-15" "/api/acts/V1400010273?as_of=2026-01-15" "$search"; do
    for c in 10 100; do
        out=$(wrk -t2 -c"$c" -d"${secs}s" --latency "$base$route")
        rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
        p50=$(awk '$1=="50%" {print $2}' <<<"$out")
        p99=$(awk '$1=="99%" {print $2}' <<<"$out")
        sock=$(awk '/Socket errors/ {n=0; for (i=3;i<=NF;i++) {gsub(",","",$i); if ($i ~ /^[0-9]+$/) n+=$i}; print n}' <<<"$out")
        non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
        name=${route%%\?*}
        [ "$route" = "$search" ] && name="/api/search?q=жарылыс"
        echo "| \`$name\` | $c | $rps | $p50 | $p99 | $(( ${sock:-0} + ${non2xx:-0} )) |"
    done
done
