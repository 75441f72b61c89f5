#!/bin/sh
# Runs each fuzz target for ten minutes, one after the other, at low priority.
cd "$(dirname "$0")"
for target in "$@"; do
  mkdir -p artifacts/$target
  nice -n 15 cargo +nightly fuzz run -O $target corpus-work/$target -- \
    -max_total_time=600 -timeout=10 -rss_limit_mb=1024 -max_len=65536 -print_final_stats=1 \
    > /tmp/fuzz-$target.log 2>&1
  echo "$target exit $?" >> /tmp/fuzz-status.log
done
