#!/usr/bin/env bash
# Issue 17's benchmark: `factsheet build` on the shared corpus (../shared/bench/gen_corpus.py,
# N articles in YAML flow style) against Hugo on the same articles (its `hugo-taxo` site),
# taking turns, on the ordinary disk.
#
#   benches/corpus.sh                     # N=10000, RUNS=3
#   N=100000 RUNS=1 benches/corpus.sh
#
# The corpus is generated into WORK (default /tmp/factsheet-corpus), never into the repository,
# and kept for the next run. Its first build extracts every article and writes the extraction
# records (a site as people commit it has them); the cold builds measured start from there,
# each into a fresh folder, after `sync` and with the inputs read once into the page cache.
# Outputs are deleted only when the run is over (see benches/README.md, "The disk").
# Prints the disk, a Markdown table (wall, CPU, peak memory: medians of RUNS by wall time; files
# and MB of the output), the output by kind of file (benches/sizes.py) and the bytes a search
# loads for its first results (benches/search_bytes.py).
set -euo pipefail

N=${N:-10000}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/factsheet-corpus}
repo=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$repo/../shared/bench/gen_corpus.py}

cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin factsheet
factsheet="$repo/target/release/factsheet"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get install -y time" >&2; exit 2; }
hugo=$(command -v hugo || true)
mkdir -p "$WORK"
if [ "$(stat -f -c %T "$WORK")" = tmpfs ]; then
    echo "warning: $WORK is on tmpfs; the issue's comparison is on the ordinary disk" >&2
fi

corpus="$WORK/corpus-$N"
if [ ! -d "$corpus/canonical" ]; then
    python3 "$GEN" "$N" "$corpus" --taxo >/dev/null
fi
site="$corpus/canonical"
hugo_site="$corpus/hugo-taxo"
outputs=()
trap 'rm -rf "${outputs[@]}"' EXIT
if [ ! -d "$site/content/.extracted" ]; then
    outputs+=("$WORK/first-$N")
    "$factsheet" build --root "$site" --out "$WORK/first-$N" >/dev/null 2>&1
fi

# shellcheck source=benches/common.sh
. "$repo/benches/common.sh"

samples=""; hugo_samples=""
for run in $(seq "$RUNS"); do
    out="$WORK/out-$N-$run-$$"
    hugo_out=""
    if [ -n "$hugo" ]; then hugo_out="$WORK/hugo-out-$N-$run-$$"; fi
    cold_turn "$site" "$out" "$hugo_site" "$hugo_out"
done

echo "disk: $(df -T "$WORK" | awk 'NR == 2 { print $1, $2 }'), $WORK"
echo
echo "| $N articles | wall | CPU | peak memory | output files | output MB (bytes) | output MB (du) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row() {
    read -r wall cpu peak <<<"$2"
    files=$(find "$3" -type f | wc -l)
    bytes=$(du -s --apparent-size --block-size=1M "$3" | cut -f1)
    blocks=$(du -sm "$3" | cut -f1)
    echo "| $1 | $wall s | $cpu s | $peak MB | $files | $bytes | $blocks |"
}
row "factsheet" "$(printf '%s' "$samples" | median)" "$out"
if [ -n "$hugo" ]; then
    row "Hugo $("$hugo" version | grep -o 'v[0-9.]*' | head -1)" "$(printf '%s' "$hugo_samples" | median)" "$hugo_out"
fi
echo
python3 "$repo/benches/sizes.py" "$out"
echo
python3 "$repo/benches/search_bytes.py" "$out"
