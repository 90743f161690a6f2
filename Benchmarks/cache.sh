#!/usr/bin/env bash
# Benchmarks the pre-reduced cache (release build, standalone server on loopback): one year of
# the bundled Examples/Spectrogram source (one 48-channel spectrum per second) at 60 s
# resolution, answered
#   1. from the reader: reader + in-process das2_bin_avgsec -r over 31.5 million spectra (the
#      request also queues the year's missing blocks in the embedded spool queue);
#   2. after das2_srv_arbiter has built those blocks (the build time is reported too): from the
#      365 daily blocks of the `60 s | daily` level, without running the reader.
# Prints the time, bytes and MB/s of each answer, the build time and the server's peak RSS.
# Environment: SKIP_BUILD=1 reuses the release build; START and STOP (default the year 2017).
# Needs curl.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
start=${START:-2017-01-01}
stop=${STOP:-2018-01-01}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    swift build --package-path "$root" -c release >&2
fi
bin=$(swift build --package-path "$root" -c release --show-bin-path)
state=$(mktemp -d)
out=$(mktemp)
trap 'kill "$pid" "${arbiter:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$state" "$out"' EXIT
XDG_STATE_HOME="$state" "$bin/das2-server" --port 0 --log-level error >"$out" 2>/dev/null &
pid=$!
for _ in $(seq 100); do [[ -s "$out" ]] && break; sleep 0.1; done
url=$(head -1 "$out")
url=${url%/}
conf="$state/das2kit/examples/etc/das2server.conf"
query="server=dataset&dataset=Examples/Spectrogram&start_time=$start&end_time=$stop&resolution=60"
echo "server: $url (pid $pid), load average $(cut -d' ' -f1 /proc/loadavg)"
echo "request: ?$query"

fetch() {
    curl -sf -o /dev/null -w '%{size_download} %{time_total}\n' "$url?$query"
}
report() {
    awk -v label="$1" -v size="$2" -v seconds="$3" \
        'BEGIN { printf "| %s | %.3f s | %d bytes | %.1f MB/s |\n", label, seconds, size, size / seconds / 1e6 }'
}

read -r size seconds < <(fetch)
report "from the reader" "$size" "$seconds"

echo "queued: $("$bin/das2_srv_todo" -c "$conf" -t 2>&1 | grep -c 'Examples/Spectrogram') tasks"
began=$(date +%s.%N)
"$bin/das2_srv_arbiter" -c "$conf" 2>"$state/arbiter.log" &
arbiter=$!
# The arbiter runs until stopped: wait until the queue and its working list are empty.
while true; do
    sleep 1
    listing=$("$bin/das2_srv_todo" -c "$conf" -t -w 2>&1)
    grep -q 'contains no tasks' <<<"$listing" && [[ $(grep -c 'contains no tasks' <<<"$listing") -ge 2 ]] && break
done
ended=$(date +%s.%N)
kill -TERM "$arbiter"
wait "$arbiter" || true
arbiter=
awk -v b="$began" -v e="$ended" 'BEGIN { printf "cache build (one das2_srv_arbiter, 365 daily blocks): %.1f s\n", e - b }'
grep -o 'Successfully processed [0-9]* of [0-9]* cache blocks' "$state/arbiter.log" | tail -1

read -r size seconds < <(fetch)
report "from the cache" "$size" "$seconds"
read -r size seconds < <(fetch)
report "from the cache (again)" "$size" "$seconds"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$pid/status")"
