"""Reader of tokens.tsv, the token store a `wavelength run` writes (format in
Sources/WaveTerms/TokenStore.swift): yields (document id, content terms)."""

ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "s": " "}


def unescape(field):
    if "\\" not in field:
        return field
    out, i = [], 0
    while i < len(field):
        ch = field[i]
        if ch == "\\" and i + 1 < len(field):
            out.append(ESCAPES.get(field[i + 1], field[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def read_content_terms(path):
    """List of (document id, [content term, ...]) in store order."""
    docs = []
    with open(path, encoding="utf-8") as f:
        header = f.readline()
        if not header.startswith("#wavelength-tokens\t"):
            raise SystemExit(f"{path}: not a Wavelength token store")
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("D\t"):
                docs.append((unescape(line.split("\t")[1]), []))
            elif line.startswith("S\t"):
                tokens = line.split("\t")[2]
                if not tokens:
                    continue
                terms = docs[-1][1]
                for entry in tokens.split(" "):
                    start, end, flag, term = entry.split(":", 3)
                    if flag == "c":
                        terms.append(unescape(term))
    return docs
