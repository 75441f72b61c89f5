#!/usr/bin/env python3
"""The size of a built site by kind of file: files, bytes (apparent) and disk use (du's blocks).

    benches/sizes.py public/

Groups: article pages, per-article downloads by name, subject pages, kind pages, front pages,
search index (term buckets, record chunks), site-wide downloads, the rest. Averages of the
article, subject and front pages show the page targets of issue 17 at a glance.
"""
import os
import sys
from collections import defaultdict


def group(path):
    parts = path.split("/")
    name = parts[-1]
    if parts[0] == "articles":
        return "article pages" if name == "index.html" else "article downloads: " + name
    if parts[0] == "subjects":
        return "subject pages" if name.endswith(".html") else "subject downloads"
    if parts[0] == "kinds":
        return "kind pages" if name.endswith(".html") else "kind downloads"
    if parts[0] == "search" and len(parts) > 2:
        return "search: " + {"t": "term buckets", "r": "record chunks"}.get(parts[1], parts[1])
    if path == "index.html" or parts[0] == "page":
        return "front pages"
    if parts[0] == "downloads" or name.startswith("facts."):
        return "site-wide downloads"
    return "other"


def main():
    root = sys.argv[1]
    files = defaultdict(int)
    size = defaultdict(int)
    blocks = defaultdict(int)
    for folder, _, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, root)
            if rel == ".factsheet-output":
                continue
            st = os.stat(full)
            g = group(rel)
            files[g] += 1
            size[g] += st.st_size
            blocks[g] += st.st_blocks * 512
    print(f"{'group':<34} {'files':>8} {'MB':>9} {'MB on disk':>11} {'KB each':>9}")
    for g in sorted(files, key=lambda g: -size[g]):
        print(f"{g:<34} {files[g]:>8} {size[g] / 1e6:>9.1f} {blocks[g] / 1e6:>11.1f} {size[g] / files[g] / 1e3:>9.1f}")
    total_files = sum(files.values())
    print(f"{'total':<34} {total_files:>8} {sum(size.values()) / 1e6:>9.1f} {sum(blocks.values()) / 1e6:>11.1f}")
    front = os.path.join(root, "index.html")
    if os.path.exists(front):
        print(f"front page: {os.path.getsize(front) / 1e3:.1f} KB")


if __name__ == "__main__":
    main()
