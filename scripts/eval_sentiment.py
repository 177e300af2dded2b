#!/usr/bin/env python3
"""Evaluate `wavelength sentiment --jsonl` on the development sets, next to VADER.

Usage (from the repository root):
    swift build -c release --product wavelength
    /work/peers/bin/python scripts/eval_sentiment.py [--data ../shared/data] [--binary PATH]
        [--sets en,ja,ko] [--no-vader] [--markdown FILE]

English (sentiment-dev/*_GroundTruth.txt, `id TAB mean TAB text`): Pearson and Spearman
correlation with the mean human rating, binary accuracy (sign of the mean; items with mean 0
left out; a score of exactly 0 is wrong) and the share of items at 0, for ours and VADER's
compound score on the same texts in the same run. Japanese and Korean
(sentiment-dev-{ja,ko}/*.tsv, `id TAB label TAB text`): positive-vs-negative accuracy (0 is
wrong), the share at 0, and the majority baseline. Speed: documents per second of one
`wavelength sentiment --jsonl` process (including start-up), of the sentiment stage in process
(`WaveBench sentiment`, if built: `swift build -c release --product WaveBench`), and of
VADER's polarity_scores over the same English texts.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_rows(path, sep_fields=3):
    rows = []
    with open(path, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split("\t", 2)
            if len(parts) < 3:
                continue
            rows.append((parts[0], parts[1], parts[2]))
    return rows


def clean(text):
    # One text per line on stdin: no embedded newlines.
    return text.replace("\r", " ").replace("\n", " ")


def run_wavelength(binary, texts, lang):
    cmd = [binary, "sentiment", "--jsonl", "--lang", lang]
    data = ("\n".join(clean(t) for t in texts) + "\n").encode("utf-8")
    start = time.perf_counter()
    proc = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
    out = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
    if len(out) != len(texts):
        sys.exit(f"expected {len(texts)} output lines, got {len(out)}")
    return [float(o["sentiment"]) for o in out], elapsed


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else float("nan")


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    r = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        avg = (i + j) / 2 + 1
        for k in range(i, j + 1):
            r[order[k]] = avg
        i = j + 1
    return r


def spearman(x, y):
    return pearson(ranks(x), ranks(y))


def binary_accuracy(scores, gold_signs):
    pairs = [(s, g) for s, g in zip(scores, gold_signs) if g != 0]
    ok = sum(1 for s, g in pairs if s != 0 and (s > 0) == (g > 0))
    return ok / len(pairs), len(pairs)


def zero_share(scores):
    return sum(1 for s in scores if s == 0) / len(scores)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--binary", default=None, help="wavelength binary (default: release build path)")
    ap.add_argument("--sets", default="en,ja,ko")
    ap.add_argument("--no-vader", action="store_true")
    ap.add_argument("--markdown", default=None, help="also write the tables to this file")
    args = ap.parse_args()

    binary = args.binary
    if binary is None:
        bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
        binary = os.path.join(bin_dir, "wavelength")
    data = Path(args.data)
    sets = args.sets.split(",")
    md = []

    def emit(line=""):
        print(line)
        md.append(line)

    vader = None
    if "en" in sets and not args.no_vader:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        vader = SentimentIntensityAnalyzer()

    all_en_texts = []
    ours_seconds = 0.0
    if "en" in sets:
        emit("### English (sentiment-dev): ours vs VADER compound, same texts, same run")
        emit()
        emit("| set | n | ours Pearson | ours Spearman | ours acc | ours at 0 | VADER Pearson | VADER Spearman | VADER acc | VADER at 0 |")
        emit("|---|---|---|---|---|---|---|---|---|---|")
        for name, file in [("tweets", "tweets_GroundTruth.txt"), ("movie", "movieReviewSnippets_GroundTruth.txt"),
                           ("amazon", "amazonReviewSnippets_GroundTruth.txt")]:
            rows = read_rows(data / "sentiment-dev" / file)
            texts = [r[2] for r in rows]
            gold = [float(r[1]) for r in rows]
            signs = [(g > 0) - (g < 0) for g in gold]
            ours, secs = run_wavelength(binary, texts, "en")
            ours_seconds += secs
            all_en_texts += texts
            acc, n_bin = binary_accuracy(ours, signs)
            cells = [name, str(len(rows)), f"{pearson(ours, gold):.3f}", f"{spearman(ours, gold):.3f}",
                     f"{acc:.3f}", f"{zero_share(ours):.3f}"]
            if vader:
                vs = [vader.polarity_scores(clean(t))["compound"] for t in texts]
                vacc, _ = binary_accuracy(vs, signs)
                cells += [f"{pearson(vs, gold):.3f}", f"{spearman(vs, gold):.3f}", f"{vacc:.3f}", f"{zero_share(vs):.3f}"]
            else:
                cells += ["–"] * 4
            emit("| " + " | ".join(cells) + " |")
        emit()

    for lang, folder in [("ja", "sentiment-dev-ja"), ("ko", "sentiment-dev-ko")]:
        if lang not in sets:
            continue
        emit(f"### {'Japanese' if lang == 'ja' else 'Korean'} ({folder}): positive vs negative")
        emit()
        emit("| set | n (pos+neg) | accuracy | at 0 | accuracy where ≠ 0 | majority baseline |")
        emit("|---|---|---|---|---|---|")
        for path in sorted((data / folder).glob("*.tsv")):
            rows = [r for r in read_rows(path) if r[1] in ("positive", "negative")]
            texts = [r[2] for r in rows]
            signs = [1 if r[1] == "positive" else -1 for r in rows]
            ours, _ = run_wavelength(binary, texts, lang)
            acc, n = binary_accuracy(ours, signs)
            nonzero = [(s, g) for s, g in zip(ours, signs) if s != 0]
            acc_nz = sum(1 for s, g in nonzero if (s > 0) == (g > 0)) / len(nonzero) if nonzero else float("nan")
            pos = sum(1 for g in signs if g > 0)
            majority = max(pos, n - pos) / n
            emit(f"| {path.name} | {n} | {acc:.3f} | {zero_share(ours):.3f} | {acc_nz:.3f} | {majority:.3f} |")
        emit()

    if "en" in sets:
        emit("### Speed (English sentiment-dev texts, all three files)")
        emit()
        emit("| scorer | texts | seconds | documents/s |")
        emit("|---|---|---|---|")
        # One CLI process over all texts, start-up included; wall clock, best of 3.
        best = min(run_wavelength(binary, all_en_texts, "en")[1] for _ in range(3))
        cli_rate = len(all_en_texts) / best
        emit(f"| ours, CLI: `wavelength sentiment --jsonl --lang en` (one process, start-up and JSON included; wall, best of 3) "
             f"| {len(all_en_texts)} | {best:.2f} | {cli_rate:,.0f} |")
        bench = os.path.join(os.path.dirname(binary), "WaveBench")
        bench_out = None
        if os.path.exists(bench):
            import tempfile
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tmp:
                tmp.write("\n".join(clean(t) for t in all_en_texts) + "\n")
            proc = subprocess.run([bench, "sentiment", "--lang", "en", "--repeat", "3", tmp.name], stdout=subprocess.PIPE, text=True)
            os.unlink(tmp.name)
            if proc.returncode == 0:
                bench_out = json.loads(proc.stdout.strip().splitlines()[-1])
                emit(f"| ours, in process: tokenize + score (WaveBench sentiment; CPU time, best of 3) | {bench_out['texts']} "
                     f"| {bench_out['tokenize_cpu_s'] + bench_out['score_cpu_s']:.2f} | {bench_out['tokenize_and_score_docs_per_cpu_s']:,} |")
                emit(f"| ours, in process: score only, texts already tokenized (CPU time, best of 3) | {bench_out['texts']} "
                     f"| {bench_out['score_cpu_s']:.2f} | {bench_out['score_docs_per_cpu_s']:,} |")
        if vader:
            best_v = None
            for _ in range(3):
                c0, w0 = time.process_time(), time.perf_counter()
                for t in all_en_texts:
                    vader.polarity_scores(clean(t))
                run = (time.process_time() - c0, time.perf_counter() - w0)
                best_v = run if best_v is None or run[0] < best_v[0] else best_v
            vcpu, vwall = best_v
            vrate = len(all_en_texts) / vcpu
            emit(f"| VADER 3.3.2 `polarity_scores`, in-process loop (CPU time, best of 3; wall {vwall:.2f} s) "
                 f"| {len(all_en_texts)} | {vcpu:.2f} | {vrate:,.0f} |")
            emit()
            emit(f"Ratios to VADER's documents per CPU second: CLI (wall) {cli_rate / vrate:.2f}×"
                 + (f"; tokenize + score {bench_out['tokenize_and_score_docs_per_cpu_s'] / vrate:.2f}×; "
                    f"score only {bench_out['score_docs_per_cpu_s'] / vrate:.1f}×" if bench_out else ""))
        emit()

    if args.markdown:
        Path(args.markdown).write_text("\n".join(md) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
