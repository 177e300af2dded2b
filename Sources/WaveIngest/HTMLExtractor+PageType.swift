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
        if let cls = tree.attribute("class", of: i), let first = cls.split(separator: " ").first {
            let key = first.unicodeScalars.filter { !("0"..."9").contains($0) }
            if !key.isEmpty { return node.name + "." + String(String.UnicodeScalarView(key)) }
        }
        if node.flags & DOMTree.Tag.article != 0 { return "article" }
        return nil
    }

    /// A group of three or more sibling blocks of one kind, each with text of
    /// its own: posts of a thread, cards of a grid. Returns the group with the
    /// most non-link text, with that text.
    func bestRepeatedGroup(under top: Int) -> (members: [Int], text: Int)? {
        var best: (members: [Int], text: Int)?
        for i in tree.subtree(of: top) where !removed[i] && !tree.nodes[i].isText {
            let children = tree.children(i)
            guard children.count >= 3 else { continue }
            var groups: [String: [Int]] = [:]
            for c in children where !removed[c] && textLength[c] - linkLength[c] >= 30 {
                if let key = blockKey(c) { groups[key, default: []].append(c) }
            }
            for (_, members) in groups where members.count >= 3 {
                let text = members.reduce(0) { $0 + textLength[$1] - linkLength[$1] }
                if text > (best?.text ?? 0) { best = (members, text) }
            }
        }
        return best
    }

    /// Repeated post containers that the chosen roots are only one part of:
    /// the whole group instead (all posts of a thread, not the longest one).
    func repeatedBlocks(around roots: [Int], body: Int) -> [Int]? {
        guard !roots.isEmpty, roots != [body] else { return nil }
        if roots.contains(where: { classKind[$0] == 2 }) { return nil }  // an explicit article body
        if metadata.structuredTypes.contains(where: { Self.articleTypes.contains($0) }) { return nil }
        guard let group = bestRepeatedGroup(under: body) else { return nil }
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
    func classify(roots: [Int], paragraphs: [String], body: Int) -> PageType {
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
            for (hint, t) in Self.pathHints where path.contains(hint) { add(t, 1.5); break }
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
            if cardsShowPrices() || price(under: body) { add(.collection, 1.25) } else { add(.listing, 1.25) }
        default: break
        }
        let text = paragraphs.reduce(0) { $0 + TextUtil.length($1) }
        let longParagraphs = paragraphs.filter { TextUtil.length($0) >= 200 }.count
        if longParagraphs >= 4 { add(.article, 1) }
        if let group = bestRepeatedGroup(under: body) {
            let members = group.members.count
            let avg = group.text / max(1, members)
            let linkShare = group.members.reduce(0) { $0 + linkLength[$1] } * 100 / max(1, group.members.reduce(0) { $0 + textLength[$1] })
            if avg >= 150 && linkShare < 30 && group.text * 2 >= max(1, text) { add(.forum, 1) }
            if avg < 200 && members >= 6 && linkShare >= 20 { add(.collection, 1); add(.listing, 0.75) }
        }
        if price(under: body) { add(.product, 1.5) }
        if text < 600 && longParagraphs == 0 { add(.service, 0.5); add(.collection, 0.5) }
        if score.isEmpty { return text >= 1500 ? .article : .other }
        let best = score.max { a, b in a.value < b.value || (a.value == b.value && a.key.rank > b.key.rank) }!
        return best.value >= 1 ? best.key : .other
    }

    /// The path of a URL, lowercased, without query or fragment.
    static func path(of url: String) -> String? {
        let lower = url.lowercased()
        guard let scheme = lower.range(of: "://") else { return lower.hasPrefix("/") ? lower : nil }
        let rest = lower[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        var path = rest[slash...]
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        return String(path)
    }

    /// A price with a buy button or a price marker: itemprop=price, or a class
    /// naming a price next to an add-to-cart control.
    func price(under body: Int) -> Bool {
        var priceMarks = 0, cart = false
        for i in tree.subtree(of: body) where !tree.nodes[i].isText && tree.nodes[i].attributeCount != 0 {
            if let ip = tree.attribute("itemprop", of: i), ip.lowercased() == "price" { return true }
            // Byte comparisons without case (the marks are ASCII): `lowercased()` and Foundation's
            // `contains` here were about half of a page's ingest time.
            if let c = tree.attribute("class", of: i) {
                if TextUtil.containsASCIICaseInsensitive(c, "price") { priceMarks += 1 }
                if !cart {
                    cart = TextUtil.containsASCIICaseInsensitive(c, "add-to-cart") || TextUtil.containsASCIICaseInsensitive(c, "addtocart")
                        || TextUtil.containsASCIICaseInsensitive(c, "add_to_cart") || TextUtil.containsASCIICaseInsensitive(c, "buy-now")
                }
            }
            if priceMarks >= 1 && cart { return true }
        }
        return false
    }

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
        let text = paragraphs.reduce(0) { $0 + TextUtil.length($1) }
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
