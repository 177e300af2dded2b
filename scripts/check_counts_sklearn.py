#!/usr/bin/env python3
"""Cross-check of Wavelength's term and bigram counts against scikit-learn's
CountVectorizer on the same token lists.

Reads the content terms of every document from a run's tokens.wlt, counts them
with CountVectorizer(ngram_range=(1, 2)) (tokens passed through as they are),
asks `wavelength terms --by all --n 1 --n 2 --span document --top 0 --format csv`
for its counts of the same store, and compares every feature's total count and
document frequency, and the number of non-zero cells.

    python3 scripts/check_counts_sklearn.py --output Output [--wavelength .build/release/wavelength]

Exit 0 when every count agrees (or scikit-learn is missing: prints "skipped"), 1 otherwise.
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from terms_store import read_content_terms  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--output", default="Output", help="run output folder holding tokens.wlt")
    ap.add_argument("--wavelength", default=None, help="wavelength binary (default: .build/release or .build/debug)")
    args = ap.parse_args()
    try:
        from sklearn.feature_extraction.text import CountVectorizer
    except ImportError:
        print(json.dumps({"check": "skipped", "reason": "scikit-learn is not installed"}))
        return 0
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = args.wavelength or next(
        (p for p in (os.path.join(root, ".build/release/wavelength"), os.path.join(root, ".build/debug/wavelength"))
         if os.path.exists(p)), "wavelength")

    docs = read_content_terms(os.path.join(args.output, "tokens.wlt"))
    lists = [terms for _, terms in docs]
    spaced = sum(1 for terms in lists for t in terms if " " in t)
    vectorizer = CountVectorizer(tokenizer=lambda x: x, preprocessor=lambda x: x, lowercase=False,
                                 token_pattern=None, ngram_range=(1, 2))
    matrix = vectorizer.fit_transform(lists)
    totals = matrix.sum(axis=0).A1
    df = (matrix > 0).sum(axis=0).A1
    # Features are keyed by their text: scikit-learn joins a bigram's terms with a space,
    # so a term that holds a space (NFKC can make one) is told apart from a bigram only by
    # Wavelength; texts both sides spell alike are summed, as scikit-learn merges them.
    sk = {}
    for feature, column in vectorizer.vocabulary_.items():
        sk[feature] = (int(totals[column]), int(df[column]))

    out = subprocess.run([binary, "terms", "--output", args.output, "--by", "all", "--n", "1", "--n", "2",
                          "--span", "document", "--top", "0", "--format", "csv"],
                         check=True, capture_output=True, text=True).stdout
    wl, nnz_wl, collisions = {}, 0, 0
    for row in csv.DictReader(io.StringIO(out)):
        count, docs = int(row["count"]), int(row["document_frequency"])
        nnz_wl += docs
        if row["term"] in wl:
            collisions += 1
            count, docs = count + wl[row["term"]][0], None   # df of merged features is not additive
        wl[row["term"]] = (count, docs)

    missing = [k for k in sk if k not in wl]
    extra = [k for k in wl if k not in sk]
    differ = [k for k in sk if k in wl and (sk[k][0] != wl[k][0] or (wl[k][1] is not None and sk[k][1] != wl[k][1]))]
    result = {
        "documents": len(lists), "tokens": sum(map(len, lists)),
        "features_sklearn": len(sk), "features_wavelength": len(wl),
        "nnz_sklearn": int(matrix.nnz), "nnz_wavelength": nnz_wl, "texts_shared_by_a_term_and_an_ngram": collisions,
        "missing_in_wavelength": len(missing), "extra_in_wavelength": len(extra), "count_or_df_differs": len(differ),
        "terms_with_spaces": spaced,
        "examples": [str(x) for x in (missing[:3] + extra[:3] + differ[:3])],
    }
    ok = not missing and not extra and not differ and (collisions > 0 or result["nnz_sklearn"] == result["nnz_wavelength"])
    result["check"] = "pass" if ok else "FAIL"
    print(json.dumps(result, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
