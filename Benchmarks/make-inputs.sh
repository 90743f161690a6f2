#!/usr/bin/env bash
# Writes the benchmark inputs of /work/shared/baseline.md into Benchmarks/.inputs/ (not committed):
#   y4_1M.d2s           1 000 000 records, 4 <y> planes          (28.0 MB)
#   yscan1024_100k.d2s    100 000 records, one 1024-item <yscan>  (410.8 MB)
#   y4_1M_ascii.d2s     1 000 000 records, 4 <y> planes, text    (84.0 MB)
#   header_only.d2s     the stream header of y4_1M.d2s alone, for process start-up cost
# Needs python3 with numpy. Existing files are kept; pass --force to regenerate them.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
generator="$here/../scripts/gen_stream.py"
out="$here/.inputs"
force=0
[[ "${1:-}" == "--force" ]] && force=1
mkdir -p "$out"

make_input() {
    local name=$1; shift
    local file="$out/$name.d2s"
    if [[ $force -eq 0 && -s "$file" ]]; then
        echo "kept    $file ($(stat -c %s "$file") bytes)"
        return
    fi
    python3 "$generator" "$@" > "$file.tmp"
    mv "$file.tmp" "$file"
    echo "wrote   $file ($(stat -c %s "$file") bytes)"
}

make_input y4_1M -n 1000000 --y 4 --seed 1
make_input yscan1024_100k -n 100000 --y 0 --yscan 1024 --seed 2
make_input y4_1M_ascii -n 1000000 --y 4 --ascii --seed 1

# The [00] packet is "[00]", six decimal digits of length, then that many bytes of XML.
length=$(head -c 10 "$out/y4_1M.d2s" | tail -c 6)
head -c $((10 + 10#$length)) "$out/y4_1M.d2s" > "$out/header_only.d2s"
echo "wrote   $out/header_only.d2s ($(stat -c %s "$out/header_only.d2s") bytes)"
