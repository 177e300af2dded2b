#!/usr/bin/env python3
"""Peak memory of one hostile file: does any input cost more than a bounded multiple of --max-file-mb?

Generates (never commits) one big file per case into a folder of its own and runs
`wavelength run FOLDER --max-file-mb M --threads 1` on each, measuring the process's
peak resident set (getrusage of the child) and its wall time. The cost of a file is
its peak minus the peak of a run over one small page (the program's fixed cost:
lexicons, dictionaries, MeCab), and is reported as a multiple of the limit M.

Cases (sizes scale with --mb, the size of the big inputs, default 50):
  one-line     a page whose article is one line of MB MiB of words
  no-spaces    a page whose article is one MB MiB word (no space at all)
  tags         MB MiB of tiny <p> elements on one line (DOM size)
  cjk          a page of MB MiB of Japanese text without spaces
  text         a .txt file of MB MiB of words on one line
  gz           a .html.gz expanding to 1.2 x MB MiB (the issue's 60 MB)
  feed         an RSS feed of MB MiB of small items
  attributes   one element with MB MiB of attribute values
  under-text   a page whose article is one line of words just under the text limit
               (a sixteenth of --limit, less 64 KiB): analysed, the costliest input read

usage: scripts/memory_bound.py [--bin PATH] [--mb 50] [--limit 64] [--cases a,b] [--work DIR]
Prints one row per case; exit 1 when a case costs more than --bound x the limit
(default 8) or a run ends without a summary.
"""
import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1 << 20

WORDS = ("harbour ferry timetable winter schedule crossings operator festival drama series "
         "audience streaming culture exports music concert tour fans broadcaster").split()
JA = "韓国のドラマが日本で人気を集めている。配信サービスの視聴者は昨年より増えた。"


def words(size: int) -> bytes:
    out = bytearray()
    i = 0
    while len(out) < size:
        out += WORDS[i % len(WORDS)].encode() + (b". " if i % 23 == 22 else b" ")
        i += 1
    return bytes(out[:size])


def repeat(unit: bytes, size: int) -> bytes:
    return unit * max(1, size // len(unit))


def page(body: bytes) -> bytes:
    return (b"<html><head><title>Long page</title></head><body><article><p>" + body
            + b"</p></article></body></html>")


def make(case: str, folder: Path, mb: int, limit: int = 64) -> Path:
    size = mb * MIB
    folder.mkdir(parents=True, exist_ok=True)
    if case == "one-line":
        path, data = folder / "one-line.html", page(words(size))
    elif case == "no-spaces":
        path, data = folder / "no-spaces.html", page(b"a" * size)
    elif case == "tags":
        path, data = folder / "tags.html", b"<html><body><div>" + repeat(b"<p>a</p>", size) + b"</div></body></html>"
    elif case == "cjk":
        path, data = folder / "cjk.html", page(repeat(JA.encode(), size))
    elif case == "text":
        path, data = folder / "text.txt", words(size)
    elif case == "gz":
        path, data = folder / "big.html.gz", gzip.compress(page(words(size * 6 // 5)), compresslevel=9)
    elif case == "feed":
        item = (b"<item><title>Ferry news</title><link>https://news.example/a</link>"
                b"<description>The harbour ferry timetable changes next week.</description></item>")
        path, data = folder / "feed.rss", (b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                                           + repeat(item, size) + b"</channel></rss>")
    elif case == "attributes":
        path, data = folder / "attributes.html", page(b'<span title="' + b"x" * size + b'">text</span> more words here')
    elif case == "under-text":
        path, data = folder / "under-text.html", page(words(limit * MIB // 16 - 64 * 1024))
    elif case == "small":
        path, data = folder / "small.html", page(words(4000))
    else:
        raise SystemExit(f"unknown case {case}")
    path.write_bytes(data)
    return path


def measure(binary: str, corpus: Path, out: Path, limit: int) -> tuple[int, float, int, dict]:
    """(peak RSS bytes, wall seconds, exit status, summary) of one run."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.monotonic()
    proc = subprocess.Popen([binary, "run", str(corpus), "-o", str(out), "-q", "--threads", "1",
                             "--max-file-mb", str(limit)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    try:
        summary = json.loads((out / "summary.json").read_text())
    except (OSError, ValueError):
        summary = {}
    return usage.ru_maxrss * 1024, seconds, proc.returncode, summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(ROOT / ".build/release/wavelength"))
    ap.add_argument("--mb", type=int, default=50, help="size of the big inputs in MiB (default 50)")
    ap.add_argument("--limit", type=int, default=64, help="--max-file-mb given to the runs (default 64)")
    ap.add_argument("--bound", type=float, default=8.0,
                    help="largest allowed cost as a multiple of the limit (default 8, the bound BENCHMARKS.md "
                         "section 10 documents)")
    ap.add_argument("--cases", default="one-line,no-spaces,tags,cjk,text,gz,feed,attributes,under-text")
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="wl-memory-"))
    binary = str(Path(args.bin).resolve())

    make("small", work / "small", 0)
    base, base_s, _, _ = measure(binary, work / "small", work / "out", args.limit)
    print(f"fixed cost (one small page): {base / MIB:.0f} MiB peak, {base_s:.1f} s")
    print(f"{'case':<11} {'file MiB':>8} {'peak MiB':>8} {'cost MiB':>8} {'x limit':>7} {'seconds':>7}  outcome")
    failures = 0
    for case in args.cases.split(","):
        corpus = work / case
        shutil.rmtree(corpus, ignore_errors=True)
        path = make(case, corpus, args.mb, args.limit)
        peak, seconds, status, summary = measure(binary, corpus, work / "out", args.limit)
        cost = max(0, peak - base)
        ratio = cost / (args.limit * MIB)
        fails = summary.get("failures", [])
        if summary.get("documents"):
            outcome = f"exit {status}, {summary['documents']} document(s)"
        elif fails:
            outcome = f"exit {status}, failed: {fails[0].get('code', '')}: {fails[0].get('reason', '')[:70]}"
        else:
            outcome = f"exit {status}, no summary"
        bad = ratio > args.bound or status not in (0, 1) or not summary
        failures += bad
        print(f"{case:<11} {path.stat().st_size / MIB:8.1f} {peak / MIB:8.0f} {cost / MIB:8.0f} {ratio:7.2f} "
              f"{seconds:7.1f}  {outcome}{'  <-- OVER' if bad else ''}", flush=True)
        shutil.rmtree(corpus, ignore_errors=True)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    print("memory bound: " + ("PASS" if failures == 0 else f"FAIL ({failures})"))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
