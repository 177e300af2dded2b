#!/usr/bin/env python3
"""Reprint (near-duplicate) detection on constructed pairs, through the shipped path:
`wavelength run` on a corpus of text files, then its duplicates.csv.

From the article pages of /work/shared/bench/extraction-wcxb-dev (reference main texts with at
least 6 paragraphs and 250 words; a seeded sample of --stories), each story is written once as it
is and once per kind of reprint:
  trim       the last paragraph dropped
  reorder    two paragraphs swapped, one more dropped
  retitle    a new headline
  credit     a credit line before and a boilerplate footer after the text
  shorten    two-word capitalised names shortened to their last word ("South Korea" -> "Korea")
  half       only the first half of the paragraphs (a short copy inside a long original)
  combined   trim + shorten + credit
Every story is a group. Recall: share of (original, reprint) pairs that land in one cluster.
Precision: share of the pairs inside the clusters that belong to one group (pairs of different
stories in one cluster are false; all the other story pairs are the unrelated pairs).

usage: scripts/eval_reprints.py [--binary .build/release/wavelength] [--stories 300] [--seed 7]
"""
import argparse, collections, csv, itertools, json, pathlib, random, re, subprocess, sys, tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
WCXB = pathlib.Path("/work/shared/bench/extraction-wcxb-dev")
KINDS = ["trim", "reorder", "retitle", "credit", "shorten", "half", "combined"]
CREDIT = "This story was first published by our partner news service and is republished with permission."
FOOTER = ("Subscribe to our newsletter for the latest stories. Follow us on social media. "
          "Copyright all rights reserved. Reproduction without permission is prohibited.")
NAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b")


def shorten(text):
    return NAME.sub(lambda m: m.group(2), text)


def variant(kind, title, paras, rng):
    p = list(paras)
    if kind == "trim":
        p = p[:-1]
    elif kind == "reorder":
        i = rng.randrange(1, len(p) - 2)
        p[i], p[i + 1] = p[i + 1], p[i]
        del p[rng.randrange(1, len(p) - 1)]
    elif kind == "retitle":
        title = "Update: " + " ".join(reversed(title.split()))
    elif kind == "credit":
        p = [CREDIT] + p + [FOOTER]
    elif kind == "shorten":
        p = [shorten(x) for x in p]
    elif kind == "half":
        p = p[: max(3, len(p) // 2)]
    elif kind == "combined":
        p = [CREDIT] + [shorten(x) for x in p[:-2]]
    return title, p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=str(REPO / ".build" / "release" / "wavelength"))
    ap.add_argument("--stories", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", help="write the corpus and the run here instead of a temporary folder")
    a = ap.parse_args()
    rows = [json.loads(l) for l in (WCXB / "truth.jsonl").read_text(encoding="utf-8").split("\n") if l.strip()]
    stories = []
    for r in rows:
        if r["page_type"] != "article" or not r.get("headline"):
            continue
        paras = [x.strip() for x in r["articleBody"].split("\n") if len(x.strip()) >= 40]
        if len(paras) >= 6 and len(r["articleBody"].split()) >= 250:
            stories.append((r["id"], r["headline"], paras))
    rng = random.Random(a.seed)
    rng.shuffle(stories)
    stories = sorted(stories[: a.stories])
    with tempfile.TemporaryDirectory() as tmp:
        base = pathlib.Path(a.keep) if a.keep else pathlib.Path(tmp)
        corpus, out = base / "corpus", base / "out"
        corpus.mkdir(parents=True, exist_ok=True)
        group = {}
        for sid, title, paras in stories:
            name = f"{sid}-original.txt"
            (corpus / name).write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
            group[name] = sid
            for kind in KINDS:
                t, p = variant(kind, title, paras, rng)
                name = f"{sid}-{kind}.txt"
                (corpus / name).write_text(t + "\n\n" + "\n\n".join(p) + "\n", encoding="utf-8")
                group[name] = sid
        res = subprocess.run([a.binary, "run", str(corpus), "--output", str(out), "--quiet"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if res.returncode not in (0, 3):
            print(res.stderr[-2000:])
            return 1
        clusters = collections.defaultdict(list)
        with open(out / "duplicates.csv", newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                clusters[row["cluster"]].append(row["document_id"])
    cluster_of = {d: c for c, ds in clusters.items() for d in ds}
    tp = fp = 0
    for ds in clusters.values():
        for x, y in itertools.combinations(ds, 2):
            if group.get(x) == group.get(y):
                tp += 1
            else:
                fp += 1
    found = collections.Counter()
    for sid, _, _ in stories:
        o = f"{sid}-original.txt"
        for kind in KINDS:
            v = f"{sid}-{kind}.txt"
            found[kind] += o in cluster_of and cluster_of.get(o) == cluster_of.get(v)
    n = len(stories)
    unrelated = n * (n - 1) // 2 * (len(KINDS) + 1) ** 2
    recall = sum(found.values()) / (n * len(KINDS))
    precision = tp / (tp + fp) if tp + fp else 1.0
    print(f"{n} stories x {len(KINDS)} reprints ({len(group)} documents); "
          f"{unrelated} unrelated pairs; predicted pairs {tp + fp} (true {tp}, false {fp})")
    print(f"recall (original, reprint) {recall:.4f}   precision of clustered pairs {precision:.4f}")
    print("recall by kind: " + "  ".join(f"{k} {found[k] / n:.3f}" for k in KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
