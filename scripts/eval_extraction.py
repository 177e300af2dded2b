#!/usr/bin/env python3
"""Score the ingest stage's main-text extraction (Python 3, standard library only).

1. Runs our extractor over the extraction benchmark pages
   (/work/shared/bench/extraction/html/*.html.gz) and scores the output with
   that folder's score.py (precision, recall, F1; shingle metric).
2. With --trafilatura, runs trafilatura (if importable) on the same pages and
   prints its scores next to ours.
3. With --corpus, builds the multilingual corpus with
   /work/shared/bench/corpus/make_corpus.py (en/ja/ko pages in UTF-8, Shift_JIS,
   EUC-JP, EUC-KR, declared or not) and scores each language separately.

Our extractor is run through the WaveBench executable of this package
(`swift build -c release --product WaveBench`; `WaveBench extract FILE...`
prints one JSON line per article). With --cli the script uses
`swift run -c release wavelength extract --jsonl FILE...` instead (same fields:
id, path, item, url, title, author, date, site, language, text).

usage: scripts/eval_extraction.py [--cli] [--trafilatura] [--corpus] [--docs 600] [--per-doc]
"""
import argparse, gzip, json, os, pathlib, subprocess, sys, tempfile, time

REPO = pathlib.Path(__file__).resolve().parent.parent
BENCH = pathlib.Path("/work/shared/bench")
EXTRACTION = BENCH / "extraction"
SCORE = EXTRACTION / "score.py"


def run_ours(files, use_cli):
    """Returns {path: text} from our extractor (one process for all files)."""
    if use_cli:
        cmd = ["swift", "run", "-c", "release", "wavelength", "extract", "--jsonl"]
    else:
        subprocess.run(["swift", "build", "-c", "release", "--product", "WaveBench"], cwd=REPO, check=True,
                       stdout=subprocess.DEVNULL)
        cmd = [str(REPO / ".build" / "release" / "WaveBench"), "extract"]
    out = {}
    chunk = 500
    for i in range(0, len(files), chunk):
        res = subprocess.run(cmd + [str(f) for f in files[i:i + chunk]], cwd=REPO, check=False,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for line in res.stdout.splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            out.setdefault(obj["path"], obj.get("text") or "")
    return out


def score(preds, truth, extra=()):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for key, text in preds.items():
            fh.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
        name = fh.name
    try:
        res = subprocess.run([sys.executable, str(SCORE), name, "--truth", str(truth), *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True)
        return res.stdout
    finally:
        os.unlink(name)


def summary(report_json):
    r = json.loads(report_json.strip().splitlines()[-1])
    return f"P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}  acc {r['accuracy']:.3f}  empty {r['empty_predictions']}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", action="store_true", help="use `wavelength extract --jsonl` instead of WaveBench")
    ap.add_argument("--trafilatura", action="store_true", help="also score trafilatura, if installed")
    ap.add_argument("--corpus", action="store_true", help="also score the generated en/ja/ko corpus")
    ap.add_argument("--docs", type=int, default=600, help="corpus size for --corpus")
    ap.add_argument("--per-doc", action="store_true", help="print per-page scores of ours")
    a = ap.parse_args()

    files = sorted((EXTRACTION / "html").glob("*.html.gz"))
    t0 = time.time()
    ours = run_ours(files, a.cli)
    elapsed = time.time() - t0
    preds = {pathlib.Path(p).name[: -len(".html.gz")]: t for p, t in ours.items()}
    truth = EXTRACTION / "truth.jsonl"
    if a.per_doc:
        print(score(preds, truth, ["--per-doc"]))
    print(f"extraction benchmark ({len(files)} pages), ours:        {summary(score(preds, truth, ['--json']))}"
          f"  ({elapsed:.1f} s incl. process start)")
    print(f"  CJK pages only (cjk.ids):                       "
          f"{summary(score(preds, truth, ['--json', '--ids', str(EXTRACTION / 'cjk.ids')]))}")
    if a.trafilatura:
        try:
            import trafilatura
        except ImportError:
            print("trafilatura: not installed (pip install trafilatura)")
        else:
            tp = {}
            for f in files:
                html = gzip.decompress(f.read_bytes()).decode("utf-8")
                tp[f.name[: -len(".html.gz")]] = trafilatura.extract(html, include_comments=False) or ""
            print(f"extraction benchmark, trafilatura {trafilatura.__version__}:  {summary(score(tp, truth, ['--json']))}")
    if a.corpus:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, str(BENCH / "corpus" / "make_corpus.py"), "--out", tmp, "--docs",
                            str(a.docs)], check=True, stdout=subprocess.DEVNULL)
            tpath = pathlib.Path(tmp) / "truth.jsonl"
            rows = [json.loads(l) for l in tpath.read_text(encoding="utf-8").splitlines() if l.strip()]
            pages = [pathlib.Path(tmp) / (r["id"] + ".html") for r in rows]
            got = run_ours(pages, a.cli)
            cpreds = {str(pathlib.Path(p).relative_to(tmp))[: -len(".html")]: t for p, t in got.items()}
            for lang in ("en", "ja", "ko"):
                sub = [r for r in rows if r["id"].startswith(lang + "/")]
                if not sub:
                    continue
                lt = pathlib.Path(tmp) / f"truth-{lang}.jsonl"
                lt.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sub), encoding="utf-8")
                lp = {k: v for k, v in cpreds.items() if k.startswith(lang + "/")}
                print(f"corpus {lang} ({len(sub)} pages), ours:  {summary(score(lp, lt, ['--json']))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
