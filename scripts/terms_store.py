"""Reader of tokens.wlt, the token store a `wavelength run` writes (format in
Sources/WaveTerms/TokenStore.swift and TokenStore+Sentences.swift).

read_documents(path) yields every document as (fields, sentences): fields are id, language,
focus, site, date, theme, title; a sentence is (text, [(start, end, is_content, term), ...]).
read_content_terms(path) gives (document id, [content term, ...]) in store order.
tsv_lines(path) renders the store as the lines of the tokens.tsv earlier versions wrote,
so that a store can be compared with an older run's (scripts/golden_check.py)."""
import zlib

MAGIC = b"\x89WLT\r\n\x1a\n"
VERSION = 1


def _varint(b, i):
    value = shift = 0
    while True:
        if i >= len(b) or shift >= 64:
            raise ValueError("truncated varint")
        c = b[i]
        i += 1
        value |= (c & 0x7F) << shift
        if c < 0x80:
            return value, i
        shift += 7


def _ends_token(c):
    return c < 0x80 and not (0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A)


def _lower(bs):
    return bytes(c + 32 if 0x41 <= c <= 0x5A else c for c in bs)


def _sentences(body, i):
    out = []
    while i < len(body):
        if body[i] == 0xF6:  # explicit form
            n, i = _varint(body, i + 1)
            text = body[i:i + n].decode("utf-8", "replace"); i += n
            count, i = _varint(body, i)
            tokens = []
            for _ in range(count):
                a, i = _varint(body, i)
                e, i = _varint(body, i)
                a, e = (a >> 1) ^ -(a & 1), (e >> 1) ^ -(e & 1)
                flag = body[i]; i += 1
                n, i = _varint(body, i)
                tokens.append((a, e, flag == 1, body[i:i + n].decode("utf-8", "replace"))); i += n
            out.append((text, tokens))
            continue
        text = bytearray()
        tokens = []
        open_ = None  # (start, content, marked)

        def close(term):
            tokens.append((open_[0], len(text), open_[1], term.decode("utf-8", "replace")))
        while True:
            c = body[i]; i += 1
            if c == 0xF5:
                if open_:
                    close(_lower(text[open_[0]:]))
                break
            if c in (0xF8, 0xF9, 0xFA, 0xFB):
                if open_:
                    close(_lower(text[open_[0]:]))
                open_ = (len(text), c & 1 == 1, c >= 0xFA)
            elif c in (0xFC, 0xFD):
                close(_lower(text[open_[0]:]) if c == 0xFC else bytes(text[open_[0]:])); open_ = None
            elif c == 0xFE:
                end = body.index(0xFF, i)
                close(body[i:end]); open_ = None; i = end + 1
            else:
                if open_ and not open_[2] and _ends_token(c):
                    close(_lower(text[open_[0]:])); open_ = None
                text.append(c)
        out.append((text.decode("utf-8", "replace"), tokens))
    return out


def read_documents(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(MAGIC):
        raise SystemExit(f"{path}: not a Wavelength token store")
    if data[len(MAGIC)] != VERSION:
        raise SystemExit(f"{path}: token store version {data[len(MAGIC)]}, this reader knows {VERSION}")
    i = len(MAGIC) + 1
    while i < len(data):
        if data[i] != 0x44:
            raise SystemExit(f"{path}: byte {i}: not a document segment")
        raw, i = _varint(data, i + 1)
        packed, i = _varint(data, i)
        body = zlib.decompress(data[i:i + packed])
        i += packed
        if len(body) != raw:
            raise SystemExit(f"{path}: a body's length is not the one recorded")
        fields, j = [], 0
        for _ in range(7):
            n, j = _varint(body, j)
            fields.append(body[j:j + n].decode("utf-8", "replace")); j += n
        yield fields, _sentences(body, j)


def read_content_terms(path):
    """List of (document id, [content term, ...]) in store order."""
    return [(fields[0], [t for _, tokens in sentences for _, _, content, t in tokens if content])
            for fields, sentences in read_documents(path)]


def _escape(s, space=False):
    s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return s.replace(" ", "\\s") if space else s


def tsv_lines(path):
    """The store as the lines of tokens.tsv (header first, each with its newline)."""
    yield "#wavelength-tokens\t1\n"
    for fields, sentences in read_documents(path):
        yield "D\t" + "\t".join(_escape(f) for f in fields) + "\n"
        for text, tokens in sentences:
            spans = " ".join(f"{a}:{e}:{'c' if c else 's'}:{_escape(t, True)}" for a, e, c, t in tokens)
            yield f"S\t{_escape(text)}\t{spans}\n"
