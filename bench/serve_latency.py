#!/usr/bin/env python3
"""Edit-to-reload latency of `kurssi serve`.

Copies a course to a temporary folder, gives the copy a theme override, starts
`kurssi serve` on it and listens to the live-reload event stream the way an
open page does. For each kind of edit it saves a file and measures the time
from the end of the save to the `reload` event:

- body:  one page's text (a new sentence at its end);
- title: one page's title (front matter), which other pages show in their
         navigation: the edited page's reload, and a neighbour page's reload
         once the navigation of every page is redone;
- css:   a stylesheet of the theme (served anew, nothing is rendered);
- template: the theme's base template, which every page extends (a comment
            is added to its output, so every page's bytes change: every open
            page must reload).

It also prints the server's resident memory after the start and after the
edits, with its peak (Linux, from /proc).

Usage:
    python3 bench/serve_latency.py --kurssi target/release/kurssi --root /tmp/c10k
    python3 bench/serve_latency.py --root . --runs 9

Only the standard library. The server is always stopped at the end.
"""

import argparse
import os
import re
import select
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def start(kurssi, root, port, log):
    proc = subprocess.Popen(
        [kurssi, "serve", root, "-p", str(port)],
        stdout=subprocess.PIPE,
        stderr=log,
        env=dict(os.environ, NO_COLOR="1"),
    )
    started = time.perf_counter()
    deadline = started + 600
    line = b""
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if ready:
            line = proc.stdout.readline()
            break
        if proc.poll() is not None:
            break
    m = re.search(rb"http://[^:]+:(\d+)/", line)
    if not m:
        proc.kill()
        sys.exit(f"kurssi serve did not start; see {log.name}")
    return proc, int(m.group(1)), time.perf_counter() - started


class Events:
    """One page's live-reload event stream."""

    def __init__(self, port, page):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(f"GET /__kurssi/events?path={page} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        self.buf = b""
        self.wait("hello", 30)

    def _event(self, timeout):
        """The next whole event's name, or None when none came in time."""
        deadline = time.perf_counter() + timeout
        while True:
            self.buf = self.buf.replace(b"\r\n", b"\n")
            end = self.buf.find(b"\n\n")
            if end >= 0:
                block, self.buf = self.buf[:end], self.buf[end + 2 :]
                for line in block.split(b"\n"):
                    if line.startswith(b"event: "):
                        return line[7:].decode()
                continue
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, TimeoutError):
                return None
            if not chunk:
                raise RuntimeError("the event stream closed")
            self.buf += chunk

    def wait(self, name, timeout):
        """Reads events until one called `name`; returns the time it arrived."""
        deadline = time.perf_counter() + timeout
        while True:
            event = self._event(max(0.0, deadline - time.perf_counter()))
            if event is None:
                raise RuntimeError(f"no {name} event within {timeout} s")
            if event == name:
                return time.perf_counter()

    def drain(self, seconds):
        """Reads whatever arrives within `seconds` and forgets it."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            if self._event(left) is None:
                return

    def close(self):
        self.sock.close()


def save(path, text):
    """Saves as editors do (temporary file renamed over the old); returns when it is saved."""
    tmp = path + ".tmp~"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
    return time.perf_counter()


def with_title(text, title):
    """The page with this title in its front matter."""
    for fence, line in (("---", f"title: {title}"), ("+++", f'title = "{title}"')):
        end = text.find("\n" + fence, len(fence))
        if text.startswith(fence + "\n") and end > 0:
            keys = [k for k in text[len(fence) + 1 : end].split("\n") if k and not re.match(r"title\s*[:=]", k)]
            return "\n".join([fence, line] + keys) + text[end:]
    return f"---\ntitle: {title}\n---\n" + text


def memory(pid):
    """Resident memory now and its peak so far (MiB), from /proc (Linux)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        mib = lambda k: int(fields[k].split()[0]) / 1024
        return mib("VmRSS"), mib("VmHWM")
    except (OSError, KeyError, ValueError):
        return None


def summary(ms):
    ms = sorted(ms)
    return f"median {statistics.median(ms):7.1f} ms   min {ms[0]:7.1f}   max {ms[-1]:7.1f}   (n={len(ms)})"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kurssi", default=os.path.join(here, "..", "target", "release", "kurssi"))
    ap.add_argument("--root", required=True, help="the course (book.toml folder); it is copied, never changed")
    ap.add_argument("--page", help="page to edit, relative to the source folder (default: the second page found)")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--settle", type=float, default=1.0, help="seconds to let the server idle between edits")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="kurssi-latency-")
    root = os.path.join(work, "course")
    shutil.copytree(args.root, root, ignore=shutil.ignore_patterns("book", "target", ".git"))
    src_name = "src"
    with open(os.path.join(root, "book.toml"), encoding="utf-8") as f:
        book = f.read()
    m = re.search(r'^src\s*=\s*"([^"]+)"', book, re.M)
    if m:
        src_name = m.group(1)
    if "[course]" in book:
        sys.exit("the course already has [course]; give it a theme folder by hand")
    with open(os.path.join(root, "book.toml"), "a", encoding="utf-8") as f:
        f.write('\n[course]\ntheme = "latency"\n')
    theme_css = os.path.join(root, "themes", "latency", "static", "latency.css")
    os.makedirs(os.path.dirname(theme_css))
    with open(theme_css, "w") as f:
        f.write("/* latency */\n")
    # An override of the default theme's base template, to edit.
    theme_tpl = os.path.join(root, "themes", "latency", "templates", "base.html")
    os.makedirs(os.path.dirname(theme_tpl))
    shutil.copy(os.path.join(here, "..", "themes", "default", "templates", "base.html"), theme_tpl)
    src = os.path.join(root, src_name)
    pages = sorted(
        os.path.relpath(os.path.join(d, n), src)
        for d, _, names in os.walk(src)
        for n in names
        if n.endswith(".md") and n not in ("SUMMARY.md", "README.md", "index.md")
    )
    page = args.page or pages[1]
    neighbour = next(p for p in pages if p != page and os.path.dirname(p) == os.path.dirname(page))
    html = lambda p: "/" + p[:-3] + ".html"
    page_file = os.path.join(src, page)
    with open(page_file, encoding="utf-8") as f:
        original = f.read()

    log = open(os.path.join(work, "serve.log"), "w")
    proc, port, startup = start(args.kurssi, root, args.port, log)
    print(f"course: {args.root} ({len(pages)} lesson pages); edited page: {page}")
    print(f"serve started (initial build) in {startup * 1000:.0f} ms")
    mem = memory(proc.pid)
    if mem:
        print(f"memory after start: {mem[0]:.0f} MiB resident, peak {mem[1]:.0f} MiB")
    results = {}
    try:
        ev = Events(port, html(page))
        other = Events(port, html(neighbour))
        for kind in ("body", "title", "css", "template"):
            own, rest = [], []
            for run in range(args.runs):
                if kind == "body":
                    t0 = save(page_file, original + f"\nEdited sentence number {run}.\n")
                elif kind == "title":
                    t0 = save(page_file, with_title(original, f"Edited title {run}"))
                else:
                    with open(theme_css if kind == "css" else theme_tpl, "a") as f:
                        f.write(f"/* edit {run} */\n" if kind == "css" else f"<!-- edit {run} -->\n")
                    t0 = time.perf_counter()
                own.append((ev.wait("reload", 600) - t0) * 1000)
                if kind != "body":
                    try:
                        rest.append((other.wait("reload", 120) - t0) * 1000)
                    except RuntimeError:
                        pass
                ev.drain(args.settle)
                other.drain(0.01)
            results[kind] = (own, rest)
            print(f"{kind:8}  edited page reload:   {summary(own)}")
            if rest:
                print(f"{kind:8}  other pages reloaded: {summary(rest)}")
            save(page_file, original)
            ev.drain(args.settle)
            other.drain(0.01)
        mem = memory(proc.pid)
        if mem:
            print(f"memory after the edits: {mem[0]:.0f} MiB resident, peak {mem[1]:.0f} MiB")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
