/// Reads RSS 0.9x/1.0/2.0, Atom and NITF documents (already parsed into a
/// ``DOMTree``) into articles.
struct FeedReader {
    let tree: DOMTree
    let path: String
    let encoding: String

    /// Local name, ignoring a namespace prefix.
    private func local(_ i: Int) -> String {
        let n = tree.nodes[i].name
        if let c = n.lastIndex(of: ":") { return String(n[n.index(after: c)...]) }
        return n
    }
    private func prefixed(_ i: Int) -> String { tree.nodes[i].name }

    private func childText(_ i: Int, _ names: String...) -> String? {
        for name in names {
            for c in tree.children(i) where !tree.nodes[c].isText {
                if (name.contains(":") ? prefixed(c) : local(c)) == name {
                    let t = tree.text(of: c)
                    if !t.isEmpty { return t }
                }
            }
        }
        return nil
    }

    private func rawChildText(_ i: Int, _ name: String) -> String? {
        for c in tree.children(i) where !tree.nodes[c].isText && (name.contains(":") ? prefixed(c) : local(c)) == name {
            return tree.children(c).filter { tree.nodes[$0].isText }.map { tree.nodeText($0) }.joined()
        }
        return nil
    }

    /// Paragraphs of an HTML fragment (scripts removed, nothing else).
    static func htmlParagraphs(_ html: String) -> [String] {
        let trimmed = TextUtil.trim(html)
        if trimmed.isEmpty { return [] }
        if !trimmed.contains("<") {
            let decoded = TextUtil.decodeBasicEntities(trimmed)
            return decoded.components(separatedBy: "\n\n").map { TextUtil.collapseWhitespace($0) }.filter { !$0.isEmpty }
        }
        guard let t = LibXMLParser.parseHTML(Array(("<html><body>" + trimmed + "</body></html>").utf8)) else { return [] }
        var ex = HTMLExtractor(tree: t, removeBoilerplate: false)
        return ex.paragraphs()
    }

    func rss(format: SourceFormat = .rss) -> [Article] {
        guard let root = tree.root else { return [] }
        let channel = tree.children(root).first { local($0) == "channel" }
        let site = channel.flatMap { childText($0, "title") }
        let lang = channel.flatMap { childText($0, "language", "dc:language") }.flatMap(MetadataExtractor.primaryLanguage)
        // RSS 2.0: items inside channel; RSS 1.0: items are siblings of channel.
        var items: [Int] = []
        for i in tree.descendants(of: root) where !tree.nodes[i].isText && local(i) == "item" { items.append(i) }
        var out: [Article] = []
        for (n, item) in items.enumerated() {
            let html = rawChildText(item, "content:encoded") ?? rawChildText(item, "encoded")
            var paragraphs = html.map(Self.htmlParagraphs) ?? []
            if paragraphs.isEmpty, let d = rawChildText(item, "description") { paragraphs = Self.htmlParagraphs(d) }
            let title = childText(item, "title").map(TextUtil.decodeBasicEntities)
            let authors = [childText(item, "dc:creator"), childText(item, "author")].compactMap { $0 }
            let rawDate = childText(item, "pubDate") ?? childText(item, "dc:date") ?? childText(item, "published")
            let date = rawDate.flatMap(DateParser.normalize)
            let link = childText(item, "link") ?? tree.attribute("rdf:about", of: item) ?? childText(item, "guid")
            out.append(Article(id: "\(path)#\(n + 1)", path: path, item: n + 1, url: link, title: title,
                               authors: MetadataExtractor.cleanAuthors(authors.map(Self.authorName)), date: date, site: site,
                               declaredLanguage: lang, format: format, encoding: encoding, paragraphs: paragraphs,
                               warnings: rawDate.flatMap(DateParser.rejection).map { [$0] } ?? []))
        }
        return out
    }

    /// "jane@example.com (Jane Doe)" → "Jane Doe".
    static func authorName(_ s: String) -> String {
        if let open = s.firstIndex(of: "("), let close = s.lastIndex(of: ")"), open < close, s.contains("@") {
            return String(s[s.index(after: open)..<close])
        }
        return s
    }

    func atom() -> [Article] {
        guard let root = tree.root else { return [] }
        let site = childText(root, "title")
        let lang = (tree.attribute("xml:lang", of: root)).flatMap(MetadataExtractor.primaryLanguage)
        let feedAuthors = tree.children(root).filter { local($0) == "author" }.compactMap { childText($0, "name") }
        var out: [Article] = []
        let entries = tree.children(root).filter { local($0) == "entry" }
        for (n, e) in entries.enumerated() {
            var paragraphs: [String] = []
            for name in ["content", "summary"] where paragraphs.isEmpty {
                guard let c = tree.children(e).first(where: { local($0) == name }) else { continue }
                let type = tree.attribute("type", of: c)?.lowercased() ?? "text"
                if type == "xhtml" {
                    var ex = HTMLExtractor(tree: tree, removeBoilerplate: false)
                    paragraphs = ex.paragraphs(under: c)
                } else if type == "html" || type == "text/html" {
                    paragraphs = Self.htmlParagraphs(rawChildText(e, name) ?? "")
                } else {
                    let raw = rawChildText(e, name) ?? ""
                    paragraphs = raw.components(separatedBy: "\n\n").map { TextUtil.collapseWhitespace($0) }.filter { !$0.isEmpty }
                }
            }
            var link: String?
            for l in tree.children(e) where local(l) == "link" {
                let rel = tree.attribute("rel", of: l) ?? "alternate"
                if rel == "alternate" { link = tree.attribute("href", of: l); break }
            }
            var authors = tree.children(e).filter { local($0) == "author" }.compactMap { childText($0, "name") }
            if authors.isEmpty { authors = feedAuthors }
            let date = (childText(e, "published") ?? childText(e, "updated")).flatMap(DateParser.normalize)
            out.append(Article(id: "\(path)#\(n + 1)", path: path, item: n + 1, url: link ?? childText(e, "id"),
                               title: childText(e, "title"), authors: MetadataExtractor.cleanAuthors(authors), date: date,
                               site: site, declaredLanguage: lang, format: .atom, encoding: encoding, paragraphs: paragraphs))
        }
        return out
    }

    func nitf() -> [Article] {
        guard let root = tree.root else { return [] }
        let head = tree.first("head", under: root)
        let body = tree.first("body", under: root)
        let title = body.flatMap { b in tree.first("hl1", under: b).map { tree.text(of: $0) } }
            ?? head.flatMap { h in tree.first("title", under: h).map { tree.text(of: $0) } }
        var authors: [String] = []
        if let b = body {
            for bl in tree.elements(named: "byline", under: b) {
                if let p = tree.first("person", under: bl) { authors.append(tree.text(of: p)) }
                else { authors.append(tree.text(of: bl)) }
            }
        }
        var date: String?
        if let h = head, let di = tree.first("date.issue", under: h) {
            date = tree.attribute("norm", of: di).flatMap(DateParser.normalize)
        }
        if date == nil, let h = head, let pd = tree.first("pubdata", under: h) {
            date = tree.attribute("date.publication", of: pd).flatMap(DateParser.normalize)
        }
        if date == nil, let b = body, let dl = tree.first("story.date", under: b) {
            date = (tree.attribute("norm", of: dl)).flatMap(DateParser.normalize) ?? DateParser.normalize(tree.text(of: dl))
        }
        let site = head.flatMap { h in tree.first("pubdata", under: h).flatMap { tree.attribute("name", of: $0) } }
            ?? head.flatMap { h in tree.first("doc.copyright", under: h).flatMap { tree.attribute("holder", of: $0) } }
        var paragraphs: [String] = []
        if let b = body, let content = tree.first("body.content", under: b) {
            for i in tree.descendants(of: content) where ["p", "hl2"].contains(tree.nodes[i].name) {
                let t = tree.text(of: i)
                if !t.isEmpty { paragraphs.append(t) }
            }
        }
        let lang = tree.attribute("xml:lang", of: root).flatMap(MetadataExtractor.primaryLanguage)
        let url = head.flatMap { h in tree.first("doc-id", under: h).flatMap { tree.attribute("id-string", of: $0) } }
        return [Article(id: "\(path)#1", path: path, item: 1, url: url, title: title, authors: MetadataExtractor.cleanAuthors(authors),
                        date: date, site: site, declaredLanguage: lang, format: .nitf, encoding: encoding,
                        paragraphs: paragraphs)]
    }
}
