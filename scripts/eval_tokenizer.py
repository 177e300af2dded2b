#!/usr/bin/env python3
"""Scores the WaveText tokenizer against Universal Dependencies gold data.

Runs the release build of `WaveBench tokens` (one sentence per line on stdin, one
JSON line of token spans out) and compares spans exactly:

* English (UD EWT) and Japanese (UD GSD, short-unit words): surface-token
  spans (a multiword range such as `don't` is one surface token).
* Korean (UD Kaist, and UD GSD as a second set): content-word level. The gold
  stem of an eojeol is its FORM without its trailing particles, the trailing
  morphemes whose XPOS is a particle (KAIST `j*` except the copula `jp`;
  Sejong `J*`), read from LEMMA/XPOS; the tokenizer's stem is the token
  without the particle it stripped (`stems` from `WaveBench tokens`). Also
  reported: F1 over stems + particle spans, and noun-stem recall (gold
  eojeols whose first morpheme is a noun).

Punctuation is left out on both sides: tokens with no letter or digit.

Usage: scripts/eval_tokenizer.py [--data DIR] [--bin PATH] [--quick]
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def has_alnum(s):
    return any(ch.isalnum() for ch in s)


def read_conllu(path):
    """Yields (text, tokens) with tokens = list of (form, lemma, xpos)."""
    text, toks, skip_to = None, [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if text is not None and toks:
                    yield text, toks
                text, toks, skip_to = None, [], 0
            else:
                cols = line.split("\t")
                if len(cols) != 10:
                    continue
                tid = cols[0]
                if "." in tid:
                    continue
                if "-" in tid:
                    a, b = tid.split("-")
                    skip_to = int(b)
                    toks.append((cols[1], cols[2], cols[4]))
                    continue
                if int(tid) <= skip_to:
                    continue
                toks.append((cols[1], cols[2], cols[4]))
    if text is not None and toks:
        yield text, toks


def align(text, forms):
    """Character spans of forms in text, in order; None if they do not align."""
    spans, cur = [], 0
    for form in forms:
        i = text.find(form, cur)
        if i < 0:
            return None
        spans.append((i, i + len(form)))
        cur = i + len(form)
    return spans


def is_particle(tag):
    t = tag.lower()
    return t.startswith("j") and t != "jp"


def korean_units(form, lemma, xpos):
    """(stem length, particle length) in characters."""
    morphs, tags = lemma.split("+"), xpos.split("+")
    if len(morphs) != len(tags) or len(morphs) < 2:
        return len(form), 0
    k = len(tags)
    while k > 1 and is_particle(tags[k - 1]):
        k -= 1
    particle = "".join(morphs[k:])
    if particle and form.endswith(particle) and len(particle) < len(form):
        return len(form) - len(particle), len(particle)
    return len(form), 0


def run_bench(binary, lang, lines, extra):
    inp = "\n".join(lines) + "\n"
    out = subprocess.run([binary, "tokens", "--lang", lang] + extra, input=inp.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    return [json.loads(l) for l in out.splitlines()]


def byte_to_char(text):
    m, b = {}, 0
    for i, ch in enumerate(text):
        m[b] = i
        b += len(ch.encode("utf-8"))
    m[b] = len(text)
    return m


def prf(tp, ng, np_):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(binary, path, lang, korean=False, extra=(), limit=None):
    sents = []
    for text, toks in read_conllu(path):
        spans = align(text, [t[0] for t in toks])
        if spans is None:
            continue
        sents.append((text, toks, spans))
        if limit and len(sents) >= limit:
            break
    results = run_bench(binary, lang, [s[0] for s in sents], list(extra))
    tp = ng = np_ = 0
    utp = ung = unp = 0
    noun_hit = noun_all = 0
    backend = results[0]["backend"] if results else "?"
    for (text, toks, spans), res in zip(sents, results):
        b2c = byte_to_char(text)
        if korean:
            gold, gold_units, nouns = set(), set(), set()
            for (form, lemma, xpos), (s, e) in zip(toks, spans):
                if not has_alnum(form):
                    continue
                stem, part = korean_units(form, lemma, xpos)
                gold.add((s, s + stem))
                gold_units.add((s, s + stem))
                if part:
                    gold_units.add((s + stem, e))
                if xpos.lower().startswith("n"):
                    nouns.add((s, s + stem))
            pred, pred_units = set(), set()
            for surface, (bs, be), (ss, se) in zip(res["tokens"], res["spans"], res["stems"]):
                if not has_alnum(surface):
                    continue
                s, e, st = b2c[bs], b2c[be], b2c[se]
                pred.add((s, st))
                pred_units.add((s, st))
                if st < e:
                    pred_units.add((st, e))
            tp += len(gold & pred); ng += len(gold); np_ += len(pred)
            utp += len(gold_units & pred_units); ung += len(gold_units); unp += len(pred_units)
            noun_hit += len(nouns & pred); noun_all += len(nouns)
        else:
            gold = {sp for (form, _, _), sp in zip(toks, spans) if has_alnum(form)}
            pred = {(b2c[bs], b2c[be]) for surface, (bs, be) in zip(res["tokens"], res["spans"]) if has_alnum(surface)}
            tp += len(gold & pred); ng += len(gold); np_ += len(pred)
    out = {"sentences": len(sents), "backend": backend, "prf": prf(tp, ng, np_)}
    if korean:
        out["units"] = prf(utp, ung, unp)
        out["noun_recall"] = noun_hit / noun_all if noun_all else 0.0
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "WaveBench"))
    ap.add_argument("--quick", action="store_true", help="first 300 sentences of each set")
    ap.add_argument("--json", help="also write the results as JSON here")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found: run `swift build -c release --product WaveBench` first")
    limit = 300 if args.quick else None
    d = args.data
    runs = [
        ("English (UD EWT, surface tokens)", "ud-en-ewt/en_ewt-ud-test.conllu", "en", False, []),
        ("Japanese (UD GSD, SUW)", "ud-ja-gsd/ja_gsd-ud-test.conllu", "ja", False, []),
        ("Japanese (UD GSD, SUW), ICU fallback", "ud-ja-gsd/ja_gsd-ud-test.conllu", "ja", False, ["--icu-ja"]),
        ("Korean (UD Kaist, content words)", "ud-ko-kaist/ko_kaist-ud-test.conllu", "ko", True, []),
        ("Korean (UD Kaist), no particle stripping", "ud-ko-kaist/ko_kaist-ud-test.conllu", "ko", True, ["--no-josa"]),
        ("Korean (UD GSD, content words)", "ud-ko-gsd/ko_gsd-ud-test.conllu", "ko", True, []),
    ]
    table = []
    print(f"{'set':44} {'backend':8} {'sents':>6} {'P':>6} {'R':>6} {'F1':>6}  extra")
    for name, rel, lang, korean, extra in runs:
        path = os.path.join(d, rel)
        if not os.path.exists(path):
            print(f"{name:44} missing {path}")
            continue
        r = evaluate(args.bin, path, lang, korean, extra, limit)
        p, rr, f = r["prf"]
        more = ""
        if korean:
            up, ur, uf = r["units"]
            more = f"stem+particle F1 {uf:.3f}; noun-stem recall {r['noun_recall']:.3f}"
        print(f"{name:44} {r['backend']:8} {r['sentences']:6d} {p:6.3f} {rr:6.3f} {f:6.3f}  {more}")
        table.append(dict(name=name, **r))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(table, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
