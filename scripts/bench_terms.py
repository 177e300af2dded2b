#!/usr/bin/env python3
"""Speed of Wavelength's term counting against scikit-learn on the same token lists.

Runs `WaveBench terms` (Swift, one thread: intern the content terms of tokens.wlt once,
then count unigrams + document-span bigrams into sparse matrices) and, in the same
run, scikit-learn's CountVectorizer(ngram_range=(1, 2)).fit_transform on the same
lists of terms; prints one JSON object with both and the ratios.

    swift build -c release --product WaveBench
    python3 scripts/bench_terms.py --output OUT [--repetitions 3]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from terms_store import read_content_terms  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--output", required=True, help="run output folder holding tokens.wlt")
    ap.add_argument("--bench", default=None, help="WaveBench binary (default .build/release/WaveBench)")
    ap.add_argument("--repetitions", type=int, default=3)
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bench = args.bench or os.path.join(root, ".build/release/WaveBench")

    swift = json.loads(subprocess.run([bench, "terms", args.output, "--repetitions", str(args.repetitions)], check=True,
                                      capture_output=True, text=True).stdout)

    from sklearn import __version__ as sklearn_version
    from sklearn.feature_extraction.text import CountVectorizer
    t = time.perf_counter()
    lists = [terms for _, terms in read_content_terms(os.path.join(args.output, "tokens.wlt"))]
    load = time.perf_counter() - t
    tokens = sum(map(len, lists))
    best, nnz, features = float("inf"), 0, 0
    for _ in range(args.repetitions):
        vectorizer = CountVectorizer(tokenizer=lambda x: x, preprocessor=lambda x: x, lowercase=False,
                                     token_pattern=None, ngram_range=(1, 2))
        t = time.perf_counter()
        matrix = vectorizer.fit_transform(lists)
        best = min(best, time.perf_counter() - t)
        nnz, features = matrix.nnz, len(vectorizer.vocabulary_)
        del vectorizer, matrix
    sk = {"sklearn_version": sklearn_version, "load_store_s": load, "fit_transform_s": best,
          "tokens_per_s": tokens / best, "features": features, "nnz": nnz,
          "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    result = {"swift": swift, "sklearn": sk, "same_tokens": tokens == swift["content_tokens"],
              "same_features_and_nnz": features == swift["features"] and nnz == swift["nnz"],
              "speedup_counting_on_ids": best / swift["count_s"],
              "speedup_intern_plus_count": best / (swift["intern_s"] + swift["count_s"])}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
