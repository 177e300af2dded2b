#!/usr/bin/env python3
"""Evaluate Wavelength's LDA against tomotopy on the livedoor news corpus.

Both models are trained on the SAME token lists, exported by the Swift
tokenizer (`WaveBench topics-export`). By default these are the pipeline's topic
terms for Japanese: MeCab nouns with touching nouns joined into compounds
(NounCompounds), no digits, no single hiragana, min_df 5, max_df 0.5;
--segmenter icu, --no-nouns, --no-compounds and --repeated-lines change the export.
(The export filter is
`WaveBench topics-export`'s own, written to match the pipeline's; WavePipeline does not
expose its shipped topic-term filter yet: see the note in Benchmarks/WaveBench/TopicsCommands.swift.) --term-weight sets the same term
weighting (one, idf, pmi) for both models. For each seed, Wavelength and tomotopy are
trained one after the other with the same K, iterations, priors, burn-in,
optimization interval and threads, and scored the same way:

- NMI (arithmetic normalization, as scikit-learn's default) and purity of each
  document's main topic (argmax of theta) against its category;
- NPMI coherence of each topic's top-10 terms by probability, with document
  co-occurrence over the same token lists (one function for both models);
- the document weight (Wavelength only; tomotopy has none): by default every
  document weighs the same in Wavelength's sampler (`--document-weight equal`),
  `--document-weight tokens` is standard LDA like tomotopy's;
- training time: wall-clock and process CPU seconds of the training call only
  (Wavelength's bench times its `train` call; tomotopy's `train` call is timed
  here). On a shared machine compare runs made side by side, and CPU seconds.

Usage (from the repository root):
  swift build -c release --product WaveBench
  python3 scripts/eval_topics.py --data ../shared/data/livedoor-news-ja/livedoor_news_ja.jsonl \
      --work /tmp/topics_eval --topics 9 --iterations 500 --threads 1 --seeds 0 1 2
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".build", "release", "WaveBench")


def nmi(labels, clusters):
    n = len(labels)
    joint = Counter(zip(labels, clusters))
    a, b = Counter(labels), Counter(clusters)
    mi = sum(c / n * math.log(c * n / (a[x] * b[y])) for (x, y), c in joint.items())
    ha = -sum(c / n * math.log(c / n) for c in a.values())
    hb = -sum(c / n * math.log(c / n) for c in b.values())
    return 0.0 if ha + hb == 0 else 2 * mi / (ha + hb)


def purity(labels, clusters):
    joint = Counter(zip(clusters, labels))
    best = {}
    for (cl, lab), c in joint.items():
        best[cl] = max(best.get(cl, 0), c)
    return sum(best.values()) / len(labels)


def npmi(topics, doc_sets):
    """Mean NPMI over pairs of each topic's terms, document co-occurrence."""
    wanted = {t for topic in topics for t in topic}
    df, co = Counter(), Counter()
    for s in doc_sets:
        present = sorted(s & wanted)
        df.update(present)
        for i, x in enumerate(present):
            for y in present[i + 1:]:
                co[(x, y)] += 1
    n = len(doc_sets)
    scores = []
    for topic in topics:
        vals = []
        for i, x in enumerate(topic):
            for y in topic[i + 1:]:
                j = co[(min(x, y), max(x, y))] / n
                if j == 0:
                    vals.append(-1.0)
                    continue
                denominator = -math.log(j)
                vals.append(1.0 if denominator == 0 else math.log(j / (df[x] / n * df[y] / n)) / denominator)
        scores.append(sum(vals) / len(vals))
    return scores


def run_wavelength(args, seed, tokens):
    out = os.path.join(args.work, f"wavelength_seed{seed}.json")
    cmd = [args.bench, "topics-train", "--tokens", tokens, "--topics", str(args.topics), "--iterations", str(args.iterations),
           "--threads", str(args.threads), "--seed", str(seed), "--output", out, "--alpha", str(args.alpha),
           "--beta", str(args.beta), "--burn-in", str(args.burn_in), "--optimize", str(args.optimize),
           "--average", str(args.average), "--term-weight", args.term_weight, "--chains", str(args.chains),
           "--document-weight", args.document_weight]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    r = json.load(open(out))
    return r["seconds"], r["cpu_seconds"], r["main_topics"], r["top_terms"]


def run_tomotopy(args, seed, docs):
    import tomotopy as tp
    weight = {"one": tp.TermWeight.ONE, "idf": tp.TermWeight.IDF, "pmi": tp.TermWeight.PMI}[args.term_weight]
    mdl = tp.LDAModel(tw=weight, k=args.topics, alpha=args.alpha, eta=args.beta, seed=seed)
    for d in docs:
        mdl.add_doc(d if d else ["<empty>"])
    mdl.burn_in = args.burn_in
    mdl.optim_interval = args.optimize
    start, cpu_start = time.perf_counter(), time.process_time()
    mdl.train(args.iterations, workers=args.threads)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    mains = [max(range(args.topics), key=lambda k: doc.get_topic_dist()[k]) for doc in mdl.docs]
    tops = [[w for w, _ in mdl.get_topic_words(k, top_n=10)] for k in range(args.topics)]
    return seconds, cpu_seconds, mains, tops, tp.__version__


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "livedoor-news-ja", "livedoor_news_ja.jsonl"))
    p.add_argument("--work", default="/tmp/topics_eval")
    p.add_argument("--topics", type=int, default=9)
    p.add_argument("--iterations", type=int, default=500)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    p.add_argument("--alpha", type=float, default=0.1)
    p.add_argument("--beta", type=float, default=0.01)
    p.add_argument("--burn-in", type=int, default=50)
    p.add_argument("--optimize", type=int, default=10)
    p.add_argument("--average", type=int, default=20, help="Wavelength: average theta over the final N sweeps")
    p.add_argument("--chains", type=int, default=1,
                   help="Wavelength: independent chains sharing the sweeps, topics aligned and averaged")
    p.add_argument("--document-weight", choices=["equal", "tokens"], default="equal",
                   help="Wavelength: equal (every document weighs the same, the default) or tokens (standard LDA); "
                        "tomotopy has no document weights and always runs standard LDA")
    p.add_argument("--bench", default=BENCH, help="WaveBench executable")
    p.add_argument("--skip-tomotopy", action="store_true")
    p.add_argument("--segmenter", choices=["icu", "mecab"], default="mecab",
                   help="Japanese segmenter of the export (mecab, the default: base forms; icu: ICU word breaks)")
    p.add_argument("--nouns", action=argparse.BooleanOptionalAction, default=True,
                   help="export only nouns where MeCab tags parts of speech (the default, as the pipeline's topic terms)")
    p.add_argument("--compounds", action=argparse.BooleanOptionalAction, default=True,
                   help="export: join touching MeCab nouns into one term (the default, as the pipeline's topic terms)")
    p.add_argument("--repeated-lines", type=float, default=0,
                   help="export: drop body lines found in at least this share of the documents (0 keeps all)")
    p.add_argument("--term-weight", choices=["one", "idf", "pmi"], default="one",
                   help="term weighting of the Gibbs sampler, the same for both models")
    args = p.parse_args()

    os.makedirs(args.work, exist_ok=True)
    tokens = os.path.join(args.work, "tokens.txt")
    if not os.path.exists(tokens):
        subprocess.run([args.bench, "topics-export", "--input", args.data, "--output", args.work, "--segmenter", args.segmenter,
                        "--repeated-lines", str(args.repeated_lines)]
                       + (["--nouns", "1"] if args.nouns else []) + (["--compounds", "1"] if args.compounds else []),
                       check=True)
    else:
        print(f"# reusing the export in {args.work} (delete it to export again with other options)")
    docs = [line.split() for line in open(tokens, encoding="utf-8").read().split("\n")[:-1]]
    labels = [line.split("\t")[1] for line in open(os.path.join(args.work, "labels.tsv"), encoding="utf-8").read().split("\n")[:-1]]
    assert len(docs) == len(labels)
    doc_sets = [set(d) for d in docs]
    print(f"# {len(docs)} documents, {len({t for d in docs for t in d})} types, {sum(map(len, docs))} tokens; "
          f"K={args.topics}, {args.iterations} iterations, {args.threads} thread(s), alpha={args.alpha}, beta={args.beta}, "
          f"burn-in {args.burn_in}, optimize every {args.optimize}, term weight {args.term_weight}, "
          f"wavelength chains {args.chains}, wavelength document weight {args.document_weight}")
    print("| model | seed | wall s | CPU s | NMI | purity | NPMI (top 10) |")
    print("|---|---|---|---|---|---|---|")
    for seed in args.seeds:
        rows = [("wavelength",) + run_wavelength(args, seed, tokens)]
        if not args.skip_tomotopy:
            s, cpu, m, t, version = run_tomotopy(args, seed, docs)
            rows.append((f"tomotopy {version}", s, cpu, m, t))
        for name, seconds, cpu, mains, tops in rows:
            coherence = npmi([t[:10] for t in tops], doc_sets)
            print(f"| {name} | {seed} | {seconds:.1f} | {cpu:.1f} | {nmi(labels, mains):.3f} | {purity(labels, mains):.3f} | "
                  f"{sum(coherence) / len(coherence):.3f} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
