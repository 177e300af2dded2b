#!/usr/bin/env bash
# Speed of the WaveText tokenizer next to a plain ICU word-break loop, single
# thread, same run; for Japanese with MeCab also next to a plain C loop over
# MeCab (mecab_sparse_tonode2 over the same lines, reading surfaces and features). Input: the `# text` lines of the UD test sets in
# ../shared/data, 10 sentences per line (one document per line), repeated
# until each file holds about 2 MB.
#
#   scripts/bench_tokenizer.sh            # MeCab for Japanese (if installed)
#   scripts/bench_tokenizer.sh --icu-ja   # ICU for Japanese too
#   scripts/bench_tokenizer.sh --icu-sentences    # ICU sentence break instead of the one-pass rule (the default)
# Thread CPU time, best of 5 rounds; ratio = tokenizer time / native time.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
OUT=${TMPDIR:-/tmp}/wavetext-bench
mkdir -p "$OUT"
swift build -c release --product WaveBench >/dev/null
python3 - "$DATA" "$OUT" <<'PY'
import sys, os
data, out = sys.argv[1], sys.argv[2]
sets = {"en": "ud-en-ewt/en_ewt-ud-test.conllu", "ja": "ud-ja-gsd/ja_gsd-ud-test.conllu",
        "ko": "ud-ko-kaist/ko_kaist-ud-test.conllu"}
for lang, rel in sets.items():
    texts = [l[len("# text = "):].rstrip("\n") for l in open(os.path.join(data, rel), encoding="utf-8")
             if l.startswith("# text = ")]
    sep = "" if lang == "ja" else " "
    docs = [sep.join(texts[i:i + 10]) for i in range(0, len(texts), 10)]
    body = "\n".join(docs) + "\n"
    reps = max(1, 2_000_000 // len(body.encode("utf-8")))
    open(os.path.join(out, lang + ".txt"), "w", encoding="utf-8").write(body * reps)
# Whole news articles (one per line, paragraphs joined by U+2029), when present.
import csv, json
csv.field_size_limit(10**9)
wn = os.path.join(data, "wikinews-en-sample")
if os.path.isdir(wn):
    docs = []
    for f in sorted(os.listdir(wn)):
        if f.endswith(".csv"):
            rows = list(csv.reader(open(os.path.join(wn, f), encoding="utf-8")))[1:]
            docs += [r[3].replace("\n", "\u2029") for r in rows if len(r) > 3]
    open(os.path.join(out, "en_articles.txt"), "w", encoding="utf-8").write("\n".join(docs) + "\n")
ld = os.path.join(data, "livedoor-news-ja", "livedoor_news_ja.jsonl")
if os.path.exists(ld):
    docs = []
    for i, l in enumerate(open(ld, encoding="utf-8")):
        if i >= 800: break
        docs.append(json.loads(l)["body"].replace("\n", "\u2029"))
    open(os.path.join(out, "ja_articles.txt"), "w", encoding="utf-8").write("\n".join(docs) + "\n")
PY
echo "== UD sentences, 10 per document"
.build/release/WaveBench tokenizer-speed "$@" en="$OUT/en.txt" ja="$OUT/ja.txt" ko="$OUT/ko.txt"
if [ -f "$OUT/en_articles.txt" ]; then
  echo "== news articles (Wikinews en, livedoor ja), one per document"
  .build/release/WaveBench tokenizer-speed "$@" en="$OUT/en_articles.txt" ja="$OUT/ja_articles.txt" | tail -n +3
fi
