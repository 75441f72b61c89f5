# What benches/build.sh and benches/corpus.sh both do, sourced by them: reading a site's inputs
# into the page cache, timing a command, the median of the runs, and one cold build of
# factsheet and of Hugo taking turns. Uses their variables: WORK (where the timings go),
# factsheet and hugo (the binaries), and appends to outputs, samples and hugo_samples.

# Reads every input of a site once, into the page cache.
warm() { find "$1" -type f -not -path '*/.factsheet-cache/*' -print0 | xargs -0 cat >/dev/null; }

# Runs a command under /usr/bin/time; prints "wall cpu peak_mb".
measure() {
    /usr/bin/time -o "$WORK/time.txt" -f 'TIME %e %U %S %M' "$@" >/dev/null 2>&1
    read -r _ wall user sys kb < <(grep '^TIME' "$WORK/time.txt")
    awk -v w="$wall" -v u="$user" -v s="$sys" -v k="$kb" 'BEGIN { printf "%.2f %.2f %.0f\n", w, u + s, k / 1024 }'
}

# The median line of "wall cpu peak" lines, by wall time.
median() { sort -n | awk '{ lines[NR] = $0 } END { print lines[int((NR + 1) / 2)] }'; }

# cold_turn SITE OUT HUGO_SITE HUGO_OUT: a cold build of SITE into OUT, then, when HUGO_OUT is
# not empty, Hugo's of HUGO_SITE into it; each after `sync`, with its inputs in the page cache.
cold_turn() {
    local site=$1 out=$2 hugo_site=$3 hugo_out=$4
    outputs+=("$out")
    rm -rf "$site/.factsheet-cache"
    warm "$site"
    sync
    samples+="$(measure "$factsheet" build --root "$site" --out "$out")"$'\n'
    if [ -n "$hugo_out" ]; then
        outputs+=("$hugo_out")
        rm -rf "$hugo_site/resources" "$hugo_site/.hugo_build.lock"
        warm "$hugo_site"
        sync
        hugo_samples+="$(measure "$hugo" --quiet -s "$hugo_site" -d "$hugo_out")"$'\n'
    fi
}
