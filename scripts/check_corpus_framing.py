#!/usr/bin/env python3
"""Check that each Corpus article's intended framing matches the sign of its framing index.

Usage (from the repository root):
    swift build -c release --product wavelength
    python3 scripts/check_corpus_framing.py [--binary PATH] [--corpus Corpus] [--output /tmp/x]

Runs `wavelength run <corpus> --output <output>`, reads documents.csv and compares each row of
<corpus>/expected.jsonl (`framing`: nostalgia or forward_facing) with the sign of the document's
framing_index (< 0 nostalgia, > 0 forward-facing, 0 or empty undecided, which counts as a miss). The
entries marked `comparative` are our articles that praise one target and criticise the other. Documents are
matched by path and feed item; while ingest does not split feeds into items, a feed item is compared
with the whole feed's index and marked "(whole feed)". Files that fail to ingest are listed as missing.
Exit status: 0 when every expected document is found and agrees, 1 otherwise.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=None)
    ap.add_argument("--corpus", default=str(ROOT / "Corpus"))
    ap.add_argument("--output", default="/tmp/wavelength-framing-check")
    args = ap.parse_args()

    binary = args.binary
    if binary is None:
        bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
        binary = os.path.join(bin_dir, "wavelength")
    cmd = [binary, "run", args.corpus, "--output", args.output]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):   # 1 = some documents failed; still compare the rest
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-800:]}")

    with open(os.path.join(args.output, "documents.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_key = {(r["path"], r["item"] or ""): r for r in rows}

    expected = [json.loads(l) for l in open(os.path.join(args.corpus, "expected.jsonl"), encoding="utf-8") if l.strip()]
    agree = missing = 0
    lines = []
    for e in expected:
        item = "" if e.get("item") is None else str(e["item"])
        row = by_key.get((e["file"], item))
        note = ""
        if row is None and item:
            row = by_key.get((e["file"], ""))
            note = " (whole feed)"
        label = e["file"] + (f"#{item}" if item else "")
        if row is None:
            missing += 1
            lines.append(f"MISSING  {label}: not in documents.csv (ingest failed?)")
            continue
        index = float(row["framing_index"] or 0)
        got = "nostalgia" if index < 0 else "forward_facing" if index > 0 else "undecided"
        ok = got == e["framing"]
        agree += ok
        # The hits behind the index: in target scope where the build writes them, else the whole page's.
        scoped = "nostalgia_in_scope" in row
        nostalgia = row.get("nostalgia_in_scope" if scoped else "nostalgia", "?")
        forward = row.get("forward_facing_in_scope" if scoped else "forward_facing", "?")
        lines.append(f"{'ok  ' if ok else 'MISS'}     {label}{note}: expected {e['framing']}, index {index:+.2f} "
                     f"(nostalgia {nostalgia}, forward {forward} hits{' in scope' if scoped else ''})")
    for line in lines:
        print(line)
    n = len(expected)
    print(f"\nagreement: {agree}/{n} ({agree / n:.0%}); {missing} missing; command: {' '.join(cmd)}")
    sys.exit(0 if agree == n else 1)


if __name__ == "__main__":
    main()
