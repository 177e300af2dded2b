#!/usr/bin/env python3
"""Metadata accuracy on the shipped Corpus: Wavelength vs trafilatura, same pages, same run.

Compares title (exact headline), author list (exact, order kept) and date (the day, YYYY-MM-DD)
with Corpus/expected.jsonl, on the HTML pages (trafilatura does not read feeds).

usage: scripts/eval_metadata.py [--binary PATH] [--corpus Corpus]
Run trafilatura's side with a Python that has it (e.g. a venv with `pip install trafilatura`);
without trafilatura only Wavelength's figures are printed.
"""
import argparse, json, pathlib, subprocess, sys


def norm_authors(value):
    if value is None:
        return []
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace(" and ", ";").split(";")]
        return [p for p in parts if p]
    return list(value)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=None)
    ap.add_argument("--corpus", default="Corpus")
    args = ap.parse_args()
    corpus = pathlib.Path(args.corpus)
    binary = args.binary
    if binary is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "wavelength"], check=True,
                       stdout=subprocess.DEVNULL)
        bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], check=True,
                                 capture_output=True, text=True).stdout.strip()
        binary = f"{bin_dir}/wavelength"
    expected = [json.loads(l) for l in (corpus / "expected.jsonl").read_text().splitlines() if l.strip()]
    pages = [e for e in expected if e["file"].endswith(".html")]

    out = subprocess.run([binary, "extract", "--jsonl"] + [str(corpus / e["file"]) for e in pages],
                         capture_output=True, text=True).stdout
    ours = {pathlib.Path(r["path"]).relative_to(corpus).as_posix(): r for r in map(json.loads, out.splitlines())}

    try:
        import trafilatura
    except ImportError:
        trafilatura = None

    rows = {"wavelength": {"title": 0, "author": 0, "date": 0}}
    if trafilatura:
        rows["trafilatura"] = {"title": 0, "author": 0, "date": 0}
    for e in pages:
        r = ours.get(e["file"], {})
        rows["wavelength"]["title"] += r.get("title") == e["title"]
        rows["wavelength"]["author"] += norm_authors(r.get("author")) == e["authors"]
        rows["wavelength"]["date"] += (r.get("date") or "")[:10] == e["date"]
        if trafilatura:
            doc = trafilatura.bare_extraction((corpus / e["file"]).read_bytes(), with_metadata=True)
            d = doc if isinstance(doc, dict) else (doc.as_dict() if doc else {})
            rows["trafilatura"]["title"] += d.get("title") == e["title"]
            rows["trafilatura"]["author"] += norm_authors(d.get("author")) == e["authors"]
            rows["trafilatura"]["date"] += (d.get("date") or "")[:10] == e["date"]
    n = len(pages)
    print(f"| extractor | pages | title | authors | date |\n|---|---|---|---|---|")
    for name, c in rows.items():
        print(f"| {name} | {n} | {c['title'] / n:.0%} | {c['author'] / n:.0%} | {c['date'] / n:.0%} |")


if __name__ == "__main__":
    sys.exit(main())
