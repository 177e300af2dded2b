#!/usr/bin/env python3
"""Score the topics of a whole `wavelength run` on livedoor news against its categories.

Where scripts/eval_topics.py trains on an exported token file next to tomotopy, this one goes
through the product: the livedoor articles are written as text files, one folder per category,
`wavelength run FOLDER --topics K --topic-iterations N --topic-seed S` ingests, tokenizes and
trains as a user's run would, and each document's `main_topic` in document_topics.csv is
scored against the folder it came from (NMI, arithmetic normalization, and purity).

Usage (from the repository root):
  swift build -c release --product wavelength
  python3 scripts/eval_topics_run.py [--seeds 0 1 2] [--iterations 500] [--document-weight equal|tokens]
"""
import argparse
import csv
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from eval_topics import nmi, purity  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "livedoor-news-ja", "livedoor_news_ja.jsonl"))
    p.add_argument("--work", default="/tmp/topics_run_eval")
    p.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "wavelength"))
    p.add_argument("--topics", type=int, default=9)
    p.add_argument("--iterations", type=int, default=500)
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    p.add_argument("--document-weight", choices=["equal", "tokens"], default="equal")
    args = p.parse_args()

    corpus = os.path.join(args.work, "corpus")
    if not os.path.isdir(corpus):
        with open(args.data, encoding="utf-8") as f:
            for line in f:
                o = json.loads(line)
                folder = os.path.join(corpus, o["category"])
                os.makedirs(folder, exist_ok=True)
                name = o["id"].replace("/", "_") + ".txt"
                with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
                    out.write(o.get("title", "") + "\n\n" + o.get("body", "") + "\n")
    print("| seed | document weight | documents | NMI | purity | training (run.log) |")
    print("|---|---|---|---|---|---|")
    for seed in args.seeds:
        output = os.path.join(args.work, f"out_{args.document_weight}_{seed}")
        subprocess.run([args.binary, "run", corpus, "--output", output, "--topics", str(args.topics),
                        "--topic-iterations", str(args.iterations), "--topic-seed", str(seed),
                        "--topic-document-weight", args.document_weight, "-q"], check=True)
        with open(os.path.join(output, "document_topics.csv"), encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if r["main_topic"]]
        labels = [r["path"].split("/")[0] for r in rows]
        mains = [r["main_topic"] for r in rows]
        log = [l.strip() for l in open(os.path.join(output, "run.log"), encoding="utf-8") if "topics:" in l]
        print(f"| {seed} | {args.document_weight} | {len(rows)} | {nmi(labels, mains):.3f} | {purity(labels, mains):.3f} | "
              f"{log[0] if log else ''} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
