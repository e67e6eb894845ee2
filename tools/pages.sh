#!/usr/bin/env bash
# Every UI page under wrk at 10 connections (issue 13's target: p99 ≤ 50 ms on the
# bundled corpus), with the act JSON measured in the same run as the baseline. Prints a
# Markdown table with requests/s, p50, p99, errors and p99 against the baseline's.
#
#   cargo build --release && bash tools/pages.sh [SECONDS] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
port=${2:-8098}
bin=target/release/nusqa
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
index=$(mktemp -d)
state=$(mktemp -d)
"$bin" serve --addr "127.0.0.1:$port" --index "$index" --state "$state" --read-only >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$index" "$state"' EXIT
for _ in $(seq 150); do
    curl -sf "http://127.0.0.1:$port/api/acts" >/dev/null 2>&1 && break
    sleep 0.2
done
base="http://127.0.0.1:$port"
q=%D0%B6%D0%B0%D1%80%D1%8B%D0%BB%D1%8B%D1%81 # жарылыс
routes=(
    "baseline: act JSON|/api/acts/V1400010273?as_of=2026-01-15"
    "home|/?lang=kk"
    "Order 350 on 2026-01-15|/acts/V1400010273?as_of=2026-01-15&lang=kk"
    "Order 350, kk and ru side by side|/acts/V1400010273?as_of=2026-01-15&lang=ru&text=both"
    "Order 429 (amending act)|/acts/V2500037008?lang=kk"
    "search жарылыс on 2026-01-15|/search?q=$q&as_of=2026-01-15&lang=kk"
    "search, page 2|/search?q=$q&as_of=2026-01-15&lang=kk&page=2"
    "compare 2025-10-05 → 2026-01-15|/acts/V1400010273/diff?from=2025-10-05&to=2026-01-15&lang=kk"
    "services|/services?as_of=2026-01-15&lang=kk"
    "a service's passport|/services/V1400010273-att_1?as_of=2026-01-15&lang=kk"
    "a clause's history|/acts/V1400010273/history/att_1__para_6?as_of=2026-01-15&lang=kk"
)
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}' <<<"$1"; }
echo "| page | req/s | p50 | p99 | errors | p99 / baseline p99 |"
echo "|---|---|---|---|---|---|"
base_p99=""
for entry in "${routes[@]}"; do
    name=${entry%%|*}
    route=${entry#*|}
    out=$(wrk -t2 -c10 -d"${secs}s" --latency "$base$route")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
    p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
    sock=$(awk '/Socket errors/ {n=0; for (i=3;i<=NF;i++) {gsub(",","",$i); if ($i ~ /^[0-9]+$/) n+=$i}; print n}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    [ -z "$base_p99" ] && base_p99=$p99
    ratio=$(awk -v a="$p99" -v b="$base_p99" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
    echo "| $name | $rps | $p50 ms | $p99 ms | $(( ${sock:-0} + ${non2xx:-0} )) | $ratio |"
done
