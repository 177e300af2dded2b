/// Page kinds by structure: repeated post containers, card grids, structured
/// data, code blocks, the URL's path; and the confidence of an extraction.
/// No rule names a site or a domain.
extension HTMLExtractor {
    /// How the content roots were found.
    func kind(of roots: [Int], body: Int) -> RootKind {
        if roots.isEmpty { return .none }
        if roots == [body] { return .body }
        if roots.allSatisfy({ classKind[$0] >= 1 }) { return .marked }
        if roots.allSatisfy({ tree.nodes[$0].flags & DOMTree.Tag.article != 0 }) { return .article }
        return .scored
    }

    /// The first class token of an element without digits ("post-1234" and
    /// "post-99" are one kind), or its tag name for <article>/<section>.
    func blockKey(_ i: Int) -> String? {
        let node = tree.nodes[i]
        guard !node.isText, node.flags & (DOMTree.Tag.p | DOMTree.Tag.a | DOMTree.Tag.br | DOMTree.Tag.h1) == 0 else { return nil }
        if let cls = tree.attribute("class", of: i), let key = Self.kindKey(name: node.name, classValue: cls), !key.onlyDigits {
            return key.key
        }
        if node.flags & DOMTree.Tag.article != 0 { return "article" }
        return nil
    }

    /// `name + "." + (the first space-separated token of classValue without ASCII digits)`;
    /// nil when the value has no token; `onlyDigits` when the token is only digits
    /// (then `key` is `name + "."`). Bytes for ASCII values; the Character split otherwise.
    static func kindKey(name: String, classValue: String) -> (key: String, onlyDigits: Bool)? {
        var value = classValue
        let ascii: (key: String, onlyDigits: Bool)?? = value.withUTF8 { b in
            var start = 0
            while start < b.count && b[start] == 32 { start += 1 }
            guard start < b.count else { return .some(nil) }
            var out: [UInt8] = Array(name.utf8)
            out.append(46)  // "."
            let prefix = out.count
            var i = start
            while i < b.count && b[i] != 32 {
                let c = b[i]
                if c >= 0x80 { return nil }
                if c < 48 || c > 57 { out.append(c) }
                i += 1
            }
            // Only ASCII may follow for the byte split to equal the Character split.
            while i < b.count { if b[i] >= 0x80 { return nil }; i += 1 }
            return .some((String(decoding: out, as: UTF8.self), out.count == prefix))
        }
        if let known = ascii { return known }
        guard let first = classValue.split(separator: " ").first else { return nil }
        let key = first.unicodeScalars.filter { !("0"..."9").contains($0) }
        return (name + "." + String(String.UnicodeScalarView(key)), key.isEmpty)
    }

    /// A group of three or more sibling blocks of one kind, each with text of
    /// its own: posts of a thread, cards of a grid. Returns the group with the
    /// most non-link text, with that text.
    func bestRepeatedGroup(under top: Int) -> (members: [Int], text: Int)? {
        var best: (members: [Int], text: Int)?
        var groups: [String: [Int]] = [:]
        for i in tree.subtree(of: top) where !removed[i] && !tree.nodes[i].isText && tree.nodes[i].childCount >= 3 {
            groups.removeAll(keepingCapacity: true)
            for c in tree.children(i) where !removed[c] && textLength[c] - linkLength[c] >= 30 {
                if let key = blockKey(c) { groups[key, default: []].append(c) }
            }
            for (_, members) in groups where members.count >= 3 {
                let text = members.reduce(0) { $0 + textLength[$1] - linkLength[$1] }
                if text > (best?.text ?? 0) { best = (members, text) }
            }
        }
        return best
    }

    /// ``bestRepeatedGroup(under:)`` of the body, memoized until the next ``analyze()``.
    mutating func repeatedGroup(body: Int) -> (members: [Int], text: Int)? {
        if case .known(let group) = repeatedGroupMemo { return group }
        let group = bestRepeatedGroup(under: body)
        repeatedGroupMemo = .known(group)
        return group
    }

    /// Repeated post containers that the chosen roots are only one part of:
    /// the whole group instead (all posts of a thread, not the longest one).
    mutating func repeatedBlocks(around roots: [Int], body: Int) -> [Int]? {
        guard !roots.isEmpty, roots != [body] else { return nil }
        if roots.contains(where: { classKind[$0] == 2 }) { return nil }  // an explicit article body
        if metadata.structuredTypes.contains(where: { Self.articleTypes.contains($0) }) { return nil }
        guard let group = repeatedGroup(body: body) else { return nil }
        let rootText = roots.reduce(0) { $0 + textLength[$1] - linkLength[$1] }
        guard group.text >= rootText * 2, group.text >= 300 else { return nil }
        // Each root must lie inside (or be) a member of the group.
        let members = Set(group.members)
        let inside = roots.allSatisfy { r in members.contains(r) || tree.ancestors(of: r).contains { members.contains($0) } }
        guard inside else { return nil }
        // Link-heavy groups are navigation, not posts.
        let total = group.members.reduce(0) { $0 + textLength[$1] }
        guard total > 0, group.text * 2 >= total else { return nil }
        return group.members
    }

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "opinionnewsarticle",
        "analysisnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "report",
        "liveblogposting", "socialmediaposting",
    ]
    static let forumTypes: Set<String> = ["discussionforumposting", "qapage", "question", "answer"]
    static let productTypes: Set<String> = ["product", "productgroup", "offer", "aggregateoffer", "individualproduct"]
    static let documentationTypes: Set<String> = ["techarticle", "apireference", "softwaresourcecode"]
    static let collectionTypes: Set<String> = ["collectionpage", "itemlist", "offercatalog"]
    static let listingTypes: Set<String> = ["searchresultspage"]
    static let serviceTypes: Set<String> = [
        "service", "professionalservice", "localbusiness", "financialservice", "legalservice",
        "homeandconstructionbusiness", "medicalbusiness", "faqpage", "howto", "aboutpage", "contactpage",
    ]

    /// Path segments that name a page kind on sites of every sort.
    static let pathHints: [(String, PageType)] = [
        ("/forum", .forum), ("/forums/", .forum), ("/thread", .forum), ("/threads/", .forum), ("/topic/", .forum),
        ("/t/", .forum), ("/community/", .forum), ("/discussion", .forum), ("/questions/", .forum),
        ("/comments/", .forum), ("/viewtopic", .forum), ("/showthread", .forum),
        ("/product/", .product), ("/products/", .product), ("/p/", .product), ("/dp/", .product),
        ("/item/", .product), ("/shop/", .product),
        ("/docs/", .documentation), ("/doc/", .documentation), ("/documentation/", .documentation),
        ("/api/", .documentation), ("/reference/", .documentation), ("/manual/", .documentation),
        ("/developer", .documentation), ("/guide/", .documentation), ("/wiki/", .documentation),
        ("/category/", .collection), ("/categories/", .collection), ("/collections/", .collection),
        ("/tag/", .collection), ("/tags/", .collection), ("/topics/", .collection),
        ("/search", .listing), ("/archive", .listing), ("/page/", .listing),
        ("/services/", .service), ("/service/", .service), ("/solutions/", .service), ("/pricing", .service),
        ("/about", .service), ("/contact", .service),
    ]

    /// The page's kind, from structured data, `og:type`, the URL path and the
    /// structure of the page; each signal adds to a score per kind.
    mutating func classify(roots: [Int], paragraphs: [String], body: Int) -> PageType {
        var score: [PageType: Double] = [:]
        let types = metadata.structuredTypes
        func add(_ t: PageType, _ w: Double) { score[t, default: 0] += w }
        if types.contains(where: { Self.forumTypes.contains($0) }) { add(.forum, 3) }
        if types.contains(where: { Self.productTypes.contains($0) }) { add(.product, 3) }
        if types.contains(where: { Self.documentationTypes.contains($0) }) { add(.documentation, 3) }
        if types.contains(where: { Self.collectionTypes.contains($0) }) { add(.collection, 1.5) }
        if types.contains(where: { Self.listingTypes.contains($0) }) { add(.listing, 2) }
        if types.contains(where: { Self.serviceTypes.contains($0) }) { add(.service, 1.5) }
        if types.contains(where: { Self.articleTypes.contains($0) }) { add(.article, 2) }
        switch metadata.openGraphType {
        case "article"?: add(.article, 1.5)
        case "product"?, "og:product"?, "product.item"?: add(.product, 2)
        default: break
        }
        if let url = pageURL ?? metadata.url, let path = Self.path(of: url) {
            for (hint, t) in Self.pathHints where Self.contains(path, hint) { add(t, 1.5); break }
            // A dated path (/2024/03/...) or a long slug is a story.
            if DateParser.fromURL(url) != nil { add(.article, 1.5) }
            let slug = path.split(separator: "/").last.map(String.init) ?? ""
            if slug.split(separator: "-").count >= 5 { add(.article, 1) }
            if path == "/" || path.isEmpty { add(.service, 1) }
        }
        if metadata.date != nil { add(.article, 0.75) }
        if !metadata.authors.isEmpty { add(.article, 0.75) }
        // Structure.
        let codeBlocks = tree.elements(named: "pre", under: body).filter { !removed[$0] }.count
        if codeBlocks >= 2 { add(.documentation, codeBlocks >= 4 ? 2.5 : 1.5) }
        switch rootKind {
        case .marked, .article: add(.article, 1)
        case .repeated: add(.forum, 1.5)
        case .cards:
            // A grid of cards: goods with prices make a shop's category page, anything
            // else (stories, jobs, results) a listing.
            if cardsShowPrices() || showsPrice { add(.collection, 1.25) } else { add(.listing, 1.25) }
        default: break
        }
        var text = 0, longParagraphs = 0
        for p in paragraphs {
            let length = TextUtil.length(p)
            text += length
            if length >= 200 { longParagraphs += 1 }
        }
        if longParagraphs >= 4 { add(.article, 1) }
        if let group = repeatedGroup(body: body) {
            let members = group.members.count
            let avg = group.text / max(1, members)
            let linkShare = group.members.reduce(0) { $0 + linkLength[$1] } * 100 / max(1, group.members.reduce(0) { $0 + textLength[$1] })
            if avg >= 150 && linkShare < 30 && group.text * 2 >= max(1, text) { add(.forum, 1) }
            if avg < 200 && members >= 6 && linkShare >= 20 { add(.collection, 1); add(.listing, 0.75) }
        }
        if showsPrice { add(.product, 1.5) }
        if text < 600 && longParagraphs == 0 { add(.service, 0.5); add(.collection, 0.5) }
        if score.isEmpty { return text >= 1500 ? .article : .other }
        let best = score.max { a, b in a.value < b.value || (a.value == b.value && a.key.rank > b.key.rank) }!
        return best.value >= 1 ? best.key : .other
    }

    /// The path of a URL, lowercased, without query or fragment.
    static func path(of url: String) -> String? {
        if let fast = asciiPath(of: url) { return fast }
        let lower = url.lowercased()
        guard let scheme = lower.range(of: "://") else { return lower.hasPrefix("/") ? lower : nil }
        let rest = lower[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        var path = rest[slash...]
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        return String(path)
    }

    /// ``path(of:)`` on bytes for an ASCII URL (nil otherwise: the String path answers).
    static func asciiPath(of url: String) -> String?? {
        var u = url
        return u.withUTF8 { b -> String?? in
            for c in b where c >= 0x80 { return nil }
            let lower = b.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            var scheme = -1
            if lower.count >= 3 {
                for i in 0...(lower.count - 3) where lower[i] == 58 && lower[i + 1] == 47 && lower[i + 2] == 47 { scheme = i; break }
            }
            guard scheme >= 0 else {
                return .some(lower.first == 47 ? String(decoding: lower, as: UTF8.self) : nil)
            }
            guard let slash = lower[(scheme + 3)...].firstIndex(of: 47) else { return .some("/") }
            var end = slash
            while end < lower.count && lower[end] != 63 && lower[end] != 35 { end += 1 }
            return .some(String(decoding: lower[slash..<end], as: UTF8.self))
        }
    }

    /// `haystack.contains(needle)` (Foundation's) on bytes when both are ASCII.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        guard haystack.utf8.allSatisfy({ $0 < 0x80 }), needle.utf8.allSatisfy({ $0 < 0x80 }) else { return haystack.contains(needle) }
        let h = Array(haystack.utf8), n = Array(needle.utf8)
        guard !n.isEmpty else { return true }
        guard h.count >= n.count else { return false }
        for i in 0...(h.count - n.count) where h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) { return true }
        return false
    }

    /// A price with a buy button or a price marker in the page's body: itemprop=price, or
    /// a class naming a price next to an add-to-cart control (``PageFacts``, found once per page).
    var showsPrice: Bool { facts?.showsPrice ?? false }

    /// 0–1: how sure we are that the paragraphs are the page's main text.
    func confidence(paragraphs: [String], roots: [Int]) -> Double {
        guard !paragraphs.isEmpty else { return 0 }
        var c: Double
        switch rootKind {
        case .marked: c = 0.9
        case .article: c = 0.85
        case .scored: c = 0.7
        case .region: c = 0.6
        case .repeated: c = 0.65
        case .cards: c = 0.55
        case .body: c = 0.4
        case .structured: c = 0.6
        case .lenient: c = 0.15
        case .summary: c = 0.1
        case .none: c = 0
        }
        let text = TextUtil.length(of: paragraphs)
        if text < 200 { c *= 0.5 } else if text < 600 { c *= 0.8 } else if text >= 2000 { c = min(1, c + 0.05) }
        let rootText = roots.reduce(0) { $0 + textLength[$1] }
        let rootLinks = roots.reduce(0) { $0 + linkLength[$1] }
        if rootText > 0 { c *= 1 - 0.5 * Double(rootLinks) / Double(rootText) }
        if pageType != .article { c *= 0.9 }
        return (c * 100).rounded() / 100
    }
}

extension PageType {
    /// Tie-break order (lower wins): the more specific signal first.
    var rank: Int {
        switch self {
        case .forum: 0
        case .product: 1
        case .documentation: 2
        case .article: 3
        case .listing: 4
        case .collection: 5
        case .service: 6
        case .other: 7
        }
    }
}

/// ``HTMLExtractor/repeatedGroup(body:)``'s memo.
enum RepeatedGroupMemo: Sendable {
    case unknown
    case known((members: [Int], text: Int)?)
}
