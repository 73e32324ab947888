#!/usr/bin/env python3
"""Collects raw seed inputs for the fuzz targets into fuzz/seeds/<target>/
(git-ignored), from the bundled course (content/, book.toml), the guide
(docs/), the test fixtures (tests/fixtures, tests/browser/fixtures) and the
SUMMARY.md strings of the unit tests. `cargo fuzz cmin` then minimises them
into fuzz/corpus/<target>/, which is committed. See fuzz/README.md.

Run from the repository root: python3 fuzz/seeds.py
"""

import hashlib
import os
import re
import shutil

ROOTS = ["content", "docs", "tests/fixtures", "tests/browser/fixtures"]
OUT = "fuzz/seeds"

# A fenced block: the fence (3+ backticks or tildes), the info string, the body.
FENCE = re.compile(r"^(`{3,}|~{3,})([^\n]*)\n(.*?)^\1[ \t]*$", re.M | re.S)
# A Rust string literal of a unit test (SUMMARY.md texts in tests.rs).
RUST_STR = re.compile(r'"((?:[^"\\]|\\.)*)"', re.S)


def files(ext_or_name):
    for root in ROOTS + ["."]:
        if root == ".":
            candidates = [e for e in os.listdir(".") if os.path.isfile(e)]
        else:
            candidates = [
                os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
            ]
        for path in sorted(candidates):
            if path.endswith(ext_or_name):
                yield path


def save(target, data):
    os.makedirs(os.path.join(OUT, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    markdown = list(files(".md"))
    for path in markdown:
        text = read(path)
        # page: every Markdown file as it is, front matter and all.
        save("page", text)
        if os.path.basename(path) == "SUMMARY.md":
            save("summary", text)
        for m in FENCE.finditer(text):
            info, body = m.group(2).strip(), m.group(3)
            word = info.split()[0] if info.split() else ""
            # quiz_parse: the first line is the info string, the rest the block.
            if word == "quiz":
                save("quiz_parse", f"{info}\n{body}")
            # book_toml: the guide's TOML examples.
            if word == "toml":
                save("book_toml", body)
            # summary: the guide's SUMMARY.md examples.
            if word in ("markdown", "md") and re.search(r"^\s*[-*] \[", body, re.M):
                save("summary", body)
            # page: the guide's Markdown examples (quiz blocks inside them).
            if word in ("markdown", "md"):
                save("page", body)
    for path in files("book.toml"):
        save("book_toml", read(path))
    tests = "src/load/summary/tests.rs"
    for m in RUST_STR.finditer(read(tests)):
        raw = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda u: chr(int(u.group(1), 16)), m.group(1))
        raw = raw.replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")
        text = re.sub(r"\\\n\s*", "", raw)
        if "[" in text or "#" in text:
            save("summary", text)
    for target in sorted(os.listdir(OUT)):
        print(target, len(os.listdir(os.path.join(OUT, target))), "seeds")


if __name__ == "__main__":
    main()
