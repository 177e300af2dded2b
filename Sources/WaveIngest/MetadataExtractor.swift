import Foundation

/// Page metadata: title, authors, date, canonical URL, site name and declared
/// language, from `<meta>`, JSON-LD, `<link>` and a few visible patterns.
struct PageMetadata: Sendable {
    var title: String?
    var authors: [String] = []
    var date: String?
    /// Why the date the metadata declares was left out, if it was.
    var dateWarning: String?
    var url: String?
    var site: String?
    var language: String?
    /// JSON-LD `@type`s on the page, lowercased (for the page type).
    var structuredTypes: Set<String> = []
    /// `og:type`, lowercased.
    var openGraphType: String?
    /// The page's own summary: `og:description`, `description`, `twitter:description`.
    var description: String?
    /// Main text the page declares in JSON-LD: `articleBody`, or the `text` of a
    /// posting or question, or a product's `description` (the longest such value).
    var structuredText: String?
}

struct MetadataExtractor {
    let tree: DOMTree

    private var meta: [String: [String]] = [:]
    private var jsonLD: [[String: Any]] = []

    init(tree: DOMTree) {
        self.tree = tree
        for i in tree.elements(named: "meta") {
            guard let content = tree.attribute("content", of: i) else { continue }
            let value = TextUtil.collapseWhitespace(content)
            guard !value.isEmpty else { continue }
            for key in ["property", "name", "itemprop", "http-equiv"] {
                if let k = tree.attribute(key, of: i) { meta[k.lowercased(), default: []].append(value) }
            }
        }
        for i in tree.elements(named: "script") {
            guard let type = tree.attribute("type", of: i), Self.isJSONLDType(type) else { continue }
            let raw = tree.children(i).map { tree.nodeText($0) }.joined()
            jsonLD.append(contentsOf: Self.jsonObjects(raw))
        }
    }

    /// Whether a `<script type>` names JSON-LD: `type.lowercased().contains("ld+json")`
    /// (Foundation's), answered on bytes when the value is ASCII (then both agree
    /// exactly). The tree builders use it too, to keep only JSON-LD script text scanned.
    static func isJSONLDType(_ type: String) -> Bool {
        if type.utf8.allSatisfy({ $0 < 0x80 }) { return TextUtil.containsASCIICaseInsensitive(type, "ld+json") }
        return type.lowercased().contains("ld+json")
    }

    private func metaValue(_ keys: String...) -> String? {
        for k in keys { if let v = meta[k]?.first, !v.isEmpty { return v } }
        return nil
    }

    // MARK: JSON-LD

    private static let articleTypes: Set<String> = [
        "newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "techarticle", "scholarlyarticle", "socialmediaposting", "liveblogposting", "backgroundnewsarticle",
        "reviewnewsarticle", "report", "webpage", "posting",
    ]

    /// Objects in a JSON-LD block, flattening arrays and `@graph`; tolerant of junk.
    static func jsonObjects(_ raw: String) -> [[String: Any]] {
        var text = TextUtil.trim(raw)
        if text.hasPrefix("<!--") { text = String(text.dropFirst(4)) }
        if text.hasSuffix("-->") { text = String(text.dropLast(3)) }
        if text.hasSuffix(";") { text = String(text.dropLast()) }
        guard let data = text.data(using: .utf8), !data.isEmpty else { return [] }
        var top: Any? = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        if top == nil {
            // Control characters inside strings are a common defect.
            let cleaned = String(text.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
            top = try? JSONSerialization.jsonObject(with: Data(cleaned.utf8), options: [.fragmentsAllowed])
        }
        guard let top else { return [] }
        var out: [[String: Any]] = []
        var queue: [Any] = [top]
        var steps = 0
        while let item = queue.popLast(), steps < 1000 {
            steps += 1
            if let arr = item as? [Any] { queue.append(contentsOf: arr.reversed()) }
            else if let obj = item as? [String: Any] {
                out.append(obj)
                if let g = obj["@graph"] { queue.append(g) }
            }
        }
        return out
    }

    private static func types(_ obj: [String: Any]) -> [String] {
        if let t = obj["@type"] as? String { return [t.lowercased()] }
        if let t = obj["@type"] as? [Any] { return t.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    /// The JSON-LD object describing the article, if any.
    private var articleObject: [String: Any]? {
        let arts = jsonLD.filter { Self.types($0).contains { Self.articleTypes.contains($0) && $0 != "webpage" } }
        if let a = arts.first(where: { $0["headline"] != nil || $0["datePublished"] != nil }) ?? arts.first { return a }
        return jsonLD.first { Self.types($0).contains("webpage") && ($0["headline"] != nil || $0["datePublished"] != nil) }
    }

    private static func string(_ v: Any?) -> String? {
        if let s = v as? String { let t = TextUtil.collapseWhitespace(s); return t.isEmpty ? nil : t }
        if let a = v as? [Any] { return a.lazy.compactMap { string($0) }.first }
        if let o = v as? [String: Any] { return string(o["name"] ?? o["@value"]) }
        return nil
    }

    private static func names(_ v: Any?) -> [String] {
        if let s = v as? String { return [s] }
        if let o = v as? [String: Any] { return string(o["name"]).map { [$0] } ?? [] }
        if let a = v as? [Any] { return a.flatMap { names($0) } }
        return []
    }

    /// JSON-LD types whose `description` is the page's main text.
    private static let describedTypes: Set<String> = ["product", "productgroup", "individualproduct", "service", "course", "event"]

    /// The longest main-text value declared in JSON-LD (see ``PageMetadata/structuredText``).
    private var structuredText: String? {
        var best: String?
        func consider(_ v: Any?) {
            guard let s = v as? String else { return }
            if s.utf8.count > (best?.utf8.count ?? 0) { best = s }
        }
        for obj in jsonLD {
            let types = Self.types(obj)
            consider(obj["articleBody"])
            if types.contains(where: { $0 == "discussionforumposting" || $0 == "question" || $0 == "answer" || $0 == "comment" }) {
                consider(obj["text"])
            }
            if types.contains(where: { Self.describedTypes.contains($0) }) { consider(obj["description"]) }
            if let main = obj["mainEntity"] as? [String: Any] { consider(main["text"]) }
        }
        return best.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    // MARK: fields

    func extract(pageURL: String? = nil) -> PageMetadata {
        var m = PageMetadata()
        let article = articleObject
        // Site.
        let publisher = (article?["publisher"]).flatMap { Self.string($0) }
            ?? jsonLD.first { Self.types($0).contains { $0 == "organization" || $0 == "newsmediaorganization" || $0 == "website" } }
                .flatMap { Self.string($0["name"]) }
        let htmlTitle = tree.first("title").map { tree.text(of: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        m.site = metaValue("og:site_name") ?? publisher ?? metaValue("application-name", "twitter:site").map {
            $0.hasPrefix("@") ? String($0.dropFirst()) : $0
        }
        if m.site == nil, let t = htmlTitle {
            let parts = Self.splitTitle(t)
            if parts.count > 1, let last = parts.last, last.split(separator: " ").count <= 4 { m.site = last }
        }
        // Title.
        let h1 = tree.first("h1").map { tree.text(of: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        // The first candidate that is not just the site name.
        let candidates: [String?] = [metaValue("og:title"), metaValue("twitter:title"),
                                     (article?["headline"]).flatMap { Self.string($0) }, h1, htmlTitle]
        let siteKey = m.site.map { $0.lowercased().filter { $0.isLetter || $0.isNumber } }
        let rawTitle = candidates.compactMap { $0 }.first { t in
            siteKey == nil || t.lowercased().filter { $0.isLetter || $0.isNumber } != siteKey
        } ?? candidates.compactMap { $0 }.first
        m.title = rawTitle.map { Self.cleanTitle($0, site: m.site) }
        // Canonical URL.
        var canonical: String?
        for i in tree.elements(named: "link") {
            if let rel = tree.attribute("rel", of: i), rel.lowercased().split(separator: " ").contains("canonical"),
               let href = tree.attribute("href", of: i), !href.isEmpty { canonical = href; break }
        }
        m.url = canonical ?? metaValue("og:url") ?? pageURL
        // Authors.
        var authors: [String] = []
        if let a = article?["author"] { authors = Self.names(a) }
        if authors.isEmpty, let a = meta["author"] ?? meta["byl"] ?? meta["sailthru.author"] ?? meta["parsely-author"] ?? meta["dc.creator"] {
            authors = a
        }
        if authors.isEmpty, let a = meta["article:author"] {
            authors = a.filter { !$0.hasPrefix("http") && !$0.contains("/") }
        }
        if authors.isEmpty {
            for i in tree.subtree(of: tree.root ?? 0) where !tree.nodes[i].isText {
                if tree.nodes[i].name == "a", let rel = tree.attribute("rel", of: i), rel.lowercased() == "author" {
                    let t = tree.text(of: i); if !t.isEmpty { authors.append(t) }
                }
            }
        }
        if authors.isEmpty { authors = visibleByline() }
        m.authors = Self.cleanAuthors(authors)
        // Date.
        let dateCandidates: [String?] = [
            (article?["datePublished"]).flatMap { Self.string($0) },
            metaValue("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                      "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
                      "article.published", "published-date", "citation_publication_date", "og:updated_time"),
            (article?["dateCreated"]).flatMap { Self.string($0) },
            tree.elements(named: "time").lazy.compactMap { tree.attribute("datetime", of: $0) }.first,
        ]
        for c in dateCandidates { if let c, let d = DateParser.normalize(c) { m.date = d; break } }
        if m.date == nil, let declared = dateCandidates.prefix(3).lazy.compactMap({ $0 }).first {
            m.dateWarning = DateParser.rejection(declared)
        }
        if m.date == nil { m.date = visibleDate() }
        if m.date == nil, let u = m.url ?? pageURL { m.date = DateParser.fromURL(u) }
        // Language.
        var lang = tree.root.flatMap { tree.attribute("lang", of: $0) ?? tree.attribute("xml:lang", of: $0) }
        if lang?.isEmpty ?? true { lang = metaValue("content-language", "og:locale", "language", "dc.language") }
        m.language = lang.flatMap(Self.primaryLanguage)
        m.structuredTypes = Set(jsonLD.flatMap { Self.types($0) })
        m.openGraphType = metaValue("og:type")?.lowercased()
        m.description = metaValue("og:description", "description", "twitter:description")
        m.structuredText = structuredText
        return m
    }

    static func primaryLanguage(_ raw: String) -> String? {
        let first = raw.split { $0 == "," || $0 == " " }.first.map(String.init) ?? raw
        let p = first.split { $0 == "-" || $0 == "_" }.first.map { $0.lowercased() } ?? ""
        guard p.count >= 2, p.count <= 3, p.allSatisfy({ $0.isLetter && $0.isASCII }) else { return nil }
        return p
    }

    static let titleSeparators = [" | ", " - ", " — ", " – ", " :: ", " « ", " » ", "｜", " · ", " • ", "|", "：", " ── "]

    /// `t.contains(sep)` (Foundation's), answered on bytes when `t` is ASCII:
    /// then no separator can match but byte for byte.
    static func containsSeparator(_ t: String, _ sep: String) -> Bool {
        var t = t, sep = sep
        let ascii: Bool? = t.withUTF8 { tb -> Bool? in
            var i = 0
            let n = tb.count
            if let base = tb.baseAddress {
                while i + 8 <= n {
                    if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return nil }
                    i += 8
                }
            }
            while i < n { if tb[i] >= 0x80 { return nil }; i += 1 }
            return sep.withUTF8 { sb in
                guard let first = sb.first, tb.count >= sb.count else { return sb.isEmpty }
                var i = 0
                while i <= tb.count - sb.count {
                    if tb[i] == first {
                        var k = 1
                        while k < sb.count && tb[i + k] == sb[k] { k += 1 }
                        if k == sb.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
        return ascii ?? t.contains(sep)
    }

    static func splitTitle(_ t: String) -> [String] {
        for sep in titleSeparators where containsSeparator(t, sep) {
            let parts = t.components(separatedBy: sep).map { TextUtil.trim($0) }.filter { !$0.isEmpty }
            if parts.count > 1 { return parts }
        }
        return [t]
    }

    /// Removes the site name from a title ("Headline | Site" → "Headline").
    static func cleanTitle(_ raw: String, site: String?) -> String {
        let t = TextUtil.collapseWhitespace(raw)
        let parts = splitTitle(t)
        guard parts.count > 1 else { return t }
        let norm = { (s: String) in s.lowercased().filter { $0.isLetter || $0.isNumber } }
        if let site {
            let s = norm(site)
            let kept = parts.filter { p in let n = norm(p); return !(n == s || (!s.isEmpty && (n.hasPrefix(s) || s.hasPrefix(n)) && n.count < s.count + 12 && !n.isEmpty && p.count < 40 && (s.contains(n) || n.contains(s)))) }
            if kept.count < parts.count && !kept.isEmpty {
                // Rejoin with the separator actually used.
                for sep in titleSeparators where containsSeparator(t, sep) { return kept.joined(separator: sep) }
            }
        }
        // No site match: drop a short trailing segment only when the head is long.
        if let last = parts.last, last.split(separator: " ").count <= 3, parts.dropLast().joined().count >= 20,
           parts.count == 2 || last.count < 25 {
            for sep in titleSeparators where containsSeparator(t, sep) {
                if let r = t.range(of: sep, options: .backwards) { return TextUtil.trim(t[..<r.lowerBound]) }
            }
        }
        return t
    }

    /// Cleans names: drops "By", roles, affiliations, URLs, duplicates; splits lists.
    static func cleanAuthors(_ raw: [String]) -> [String] {
        var out: [String] = []
        for item in raw {
            var s = TextUtil.collapseWhitespace(item)
            if s.hasPrefix("http") || s.contains("@") && !s.contains(" ") { continue }
            for prefix in ["by ", "By ", "BY ", "Written by ", "written by ", "Posted by ", "Words by ", "Text: ", "Texto: ",
                           "Текст: ", "Por ", "por ", "Von ", "von ", "Par ", "par ", "Di ", "文・", "文：", "文/", "記者 "] where s.hasPrefix(prefix) {
                s = String(s.dropFirst(prefix.count))
            }
            // An ASCII name: Foundation's searches below find exactly the byte
            // matches, and the non-ASCII patterns cannot match (byte paths).
            let ascii = s.utf8.allSatisfy { $0 < 0x80 }
            // "X for The Daily Y", "X, Reuters", "X | Reporter".
            for cut in [" for ", " | ", "|", ", Reporter", " - ", " — "] {
                if ascii {
                    if let k = Self.firstASCIIMatch(s, cut) { s = String(decoding: s.utf8.prefix(k), as: UTF8.self) }
                } else if let r = s.range(of: cut) { s = String(s[..<r.lowerBound]) }
            }
            for suffix in [" 기자", "기자", " 特派員", " 記者", "記者", " 編集部"] where s.hasSuffix(suffix) && s.count > suffix.count + 1 {
                s = String(s.dropLast(suffix.count))
            }
            let joined = ascii ? s.replacingAll(" and ", with: ",").replacingAll(" & ", with: ",")
                : s.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " & ", with: ",")
                    .replacingOccurrences(of: "、", with: ",").replacingOccurrences(of: "・", with: ",")
            let pieces = joined.split(separator: ",").map { TextUtil.trim($0) }
            for p in pieces where !p.isEmpty && p.count <= 60 {
                let words = p.split(separator: " ")
                if words.count > 6 { continue }
                if !out.contains(p) { out.append(p) }
            }
        }
        return out
    }

    /// Byte offset of the first occurrence of `needle` in the ASCII string `s`
    /// (nil if none; a non-ASCII needle never occurs in ASCII text).
    static func firstASCIIMatch(_ s: String, _ needle: String) -> Int? {
        let h = Array(s.utf8), n = Array(needle.utf8)
        guard let first = n.first, h.count >= n.count else { return nil }
        var i = 0
        while i <= h.count - n.count {
            if h[i] == first {
                var k = 1
                while k < n.count && h[i + k] == n[k] { k += 1 }
                if k == n.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// A visible byline: "By X and Y" in an element whose class mentions byline/author,
    /// or Korean "홍길동 기자" / Japanese 「文・名前」.
    private func visibleByline() -> [String] {
        for i in tree.subtree(of: tree.root ?? 0) where !tree.nodes[i].isText && tree.nodes[i].attributeCount != 0 {
            // "byline" or "author" in class, id, itemprop or rel (ASCII case-insensitive).
            var marked = false
            for (k, v) in tree.attributes(i) where k == "class" || k == "id" || k == "itemprop" || k == "rel" {
                if TextUtil.containsASCIICaseInsensitive(v, "byline", or: "author") {
                    marked = true; break
                }
            }
            guard marked else { continue }
            // Not a comment form's "Name (required)" label.
            if tree.ancestors(of: i).contains(where: { tree.nodes[$0].name == "form" }) { continue }
            let t = tree.text(of: i)
            guard !t.isEmpty, t.count < 120 else { continue }
            if let r = t.range(of: "By ", options: [.caseInsensitive]), r.lowerBound == t.startIndex || t[t.index(before: r.lowerBound)] == " " {
                var rest = String(t[r.upperBound...])
                for stop in [" Updated", " Published", " |", " ·", "\n"] {
                    if let s = rest.range(of: stop) { rest = String(rest[..<s.lowerBound]) }
                }
                return [rest]
            }
            if t.split(separator: " ").count <= 5 { return [t] }
        }
        // CJK bylines in short text nodes.
        var seen = 0
        for i in tree.subtree(of: tree.root ?? 0) where tree.nodes[i].isText {
            guard tree.nodes[i].textCount <= 160, tree.withNodeText(i, { $0.contains { $0 >= 0x80 } }) else { continue }
            let raw = tree.nodeText(i)
            // Every pattern below needs 文, 記者 or 기자: skip the rest cheaply.
            guard TextUtil.containsASCIICaseInsensitive(raw, "文") || TextUtil.containsASCIICaseInsensitive(raw, "記者") ||
                TextUtil.containsASCIICaseInsensitive(raw, "기자") else {
                // Still count it, as the cap on examined nodes did.
                let t = TextUtil.collapseWhitespace(raw)
                if !t.isEmpty && t.count <= 40 { seen += 1; if seen > 5000 { break } }
                continue
            }
            let t = TextUtil.collapseWhitespace(raw)
            guard !t.isEmpty, t.count <= 40 else { continue }
            seen += 1
            if seen > 5000 { break }
            if let r = t.range(of: "文・") ?? t.range(of: "文／") {
                let name = t[r.upperBound...].prefix { !"）)」 　".contains($0) }
                if !name.isEmpty { return [String(name)] }
            }
            if let r = t.range(of: "記者 ") ?? t.range(of: "記者　") {
                let name = t[r.upperBound...].prefix { !"）)」 　".contains($0) }
                if !name.isEmpty && name.count <= 10 { return [String(name)] }
            }
            if let r = t.range(of: " 기자") ?? t.range(of: "기자 ") ?? (t.hasSuffix("기자") ? t.range(of: "기자", options: .backwards) : nil) {
                let before = t[..<r.lowerBound].split(separator: " ").last.map(String.init) ?? ""
                let name = before.filter { ("가"..."힣").contains($0) }
                if name.count >= 2 && name.count <= 4 { return [name] }
            }
        }
        return []
    }

    /// `TextUtil.collapseWhitespace(utf8: b)`, or of a start of `b` whose collapsed text is
    /// the same up to (and beyond) its 80th Character: what ``visibleDate()`` reads of a
    /// long text run (script code, a long paragraph) without copying all of it. The cut
    /// falls on a scalar boundary, so the collapsed start is a prefix of the collapsed
    /// whole, and Character boundaries before its last scalar are those of the whole; with
    /// 81 Characters or more, its first 80 are the whole's. Otherwise the whole is collapsed.
    static func leadingCollapsedText(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var cut = 1024
        guard b.count > cut else { return TextUtil.collapseWhitespace(utf8: b) }
        while cut > 0 && b[cut] & 0xC0 == 0x80 { cut -= 1 }
        let start = TextUtil.collapseWhitespace(utf8: UnsafeBufferPointer(rebasing: b[..<cut]))
        if start.index(start.startIndex, offsetBy: 81, limitedBy: start.endIndex) != nil { return start }
        return TextUtil.collapseWhitespace(utf8: b)
    }

    /// A dateline near the top of the visible text.
    private func visibleDate() -> String? {
        var checked = 0
        for i in tree.subtree(of: tree.root ?? 0) where tree.nodes[i].isText {
            guard tree.nodes[i].textCount >= 8 else { continue }
            // No ASCII digit in the bytes: none after collapsing either (skip the String).
            guard tree.withNodeText(i, { $0.contains { $0 >= 48 && $0 <= 57 } }) else { continue }
            let t = tree.withNodeText(i) { Self.leadingCollapsedText($0) }
            // `t.count >= 8` without counting the Characters of a long text.
            guard t.index(t.startIndex, offsetBy: 8, limitedBy: t.endIndex) != nil,
                  t.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else { continue }
            checked += 1
            if checked > 400 { break }
            if let d = DateParser.normalize(String(t.prefix(80))) { return d }
        }
        return nil
    }
}
