#!/usr/bin/env bash
# Times the release tools the way /work/shared/baseline.md times the reference das2C tools:
# input file on stdin (in the page cache after a warm-up run), stdout to /dev/null.
# Prints a Markdown table: best wall time of RUNS runs, MB/s of input (10^6 bytes) for that
# run, the largest peak RSS of the runs (GNU time %M), and the 1-minute load average when the
# row started. The last rows give process start-up cost: each tool on a stream header alone.
#
# Environment: RUNS (default 3), STARTUP_RUNS (default 10), LOAD_MAX (default 1.5: wait for
# the load average to drop below it, up to LOAD_TRIES x 15 s, default 8, then run anyway),
# SKIP_BUILD=1 to reuse an existing release build.
# Needs the inputs of Benchmarks/make-inputs.sh and GNU time (/usr/bin/time, Debian package
# `time`).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
inputs="$here/.inputs"
runs=${RUNS:-3}
startup_runs=${STARTUP_RUNS:-10}
load_max=${LOAD_MAX:-1.5}
load_tries=${LOAD_TRIES:-8}

[[ -x /usr/bin/time ]] || { echo "GNU time is missing: apt-get install time" >&2; exit 1; }
for name in y4_1M yscan1024_100k y4_1M_ascii header_only; do
    [[ -s "$inputs/$name.d2s" ]] || { echo "missing $inputs/$name.d2s: run Benchmarks/make-inputs.sh" >&2; exit 1; }
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    swift build --package-path "$root" -c release -j 2 >&2
fi
bin=$(swift build --package-path "$root" -c release --show-bin-path)

tools=("das2_ascii" "das2_bin_avgsec 60" "das2_bin_peakavgsec 60" "das2_bin_avg 60000000")
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT

load1() { cut -d' ' -f1 /proc/loadavg; }

# Waits (a bounded time) for the machine to be quiet; the load is reported either way.
wait_for_quiet() {
    local try=0
    while (( try < load_tries )) && awk -v l="$(load1)" -v m="$load_max" 'BEGIN { exit !(l >= m) }'; do
        sleep 15
        try=$((try + 1))
    done
}

# Runs "$tool" (a program in the release bin directory, or an absolute path) on $input
# $count times; sets best (wall seconds) and rss (KiB, largest) and
# fails the row when the tool exits non-zero.
measure() {
    local input=$1 count=$2; shift 2
    local tool=("$@")
    [[ "${tool[0]}" == /* ]] || tool[0]="$bin/${tool[0]}"
    best="" rss=0 status=0
    "${tool[@]}" < "$input" > /dev/null 2>&1 || true   # warm-up
    for ((run = 0; run < count; run++)); do
        local start=$EPOCHREALTIME
        /usr/bin/time -f "%e %M" -o "$timing" "${tool[@]}" < "$input" > /dev/null 2>/dev/null \
            || status=$?
        local end=$EPOCHREALTIME
        local wall
        wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }')
        if [[ -z "$best" ]] || awk -v w="$wall" -v b="$best" 'BEGIN { exit !(w < b) }'; then best=$wall; fi
        local kib
        kib=$(tail -n 1 "$timing" | cut -d' ' -f2)
        if (( kib > rss )); then rss=$kib; fi
    done
}

echo "| input | command | wall s (best of $runs) | MB/s of input | peak RSS MiB | load 1 min |"
echo "|---|---|---:|---:|---:|---:|"
for name in y4_1M yscan1024_100k y4_1M_ascii; do
    input="$inputs/$name.d2s"
    size=$(stat -c %s "$input")
    for command in "${tools[@]}"; do
        wait_for_quiet
        load=$(load1)
        read -ra tool <<< "$command"
        measure "$input" "$runs" "${tool[@]}"
        if (( status != 0 )); then
            echo "| $name | \`$command\` | failed (exit $status) | | | $load |"
            continue
        fi
        awk -v n="$name" -v c="$command" -v w="$best" -v s="$size" -v r="$rss" -v l="$load" \
            'BEGIN { printf "| %s | `%s` | %.3f | %.0f | %.1f | %s |\n", n, c, w, s / 1e6 / w, r / 1024, l }'
    done
done

echo
echo "| start-up (header-only input) | command | wall ms (best of $startup_runs) | | peak RSS MiB | load 1 min |"
echo "|---|---|---:|---:|---:|---:|"
# /bin/true shows what the timing harness itself costs (fork, exec, GNU time).
for command in "${tools[@]}" /bin/true; do
    wait_for_quiet
    load=$(load1)
    read -ra tool <<< "$command"
    measure "$inputs/header_only.d2s" "$startup_runs" "${tool[@]}"
    if (( status != 0 )); then
        echo "| header_only | \`$command\` | failed (exit $status) | | | $load |"
        continue
    fi
    awk -v c="$command" -v w="$best" -v r="$rss" -v l="$load" \
        'BEGIN { printf "| header_only | `%s` | %.1f | | %.1f | %s |\n", c, w * 1000, r / 1024, l }'
done
