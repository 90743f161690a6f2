#!/usr/bin/env bash
# Benchmarks the standalone server on loopback (release build):
#   1. requests/s for ?server=list and ?server=dsdf with wrk (64 connections, 10 s), with two
#      wrk threads and with one (wrk then leaves the server more of the two cores);
#   2. time to first byte of a small data query through the server versus running the same
#      reader directly (median of N runs each), measured by Benchmarks/ttfb.py.
# The server serves the bundled examples from a temporary state directory.
# Environment: SKIP_BUILD=1 reuses the release build; DURATION (default 10s); RUNS (default 200).
# Needs wrk (Debian package wrk) and python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
duration=${DURATION:-10s}
runs=${RUNS:-200}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    swift build --package-path "$root" -c release --product das2-server >&2
fi
server="$root/.build/release/das2-server"
state=$(mktemp -d)
out=$(mktemp)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$state" "$out"' EXIT
XDG_STATE_HOME="$state" "$server" --port 0 --log-level error >"$out" 2>/dev/null &
pid=$!
for _ in $(seq 100); do [[ -s "$out" ]] && break; sleep 0.1; done
url=$(head -1 "$out")
echo "server: $url (pid $pid), load average $(cut -d' ' -f1 /proc/loadavg)"

for threads in 2 1; do
    for query in "server=list" "server=dsdf&dataset=Examples/Spectrogram"; do
        curl -sf "$url?$query" >/dev/null
        result=$(wrk -t"$threads" -c64 -d"$duration" "$url?$query")
        rps=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
        latency=$(awk '/Latency/ {print $2; exit}' <<<"$result")
        echo "| \`?$query\` | wrk -t$threads | $rps requests/s | mean latency $latency |"
    done
done
rss=$(awk '/VmHWM/ {print $2, $3}' "/proc/$pid/status")
echo "server peak RSS after the load: $rss"

python3 "$here/ttfb.py" "$url" "$server" "$runs"
