#!/usr/bin/env python3
"""Measure where the framing index and the country focus apply, on real pages.

Usage (from the repository root):
    swift build -c release --product wavelength
    python3 scripts/check_framing_scope.py [--binary PATH] [--peer PATH] [--shared ../shared] [--work /tmp/x]
        [--skip-livedoor]

Three figures, each for the binary under test and, with --peer, for another build (e.g. main's) in
the same run:
1. On the article pages of ../shared/bench/extraction-wcxb-dev (page_type "article", `articles.ids`)
   and all pages of ../shared/bench/extraction: the share of pages that name no target (no gazetteer
   mention in the extracted text; with the old build, focus `neither`) that still get a framing index.
   Goal: at most 10 %.
2. The shipped Corpus's framing signs (scripts/check_corpus_framing.py).
3. On ../shared/data/livedoor-news-ja (7,367 Japanese news articles on gadgets, sport, film, lifestyle,
   written as `title\\n\\nbody` text files): how many come out Japan-focus, Korea-focus and both.

The corpora are copied (not linked) into --work, so the runs read only inside their corpus folder.
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
csv.field_size_limit(1 << 30)


def run(binary, corpus, output):
    start = time.time()
    proc = subprocess.run([binary, "run", str(corpus), "--output", str(output)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"{binary} run {corpus} failed ({proc.returncode}): {proc.stderr[-800:]}")
    with open(output / "documents.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f)), time.time() - start


def names_no_target(row):
    mention_columns = [k for k in row if k.startswith("mentions_")]
    if mention_columns:
        return all((row[k] or "0") == "0" for k in mention_columns)
    return row["focus"] == "neither"   # builds before per-target mention counts


def has_index(row):
    # Builds before target scope wrote 0 for an undefined index; a page with no framing hit then
    # reads 0 with both theme columns 0.
    if "framing_index_page" not in row and (row.get("nostalgia") or "0") == "0" and (row.get("forward_facing") or "0") == "0":
        return False
    return (row["framing_index"] or "") != ""


def prepare_pages(shared, work):
    pages = work / "pages"
    if pages.exists():
        return pages
    (pages / "wcxb").mkdir(parents=True)
    (pages / "extraction").mkdir(parents=True)
    wcxb = shared / "bench" / "extraction-wcxb-dev"
    for page_id in (wcxb / "articles.ids").read_text().split():
        shutil.copy(wcxb / "html" / f"{page_id}.html.gz", pages / "wcxb" / f"{page_id}.html.gz")
    for page in sorted((shared / "bench" / "extraction" / "html").iterdir()):
        shutil.copy(page, pages / "extraction" / page.name)
    return pages


def prepare_livedoor(shared, work):
    folder = work / "livedoor"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    with open(shared / "data" / "livedoor-news-ja" / "livedoor_news_ja.jsonl", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            (folder / f"{a['id']}.txt").write_text(f"{a['title']}\n\n{a['body']}\n", encoding="utf-8")
    return folder


def measure_pages(name, binary, pages, work):
    rows, seconds = run(binary, pages, work / f"out-pages-{name}")
    none = [r for r in rows if names_no_target(r)]
    indexed = [r for r in none if has_index(r)]
    neither = [r for r in rows if r["focus"] == "neither"]
    print(f"[{name}] pages {len(rows)} ({seconds:.0f} s); naming no target {len(none)}; of those with a framing index "
          f"{len(indexed)} ({len(indexed) / max(1, len(none)):.1%}); all pages with an index "
          f"{sum(has_index(r) for r in rows)}; focus neither {len(neither)}, of those with an index "
          f"{sum(has_index(r) for r in neither)}")
    return len(indexed) / max(1, len(none))


def measure_livedoor(name, binary, folder, work):
    rows, seconds = run(binary, folder, work / f"out-livedoor-{name}")
    counts = {}
    for r in rows:
        counts[r["focus"]] = counts.get(r["focus"], 0) + 1
    print(f"[{name}] livedoor {len(rows)} articles ({seconds:.0f} s): " +
          ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=None)
    ap.add_argument("--peer", default=None, help="another wavelength binary measured in the same run")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--work", default="/tmp/wavelength-framing-scope")
    ap.add_argument("--skip-livedoor", action="store_true")
    args = ap.parse_args()
    binary = args.binary
    if binary is None:
        bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
        binary = os.path.join(bin_dir, "wavelength")
    shared, work = Path(args.shared), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    builds = [("this", binary)] + ([("peer", args.peer)] if args.peer else [])

    pages = prepare_pages(shared, work)
    share = {name: measure_pages(name, b, pages, work) for name, b in builds}
    corpus = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_corpus_framing.py"), "--binary", binary,
                             "--output", str(work / "out-corpus")], stdout=subprocess.PIPE, text=True)
    print("[this] Corpus framing: " + corpus.stdout.strip().splitlines()[-1])
    if not args.skip_livedoor:
        folder = prepare_livedoor(shared, work)
        for name, b in builds:
            measure_livedoor(name, b, folder, work)
    ok = share["this"] <= 0.10 and corpus.returncode == 0
    print(f"goal (≤ 10 % of pages naming no target indexed, Corpus signs all right): {'met' if ok else 'NOT met'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
