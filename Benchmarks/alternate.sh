#!/usr/bin/env bash
# Alternates wrk between running servers, ROUNDS times, and prints each round's requests/s and
# the means: the way to compare two builds (or a build and Benchmarks' HummingbirdBaseline) on
# a VM whose speed drifts within minutes.
#   Benchmarks/alternate.sh ROUNDS URL [URL ...]
# Environment: DURATION per run (default 4s); THREADS, wrk's threads (default 2). Needs wrk.
set -euo pipefail
rounds=$1
shift
duration=${DURATION:-4s}
threads=${THREADS:-2}
for round in $(seq "$rounds"); do
    line="round $round"
    for url in "$@"; do
        line="$line $(wrk -t"$threads" -c64 -d"$duration" "$url" | awk '/Requests\/sec/ {printf "%.0f", $2}')"
    done
    echo "$line"
done | awk '{print; for (i = 3; i <= NF; i++) sum[i] += $i; n++; fields = NF}
    END {printf "mean"; for (i = 3; i <= fields; i++) printf " %.0f", sum[i] / n; printf "\n"}'
