#!/usr/bin/env python3
"""Evaluate `wavelength sentiment --targets` on the target-sentiment development data, beside
whole-sentence scoring (`wavelength sentiment --jsonl`, one sentence per line) and VADER, all in
the same run.

Usage (from the repository root):
    swift build --product wavelength            # or -c release
    /work/venv/bin/python scripts/eval_target_sentiment.py [--data ../shared/data/target-sentiment-dev]
        [--binary PATH] [--split heldout|train|all] [--fold 0] [--unit auto|document|sentence]

Files: newsmtsc-train.jsonl (English, NewsMTSC) and chabsa-targets.jsonl (Japanese, chABSA); one
JSON object per line with "id", "text" and "targets" [{"from", "to", "polarity"}] (code points).

Split: --unit document holds out whole documents: the sentences whose document's FNV-1a 64-bit hash,
modulo 5, equals --fold (0), so no held-out sentence shares an article (NewsMTSC: the first three `_`
fields of the id) or a report (chABSA: the id before `-`) with a training sentence; the hidden data are
other articles, so this is the honest measure. --unit sentence hashes the sentence id instead (the split
before 2026-12-07, which let sentences of one article sit on both sides). A held-out figure means
something only when the model was trained (`WaveBench target-sentiment-train --unit ...`) on the same
split: --unit auto (the default) reads which one from the model file's header (--model, the shipped
`Sources/WaveLexicon/Resources/target-sentiment-model.tsv`; the binary must embed that file), and a
unit other than the model's is flagged in the output, since its held-out part then holds trained
sentences. --split heldout (the default, the headline) scores the held-out sentences only; train and
all are there to show the gap.

Scores: macro-F1 over negative/neutral/positive (|score| < 0.05 = neutral), accuracy, and accuracy
on the targets of sentences whose targets disagree (labels not all equal). Whole-sentence and
VADER give every target of a sentence the sentence's score (VADER: compound).

Speed: CPU seconds (user + system) of each CLI process, start-up included, and sentences per CPU
second; VADER's are the CPU seconds of this Python process while it scores.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = {"negative": -1, "neutral": 0, "positive": 1}


def fnv1a(s):
    h = 0xCBF29CE484222325
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def document(item_id):
    """The document of a dev sentence: chABSA `report-sentence` (before the `-`), NewsMTSC the first
    three `_` fields (`allsides_article_event`, `polusa_v1_article`). Same rule as WaveBench's."""
    head, dash, _ = item_id.partition("-")
    if dash and "_" not in head:
        return head
    return "_".join(item_id.split("_")[:3])


def trained_unit(model_path):
    """The split the model file says it was trained on: document, sentence, or None when it does not say."""
    try:
        with open(model_path, encoding="utf-8") as f:
            header = "".join(line[1:].strip() + " " for line in f if line.startswith("#"))
    except OSError:
        return None
    if "whose document hash" in header:
        return "document"
    if "whose id hash" in header:
        return "sentence"
    return None


def classify(score):
    return 1 if score >= 0.05 else (-1 if score <= -0.05 else 0)


def evaluate(rows, scores):
    """rows: [(labels, ...)], scores: per row a list of scores. Returns a dict of figures."""
    confusion = [[0] * 3 for _ in range(3)]
    total = correct = dis = dis_correct = 0
    for labels, row_scores in zip(rows, scores):
        disagree = len(set(labels)) > 1
        for label, score in zip(labels, row_scores):
            p = classify(score)
            confusion[label + 1][p + 1] += 1
            total += 1
            correct += p == label
            if disagree:
                dis += 1
                dis_correct += p == label
    f1s = []
    for c in range(3):
        tp = confusion[c][c]
        predicted = sum(confusion[r][c] for r in range(3))
        actual = sum(confusion[c])
        p = tp / predicted if predicted else 0.0
        r = tp / actual if actual else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return {"macro_f1": sum(f1s) / 3, "accuracy": correct / total if total else 0.0,
            "disagreeing": dis_correct / dis if dis else 0.0, "n_disagreeing": dis, "targets": total}


def child_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(binary, args, payload):
    """Runs the CLI on `payload`; returns its JSON lines and the CPU seconds (user + system) it took."""
    start = child_cpu()
    proc = subprocess.run([binary] + args, input=payload.encode("utf-8"), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    elapsed = child_cpu() - start
    if proc.returncode != 0:
        sys.exit(f"{binary} {' '.join(args)} failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
    return [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines() if l.strip()], elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "target-sentiment-dev"))
    ap.add_argument("--binary", default=None, help="wavelength binary (default: the debug build path)")
    ap.add_argument("--split", choices=["heldout", "train", "all"], default="heldout")
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--unit", choices=["auto", "document", "sentence"], default="auto",
                    help="what the split hashes: the sentence's document or its id (the old split); auto (default):"
                         " the split the model file says it was trained on")
    ap.add_argument("--model", default=str(ROOT / "Sources" / "WaveLexicon" / "Resources" / "target-sentiment-model.tsv"),
                    help="the model file the binary embeds, read for its training split only")
    ap.add_argument("--no-vader", action="store_true")
    args = ap.parse_args()

    binary = args.binary
    if binary is None:
        bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
        binary = os.path.join(bin_dir, "wavelength")
    vader = None
    if not args.no_vader:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        vader = SentimentIntensityAnalyzer()

    trained = trained_unit(args.model)
    if args.unit == "auto":
        args.unit = trained or "document"
    unit = "document" if args.unit == "document" else "sentence id"
    print(f"split: {args.split} (fold {args.fold} of 5 by FNV-1a of the {unit}); binary: {binary}")
    if trained is not None and trained != args.unit and args.split != "train":
        print(f"WARNING: the model was trained on the {trained} split: part of these sentences were trained on, "
              f"so the --targets rows are not held-out figures (whole sentence and VADER are)")
    print(f"| set | method | sentences | targets | macro-F1 | accuracy | disagreeing acc. (n) | CPU s | sentences / CPU s |")
    print(f"|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, lang in [("newsmtsc-train.jsonl", "en"), ("chabsa-targets.jsonl", "ja")]:
        items = []
        with open(Path(args.data) / name, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                item = json.loads(line)
                key = document(item["id"]) if args.unit == "document" else item["id"]
                held = fnv1a(key) % 5 == args.fold
                if args.split == "all" or (args.split == "heldout") == held:
                    items.append(item)
        labels = [[LABELS[t["polarity"]] for t in item["targets"]] for item in items]

        payload = "".join(json.dumps({"text": item["text"],
                                      "targets": [{"from": t["from"], "to": t["to"]} for t in item["targets"]]},
                                     ensure_ascii=False) + "\n" for item in items)
        out, t_target = run(binary, ["sentiment", "--targets", "--lang", lang], payload)
        if len(out) != len(items):
            sys.exit(f"expected {len(items)} lines from --targets, got {len(out)}")
        target_scores = [o["targets"] for o in out]

        sentences = "".join(item["text"].replace("\r", " ").replace("\n", " ") + "\n" for item in items)
        out, t_whole = run(binary, ["sentiment", "--jsonl", "--lang", lang], sentences)
        whole_scores = [[o["sentiment"]] * len(item["targets"]) for o, item in zip(out, items)]

        results = [("wavelength --targets", evaluate(labels, target_scores), t_target),
                   ("wavelength whole sentence", evaluate(labels, whole_scores), t_whole)]
        if vader is not None and lang == "en":
            start = time.process_time()
            v = [[vader.polarity_scores(item["text"])["compound"]] * len(item["targets"]) for item in items]
            results.append(("VADER whole sentence", evaluate(labels, v), time.process_time() - start))
        for method, r, seconds in results:
            print(f"| {lang} | {method} | {len(items)} | {r['targets']} | {r['macro_f1']:.3f} | {r['accuracy']:.3f} "
                  f"| {r['disagreeing']:.3f} ({r['n_disagreeing']}) | {seconds:.2f} "
                  f"| {len(items) / seconds if seconds > 0 else float('inf'):,.0f} |")


if __name__ == "__main__":
    main()
