#!/usr/bin/env bash
# Benchmark of `factsheet build` on generated sites of N articles (examples/gen_site.rs), with
# the same site built by Hugo in the same run when `hugo` is installed.
#
#   benches/build.sh                      # N = 1000 10000 100000
#   SIZES="1000 10000" RUNS=3 benches/build.sh
#
# Sites above 10,000 articles are built BIG_RUNS times (default 1): one cold build of 100,000
# articles writes 7.5 GB.
#
# For each N: cold builds (no output folder, no manifest; median of RUNS), a build with nothing
# changed, and a build after one fact file's title changed; wall time, CPU time (user + system)
# and peak memory from /usr/bin/time (apt-get install -y time), pages per second of the cold
# build. Cold builds of factsheet and Hugo take turns, so that both meet the same load. Prints
# a Markdown table. WORK (default /tmp/factsheet-bench) holds the sites.
#
# Before each cold build the inputs of the site are read once, so that every build (and
# Hugo's) starts with them in the page cache, as after an edit: at 100,000 articles they are
# 1.3 GB, and a build that happens to find them evicted measures the disk, not the generator.
#
# OUT (default: WORK) is where the builds write. OUT=/dev/shm/factsheet-bench measures the
# generators without the disk; outputs on tmpfs are deleted as soon as the next build starts.
# Elsewhere every cold build writes into a folder of its own, and the outputs are deleted only
# when the run is over: on ext4 without a journal, new files skip the inodes freed in the last
# minutes (reading each one's deletion time to know), so whatever builds just after a large
# deletion pays for it, several times over.
set -euo pipefail

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/factsheet-bench}
OUT=${OUT:-$WORK}
HUGO_SIZES=${HUGO_SIZES:-$SIZES}
repo=$(cd "$(dirname "$0")/.." && pwd)

cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin factsheet --example gen_site
factsheet="$repo/target/release/factsheet"
gen="$repo/target/release/examples/gen_site"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get install -y time" >&2; exit 2; }
hugo=$(command -v hugo || true)
mkdir -p "$WORK" "$OUT"
on_tmpfs=""
if [ "$(stat -f -c %T "$OUT")" = tmpfs ]; then on_tmpfs=1; fi

# shellcheck source=benches/common.sh
. "$repo/benches/common.sh"

printf '| articles | pages (files, MB) | cold build | CPU | peak memory | pages/s | nothing changed | one YAML changed (files written) | Hugo %s | Hugo peak | factsheet / Hugo |\n' \
    "$([ -n "$hugo" ] && "$hugo" version | grep -o 'v[0-9.]*' | head -1)"
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
outputs=()
trap 'rm -rf "${outputs[@]}"' EXIT
for n in $SIZES; do
    site="$WORK/site-$n"
    hugo_site="$WORK/hugo-$n"
    if [ ! -d "$site" ]; then
        rm -rf "$hugo_site"
        "$gen" "$n" "$site" --hugo "$hugo_site" >/dev/null
        # The first build extracts nothing new but writes the extraction records; a real site
        # has them, so the cold builds below start from there.
        "$factsheet" build --root "$site" --out "$OUT/first-$n" >/dev/null
        outputs+=("$OUT/first-$n")
    elif [ -n "$hugo" ] && [ ! -d "$hugo_site" ]; then
        # The same articles again (the generator is deterministic), for the Hugo site only.
        "$gen" "$n" "$OUT/regenerated-$n" --hugo "$hugo_site" >/dev/null
        outputs+=("$OUT/regenerated-$n")
    fi
    use_hugo=""
    if [ -n "$hugo" ] && [[ " $HUGO_SIZES " == *" $n "* ]]; then use_hugo=1; fi
    samples=""; hugo_samples=""
    runs=$RUNS
    if [ "$n" -gt 10000 ]; then runs=${BIG_RUNS:-1}; fi
    for run in $(seq "$runs"); do
        if [ -n "$on_tmpfs" ] && [ "$run" -gt 1 ]; then
            # Memory: three builds of 100,000 articles do not fit in it side by side.
            rm -rf "$out" "${hugo_out:-}"
        fi
        out="$OUT/out-$n-$run-$$"
        hugo_out=""
        if [ -n "$use_hugo" ]; then hugo_out="$OUT/hugo-out-$n-$run-$$"; fi
        cold_turn "$site" "$out" "$hugo_site" "$hugo_out"
    done
    read -r wall cpu peak <<<"$(printf '%s' "$samples" | median)"
    pages=$(find "$out" -name '*.html' | wc -l)
    files=$(find "$out" -type f | wc -l)
    mb=$(du -sm "$out" | cut -f1)
    read -r same _ _ <<<"$(measure "$factsheet" build --root "$site" --out "$out")"
    yaml="$site/content/article-000007.yaml"
    sed -i "s/^  title: .*/  title: \"Edited $(date +%s%N)\"/" "$yaml"
    written=$("$factsheet" build --root "$site" --out "$out" | grep -o '[0-9]* written' | cut -d' ' -f1)
    sed -i "s/^  title: .*/  title: \"Edited again $(date +%s%N)\"/" "$yaml"
    read -r one _ _ <<<"$(measure "$factsheet" build --root "$site" --out "$out")"
    hugo_cell="-"; hugo_peak="-"; ratio="-"
    if [ -n "$use_hugo" ]; then
        read -r hwall _ hpeak <<<"$(printf '%s' "$hugo_samples" | median)"
        hugo_cell="$hwall s"; hugo_peak="$hpeak MB"
        ratio=$(awk -v a="$wall" -v b="$hwall" 'BEGIN { printf "%.2f", a / b }')
    fi
    pps=$(awk -v p="$pages" -v w="$wall" 'BEGIN { printf "%.0f", p / w }')
    printf '| %s | %s (%s, %s MB) | %s s | %s s | %s MB | %s | %s s | %s s (%s) | %s | %s | %s |\n' \
        "$n" "$pages" "$files" "$mb" "$wall" "$cpu" "$peak" "$pps" "$same" "$one" "$written" \
        "$hugo_cell" "$hugo_peak" "$ratio"
    if [ -n "$on_tmpfs" ]; then
        # Memory, not disk: the next size needs it.
        rm -rf "${outputs[@]}"
        outputs=()
    fi
done
