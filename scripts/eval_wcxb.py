#!/usr/bin/env python3
"""Extraction on pages of every kind: `wavelength extract --jsonl` vs trafilatura on
/work/shared/bench/extraction-wcxb-dev (1,497 pages from 1,295 sites), same run.

Prints, for ours and trafilatura:
- word F1 (and shingle F1) of the main text, overall and on the article pages
  (scored by ../extraction/score.py --truth truth.jsonl);
- pages with empty text whose reference is not empty;
- title, author and date exact-match accuracy (title: whitespace-normalised headline;
  author: the names, case-folded, split on , ; & and "and", as a set; date: the day
  YYYY-MM-DD; a page without a reference value counts as right when nothing is given);
- ours only: page-type accuracy against the gold page types, with a confusion table,
  and the mean extraction confidence per gold type;
- with --split, the same figures on the sites whose name hashes even / odd (a rule
  tuned on one half is checked on the other).

- with --per-type, word P/R/F1 per gold page type for everyone;
- with --save FILE, our output (one JSON object per page) for later comparison.

usage: scripts/eval_wcxb.py [--binary .build/release/wavelength] [--no-trafilatura]
                            [--trafilatura-cache FILE] [--split] [--per-type] [--per-doc]
                            [--save FILE]
"""
import argparse, collections, gzip, hashlib, json, os, pathlib, re, subprocess, sys, tempfile, time

REPO = pathlib.Path(__file__).resolve().parent.parent
BENCH = pathlib.Path("/work/shared/bench")
WCXB = BENCH / "extraction-wcxb-dev"
SCORE = BENCH / "extraction" / "score.py"


def run_ours(binary, files):
    out = {}
    for i in range(0, len(files), 400):
        res = subprocess.run([binary, "extract", "--jsonl"] + [str(f) for f in files[i:i + 400]],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
        for line in res.stdout.split("\n"):
            if line.strip():
                obj = json.loads(line)
                out.setdefault(pathlib.Path(obj["path"]).name[: -len(".html.gz")], obj)
    return out


def run_trafilatura(files):
    import trafilatura
    out = {}
    for f in files:
        html = gzip.decompress(f.read_bytes()).decode("utf-8", errors="replace")
        key = f.name[: -len(".html.gz")]
        try:
            doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
        except Exception:  # one page must not stop the comparison
            doc = None
        if doc is None:
            out[key] = {"text": "", "title": None, "author": None, "date": None}
            continue
        d = doc if isinstance(doc, dict) else doc.as_dict()
        out[key] = {"text": d.get("text") or "", "title": d.get("title"), "author": d.get("author"),
                    "date": d.get("date")}
    return out, trafilatura.__version__


def score(preds, ids, metric):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for key, text in preds.items():
            fh.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
        name = fh.name
    idfile = None
    try:
        extra = ["--metric", metric, "--json"]
        if ids is not None:
            with tempfile.NamedTemporaryFile("w", suffix=".ids", delete=False) as ih:
                ih.write("\n".join(sorted(ids)) + "\n")
                idfile = ih.name
            extra += ["--ids", idfile]
        res = subprocess.run([sys.executable, str(SCORE), name, "--truth", str(WCXB / "truth.jsonl"), *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True)
        return json.loads(res.stdout.strip().splitlines()[-1])
    finally:
        os.unlink(name)
        if idfile:
            os.unlink(idfile)


def norm_title(t):
    return " ".join((t or "").split()).casefold()


def norm_authors(a):
    if a is None:
        return frozenset()
    if isinstance(a, list):
        a = "; ".join(a)
    parts = re.split(r"\s*(?:,|;|&|\band\b|\|)\s*", a)
    return frozenset(" ".join(p.split()).casefold() for p in parts if p.strip())


def norm_date(d):
    m = re.match(r"(\d{4}-\d{2}-\d{2})", d or "")
    return m.group(1) if m else None


def metadata(preds, truth, ids):
    right = collections.Counter()
    for i in ids:
        t, p = truth[i], preds.get(i, {})
        right["title"] += norm_title(p.get("title")) == norm_title(t.get("headline"))
        right["author"] += norm_authors(p.get("author")) == norm_authors(t.get("author"))
        right["date"] += norm_date(p.get("date")) == norm_date(t.get("date"))
    return {k: right[k] / max(1, len(ids)) for k in ("title", "author", "date")}


def report(name, preds, truth, ids, articles):
    texts = {k: v.get("text") or "" for k, v in preds.items()}
    w = score(texts, ids, "words")
    wa = score(texts, ids & articles, "words")
    s = score(texts, ids, "shingle")
    empty = sum(1 for i in ids if not texts.get(i, "").strip() and truth[i]["articleBody"].strip())
    m = metadata(preds, truth, ids)
    print(f"  {name:<22} words P {w['precision']:.3f} R {w['recall']:.3f} F1 {w['f1']:.4f} | articles F1 "
          f"{wa['f1']:.4f} | shingle F1 {s['f1']:.4f} | empty {empty} | title {m['title']:.3f} "
          f"author {m['author']:.3f} date {m['date']:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=str(REPO / ".build" / "release" / "wavelength"))
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--trafilatura-cache", help="read trafilatura's output from / write it to this JSON file")
    ap.add_argument("--split", action="store_true", help="also report the two halves of the sites")
    ap.add_argument("--per-doc", action="store_true", help="print per-page word F1 of ours (worst first)")
    ap.add_argument("--per-type", action="store_true", help="word P/R/F1 per gold page type")
    ap.add_argument("--save", help="write our output, one JSON object per page, to this file")
    a = ap.parse_args()

    truth = {}
    for line in (WCXB / "truth.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            r = json.loads(line)
            truth[r["id"]] = r
    articles = {i for i, r in truth.items() if r["page_type"] == "article"}
    files = sorted((WCXB / "html").glob("*.html.gz"))
    t0 = time.time()
    ours = run_ours(a.binary, files)
    t_ours = time.time() - t0
    if a.save:
        with open(a.save, "w", encoding="utf-8") as fh:
            for key in sorted(ours):
                fh.write(json.dumps(dict(ours[key], id=key), ensure_ascii=False) + "\n")
    peers = {}
    if not a.no_trafilatura:
        cache = pathlib.Path(a.trafilatura_cache) if a.trafilatura_cache else None
        if cache and cache.exists():
            peers["trafilatura (cached)"] = json.loads(cache.read_text())
        else:
            try:
                t1 = time.time()
                tp, version = run_trafilatura(files)
                print(f"trafilatura {version}: {time.time() - t1:.0f} s")
                peers[f"trafilatura {version}"] = tp
                if cache:
                    cache.write_text(json.dumps(tp))
            except ImportError as exc:
                print(f"trafilatura: cannot import ({exc})")
    print(f"extraction-wcxb-dev: {len(truth)} pages ({len(articles)} articles); ours {t_ours:.0f} s incl. process start")
    all_ids = set(truth)
    halves = [("all sites", all_ids)]
    if a.split:
        def half(i):
            return int(hashlib.sha1(truth[i]["domain"].encode()).hexdigest(), 16) % 2
        halves += [("sites half A", {i for i in all_ids if half(i) == 0}),
                   ("sites half B", {i for i in all_ids if half(i) == 1})]
    for label, ids in halves:
        print(f"{label} ({len(ids)} pages):")
        report("wavelength", ours, truth, ids, articles)
        for name, p in peers.items():
            report(name, p, truth, ids, articles)
    if a.per_type:
        print("word P / R / F1 per gold page type:")
        kinds = sorted({r["page_type"] for r in truth.values()})
        for name, preds in [("wavelength", ours)] + list(peers.items()):
            texts = {k: v.get("text") or "" for k, v in preds.items()}
            cells = []
            for k in kinds:
                w = score(texts, {i for i, r in truth.items() if r["page_type"] == k}, "words")
                cells.append(f"{k[:6]} {w['precision']:.2f}/{w['recall']:.2f}/{w['f1']:.3f}")
            print(f"  {name[:22]:<22} " + "  ".join(cells))
    # Page types.
    conf = collections.Counter()
    confidence = collections.defaultdict(list)
    for i, r in truth.items():
        got = ours.get(i, {}).get("page_type") or "(none)"
        conf[(r["page_type"], got)] += 1
        if "extraction_confidence" in ours.get(i, {}):
            confidence[r["page_type"]].append(ours[i]["extraction_confidence"])
    right = sum(n for (g, p), n in conf.items() if g == p)
    print(f"page type accuracy: {right / len(truth):.3f} ({right}/{len(truth)})")
    kinds = sorted({g for g, _ in conf} | {p for _, p in conf})
    print("  gold \\ ours   " + " ".join(f"{k[:7]:>7}" for k in kinds) + "   mean confidence")
    for g in sorted({g for g, _ in conf}):
        c = confidence.get(g, [])
        print(f"  {g:<13} " + " ".join(f"{conf[(g, k)]:>7}" for k in kinds)
              + (f"   {sum(c) / len(c):.2f}" if c else ""))
    if a.per_doc:
        sys.path.insert(0, str(SCORE.parent))
        import score as sc
        rows = []
        for i, r in truth.items():
            o = ours.get(i, {})
            got = o.get("text") or ""
            ref, pred = collections.Counter(sc.tokenize(r["articleBody"])), collections.Counter(sc.tokenize(got))
            common = sum((ref & pred).values())
            f1 = 2 * common / max(1, sum(ref.values()) + sum(pred.values()))
            rows.append((f1, i, r["page_type"], o.get("page_type"), sum(ref.values()), sum(pred.values())))
        for f1, i, g, p, nr, np in sorted(rows)[:80]:
            print(f"{i}\t{f1:.3f}\tgold {g}\tours {p}\tref {nr}\tpred {np}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
