#!/usr/bin/env python3
"""Sentiment speed: ours against VADER on the same texts, in the same run.

Usage (from the repository root):
    swift build -c release --product wavelength
    swift build -c release --product WaveBench
    /work/peers/bin/python scripts/bench_sentiment.py [--data ../shared/data]
        [--corpus /work/bench-data/corpus2k] [--repeat 3] [--markdown FILE]

Sets (English only: VADER is an English scorer):
  short     the 18,513 texts of sentiment-dev (tweets, movie and Amazon snippets)
  wikinews  the 295 Wikinews articles of ../shared/data/wikinews-en-sample
  corpus    the English articles of a make_corpus build (--corpus), extracted
            with `wavelength extract` (main text only)

For each set it prints documents and megabytes per CPU second of
  - VADER 3.3.2 `polarity_scores` in this Python process (best of --repeat;
    one round for articles, where VADER needs ~30-45 ms per article),
  - ours in process (WaveBench sentiment: tokenize + score, and score alone,
    texts already tokenized; best of --repeat; CPU time),
  - ours as a CLI process, `wavelength sentiment --jsonl --lang en`, start-up,
    reading and JSON writing included (CPU seconds of the child process; the
    CLI reads one text per line, so line breaks inside articles become spaces),
and the ratio of each to VADER. CPU seconds are used because the machine is
shared; wall seconds are printed too.
"""
import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bin_dir():
    return subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                          stdout=subprocess.PIPE, text=True, check=True).stdout.strip()


def short_texts(data):
    texts = []
    for name in ["tweets", "movieReviewSnippets", "amazonReviewSnippets"]:
        with open(data / "sentiment-dev" / f"{name}_GroundTruth.txt", "rb") as f:
            for raw in f:
                parts = raw.decode("utf-8", errors="replace").rstrip("\r\n").split("\t", 2)
                if len(parts) == 3:
                    texts.append(parts[2].replace("\r", " ").replace("\n", " "))
    return texts


def wikinews_texts(data):
    csv.field_size_limit(10 ** 9)
    texts = []
    for name in ["wikinews_2019.csv", "wikinews_2020.csv"]:
        with open(data / "wikinews-en-sample" / name, encoding="utf-8", newline="") as f:
            texts += [row["text"] for row in csv.DictReader(f) if row["text"].strip()]
    return texts


def corpus_texts(binary, corpus):
    folder = Path(corpus) / "en"
    proc = subprocess.run([binary, "extract", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    texts = []
    for line in proc.stdout.decode("utf-8").splitlines():
        doc = json.loads(line)
        if doc.get("language") == "en" and doc.get("text", "").strip():
            texts.append(doc["text"])
    return texts


def run_bench(bench, texts, repeat):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for t in texts:
            tmp.write(json.dumps({"text": t}) + "\n")
    try:
        out = subprocess.run([bench, "sentiment", "--lang", "en", "--jsonl", "--repeat", str(repeat), tmp.name],
                             stdout=subprocess.PIPE, text=True, check=True).stdout
    finally:
        os.unlink(tmp.name)
    return json.loads(out.strip().splitlines()[-1])


def run_cli(binary, texts, repeat):
    data = ("\n".join(t.replace("\r", " ").replace("\n", " ") for t in texts) + "\n").encode("utf-8")
    best = None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        w0 = time.perf_counter()
        proc = subprocess.run([binary, "sentiment", "--jsonl", "--lang", "en"], input=data,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wall = time.perf_counter() - w0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            sys.exit(f"wavelength sentiment failed: {proc.stderr.decode()[:300]}")
        lines = proc.stdout.count(b"\n")
        if lines != len(texts):
            sys.exit(f"expected {len(texts)} lines from the CLI, got {lines}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or cpu < best[0]:
            best = (cpu, wall)
    return best


def run_vader(vader, texts, repeat):
    best = None
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        for t in texts:
            vader.polarity_scores(t)
        run = (time.process_time() - c0, time.perf_counter() - w0)
        if best is None or run[0] < best[0]:
            best = run
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--corpus", default="/work/bench-data/corpus2k", help="make_corpus build ('' to skip)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sets", default="short,wikinews,corpus")
    ap.add_argument("--markdown", default=None)
    args = ap.parse_args()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    vader = SentimentIntensityAnalyzer()
    bins = bin_dir()
    binary, bench = os.path.join(bins, "wavelength"), os.path.join(bins, "WaveBench")
    for path in (binary, bench):
        if not os.path.exists(path):
            sys.exit(f"missing {path}: build it first (see --help)")
    data = Path(args.data)
    sets = []
    wanted = args.sets.split(",")
    if "short" in wanted:
        sets.append(("short texts (sentiment-dev)", short_texts(data), args.repeat))
    if "wikinews" in wanted:
        sets.append(("Wikinews articles", wikinews_texts(data), 1))
    if "corpus" in wanted and args.corpus and Path(args.corpus, "en").is_dir():
        sets.append((f"corpus articles ({Path(args.corpus).name}/en)", corpus_texts(binary, args.corpus), 1))

    md = []

    def emit(line=""):
        print(line, flush=True)
        md.append(line)

    emit("| set | docs | MB | scorer | CPU s | wall s | docs/CPU-s | MB/CPU-s | × VADER |")
    emit("|---|---|---|---|---|---|---|---|---|")
    for name, texts, vader_rounds in sets:
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        vcpu, vwall = run_vader(vader, texts, vader_rounds)
        vrate = len(texts) / vcpu
        b = run_bench(bench, texts, args.repeat)
        ccpu, cwall = run_cli(binary, texts, args.repeat)
        rows = [
            ("VADER `polarity_scores` (in process)", vcpu, vwall),
            ("ours in process: tokenize + score", b["tokenize_cpu_s"] + b["score_cpu_s"], b["tokenize_wall_s"] + b["score_wall_s"]),
            ("ours in process: score only (tokenized)", b["score_cpu_s"], b["score_wall_s"]),
            ("ours CLI process (start-up + I/O + JSON)", ccpu, cwall),
        ]
        for scorer, cpu, wall in rows:
            rate = len(texts) / cpu
            emit(f"| {name} | {len(texts):,} | {mb:.2f} | {scorer} | {cpu:.3f} | {wall:.3f} | {rate:,.0f} | "
                 f"{mb / cpu:.2f} | {rate / vrate:.1f} |")
        emit(f"| {name} | | | ours set-up (lexicon load + English compile), CPU s | {b['setup_cpu_s']:.3f} | | | | |")
    if args.markdown:
        Path(args.markdown).write_text("\n".join(md) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
