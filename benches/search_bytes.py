#!/usr/bin/env python3
"""The bytes a search loads for its first results, on a built site.

    benches/search_bytes.py public/ [QUERY ...]

For each query it does what static/search.js does for the first results in the search box:
the bucket of each word's key (search/t/<hex>.js), the buckets of the words a key points to
(a word found inside common longer words), and the record chunks (search/r/<n>.js) of the
first 12 results; then it prints the files and bytes loaded, with the number of matches. A
word typed letter by letter loads the bucket of each prefix's key too ("c", "cl", "clo"):
the "typed" column counts those as well, as a reader typing the query would load them. The
page (search.js, the HTML) is not counted. Without queries it runs a fixed list of common and
rare ones. Python 3, standard library only.
"""
import json
import os
import sys
import unicodedata

FIRST = 12
PER_CHUNK = 40
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
VALUE = {c: i for i, c in enumerate(DIGITS)}
QUERIES = [
    "revenue", "cloud revenue", "2024", "price cut", "q3", "a", "re", "share",
    "adyen", "adyen revenue 2024", "evenue", "downloads", "million", "employees",
    "market share 2023", "nimbus", "zzzz",
]


def fold(text):
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not 0x300 <= ord(c) <= 0x36F)


def fnv(key, buckets):
    h = 0x811C9DC5
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | (units[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h & (buckets - 1)


def numbers(text):
    if text.startswith("~"):
        return [(i * 6 + b) for i, c in enumerate(text[1:]) for b in range(6) if VALUE[c] & (1 << b)]
    out, nxt, gap, scale = [], 0, 0, 1
    for c in text:
        d = VALUE[c]
        gap += (d & 31) * scale
        scale *= 32
        if d >= 32:
            out.append(nxt + gap)
            nxt += gap + 1
            gap, scale = 0, 1
    return out


class Site:
    def __init__(self, root):
        self.root = root
        page = open(os.path.join(root, "index.html"), encoding="utf-8").read()
        self.buckets = int(page.split('data-buckets="')[1].split('"')[0])
        self.facts = int(page.split('data-facts="')[1].split('"')[0])
        self.cache = {}

    def load(self, name, loaded):
        path = os.path.join(self.root, "search", name + ".js")
        loaded[name] = os.path.getsize(path) if os.path.exists(path) else 0
        if name not in self.cache:
            if not os.path.exists(path):
                self.cache[name] = None
            else:
                text = open(path, encoding="utf-8").read()
                self.cache[name] = json.loads(text[text.index(",") + 1 : text.rindex(")")])
        return self.cache[name]

    def bucket(self, key, loaded):
        return self.load("t/%x" % fnv(key, self.buckets), loaded) or {}

    def word(self, word, loaded):
        chars = list(word)
        marks = {}

        def add(pair):
            for n in numbers(pair[0]):
                marks[n] = 2
            for n in numbers(pair[1]):
                marks.setdefault(n, 1)

        length = min(len(chars), 3)
        while True:
            key = "".join(chars[:length])
            entry = self.bucket(key, loaded).get(key)
            if not entry:
                return marks
            if len(chars) < 3:
                add(entry["w"])
                return marks
            if entry.get("s") and len(chars) == length:
                add(self.bucket(key + " ", loaded)[key + " "]["w"])
                return marks
            if not entry.get("s"):
                break
            length += 1
        for token, pair in entry.get("h", {}).items():
            if word in token:
                add(pair)
        for token, pair in entry.get("i", {}).items():
            if word in token:
                if isinstance(pair, str):
                    add(self.bucket(pair, loaded)[pair]["h"][token])
                else:
                    add(pair)
        return marks

    def search(self, query, loaded):
        words = fold(query).split()
        if not words:
            return []
        scored = [self.word(w, loaded) for w in words]
        found = []
        for n, first in scored[0].items():
            total = 0
            for marks in scored:
                if n not in marks:
                    break
                total += marks[n]
            else:
                found.append((-total, n))
        found.sort()
        results = [n for _, n in found]
        for n in results[:FIRST]:
            self.load("r/%d" % (n // PER_CHUNK), loaded)
        return results


def main():
    root = sys.argv[1]
    queries = sys.argv[2:] or QUERIES
    site = Site(root)
    print("| query | matches | files | KB, first results | KB, typed letter by letter |")
    print("|---|---:|---:|---:|---:|")
    worst = 0
    for query in queries:
        loaded = {}
        results = site.search(query, loaded)
        typed = dict(loaded)
        for end in range(1, len(query)):
            if not query[end - 1].isspace():
                site.search(query[:end], typed)
        kb = sum(loaded.values()) / 1000
        worst = max(worst, sum(typed.values()) / 1000)
        print(f"| `{query}` | {len(results)} | {len(loaded)} | {kb:.1f} | {sum(typed.values()) / 1000:.1f} |")
    print(f"\nmost loaded by one query typed letter by letter: {worst:.1f} KB")


if __name__ == "__main__":
    main()
