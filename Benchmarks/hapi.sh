#!/usr/bin/env bash
# Benchmarks HAPI data throughput of the standalone server on loopback (release build): one
# bundled example dataset over a long range as HAPI CSV, binary and JSON, versus the das2 binary
# stream of the same das2 data query (same source, same range). Each request runs RUNS times; the
# fastest run is reported as records/s and MB/s (10^6 bytes/s of body). Records are counted from
# the bodies: CSV and JSON lines, binary bytes / record size, das2 data packets.
# Environment: SKIP_BUILD=1 reuses the release build; DATASET (default Examples/Random, one
# record per second), START and STOP (default ten days: 864 000 records); RUNS (default 3).
# Needs curl and python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dataset=${DATASET:-Examples/Random}
start=${START:-2017-01-01T00:00:00Z}
stop=${STOP:-2017-01-11T00:00:00Z}
runs=${RUNS:-3}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    swift build --package-path "$root" -c release --product das2-server >&2
fi
server="$root/.build/release/das2-server"
state=$(mktemp -d)
out=$(mktemp)
body="$state/body"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$state" "$out"' EXIT
XDG_STATE_HOME="$state" "$server" --port 0 --log-level error >"$out" 2>/dev/null &
pid=$!
for _ in $(seq 100); do [[ -s "$out" ]] && break; sleep 0.1; done
url=$(head -1 "$out")
url=${url%/}
echo "server: $url (pid $pid), load average $(cut -d' ' -f1 /proc/loadavg)"
echo "dataset $dataset, [$start, $stop), best of $runs runs"

# The binary record size from /info (27 bytes per isotime, 8 per double value).
record_bytes=$(curl -sf "$url/hapi/info?dataset=$dataset" | python3 -c '
import json, sys
size = 0
for p in json.load(sys.stdin)["parameters"]:
    count = 1
    for n in p.get("size", [1]):
        count *= n
    size += p["length"] if p["type"] in ("isotime", "string") else (4 if p["type"] == "integer" else 8) * count
print(size)')

# Data packets of a das2 binary stream: headers [NN] carry their length; a data packet :NN:
# is followed by one record whose size the packet header's plane encodings give.
count_das2='
import re, sys
data = open(sys.argv[1], "rb").read()
sizes, i, records = {}, 0, 0
width = {"little_double": 8, "sun_real8": 8, "double": 8, "real8": 8,
         "little_float": 4, "sun_real4": 4, "float": 4, "real4": 4}
def encoding_size(name):
    if name in width:
        return width[name]
    return int(re.sub(r"^\D+", "", name))
while i < len(data):
    tag = data[i:i + 4]
    if tag[:1] == b"[":
        length = int(data[i + 4:i + 10])
        xml = data[i + 10:i + 10 + length].decode()
        if tag != b"[00]":
            size = 0
            for plane in re.finditer(r"<(x|y|z|yscan)\b([^>]*)>", xml):
                attrs = dict(re.findall(r"(\w+)=\"([^\"]*)\"", plane.group(2)))
                size += encoding_size(attrs["type"]) * int(attrs.get("nitems", "1"))
            sizes[tag[1:3]] = size
        i += 10 + length
    elif tag[:1] == b":":
        i += 4 + sizes[tag[1:3]]
        records += 1
    else:
        sys.exit("unexpected byte at %d" % i)
print(records)'

# Runs a request RUNS times; prints one table row from the fastest run.
measure() {
    local label=$1 request=$2 counter=$3 best="" line size seconds records
    for _ in $(seq "$runs"); do
        line=$(curl -sf -o "$body" -w '%{size_download} %{time_total}' "$request")
        seconds=${line#* }
        if [[ -z "$best" ]] || python3 -c "import sys; sys.exit(not $seconds < ${best#* })"; then best=$line; fi
    done
    size=${best% *}
    seconds=${best#* }
    records=$($counter)
    python3 -c "
records, size, seconds = $records, $size, $seconds
print('| %-12s | %9d records | %11d bytes | %7.3f s | %10.0f records/s | %7.1f MB/s |'
      % ('$label', records, size, seconds, records / seconds, size / seconds / 1e6))"
}
count_lines() { wc -l <"$body"; }
count_json() { grep -c '^\[' "$body"; }
count_binary() { echo $(( $(stat -c %s "$body") / record_bytes )); }
count_stream() { python3 -c "$count_das2" "$body"; }

hapi="$url/hapi/data?dataset=$dataset&start=$start&stop=$stop"
das2="$url?server=dataset&dataset=$dataset&start_time=${start%Z}&end_time=${stop%Z}"
curl -sf -o /dev/null "$hapi&format=csv&parameters=Time"
measure "HAPI CSV" "$hapi" count_lines
measure "HAPI binary" "$hapi&format=binary" count_binary
measure "HAPI JSON" "$hapi&format=json" count_json
measure "das2 binary" "$das2" count_stream
