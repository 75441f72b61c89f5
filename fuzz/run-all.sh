#!/bin/sh
# Runs each fuzz target for ten minutes, one after the other, at low priority, starting from
# the kept corpus/ and adding what it finds to corpus-work/ (ignored by git). Works on stable
# Rust: RUSTC_BOOTSTRAP=1 lets it take the -Z flags cargo-fuzz passes.
cd "$(dirname "$0")"
for target in "$@"; do
  mkdir -p artifacts/$target corpus-work/$target
  RUSTC_BOOTSTRAP=1 nice -n 15 cargo fuzz run -O $target corpus-work/$target corpus/$target -- \
    -max_total_time=600 -timeout=10 -rss_limit_mb=1024 -max_len=65536 -print_final_stats=1 \
    > /tmp/fuzz-$target.log 2>&1
  echo "$target exit $?" >> /tmp/fuzz-status.log
done
