/// What the extractor knows about a page before any furniture is removed: the class
/// judgement of every element, the raw text counts, the article-body markers and the
/// price marks. None of it depends on the removal rules, so it is computed once per
/// extractor (one walk over the nodes) and shared by the strict pass, the second
/// (lax) pass and the lenient fallback, which used to recompute it each time.
struct PageFacts: Sendable {
    /// +1 positive, -1 negative, 0 neutral, 2 `itemprop=articleBody` (before the lax pass adjusts it).
    var classKind: [Int8]
    /// Visible text of a node, links excluded from the parent's sum; scripts count nothing.
    var rawText: [Int]
    /// Text of `<p>` descendants.
    var rawParagraph: [Int]
    /// Visible length of text nodes (0 for elements and script text).
    var nodeLength: [Int]
    /// The subtree holds an article-body marker with real text.
    var hasMarker: [Bool]
    /// Raw text of the body (at least 1) and its paragraph text.
    var bodyText: Int
    var pageProse: Int
    /// Inside the page's body: an element with `itemprop=price`; a class naming a price;
    /// a class naming an add-to-cart control.
    var itempropPrice = false
    var priceMark = false
    var cartMark = false

    /// A price with a buy button or a price marker (``HTMLExtractor/price(under:)``).
    var showsPrice: Bool { itempropPrice || (priceMark && cartMark) }

    init(tree: DOMTree) {
        let n = tree.nodes.count
        classKind = Array(repeating: 0, count: n)
        rawText = Array(repeating: 0, count: n)
        rawParagraph = Array(repeating: 0, count: n)
        nodeLength = Array(repeating: 0, count: n)
        hasMarker = Array(repeating: false, count: n)
        let bodyNode = tree.first("body")
        let priceRange: ClosedRange<Int>? = (bodyNode ?? tree.root).map { tree.subtree(of: $0) }
        var cache = HTMLExtractor.ClassCache()
        for i in 0..<n where !tree.nodes[i].isText && tree.nodes[i].attributeCount != 0 {
            // Class and id values classify as the combination of each value alone:
            // positive if any is, else negative if any is.
            var kind: Int8 = 0
            var any = false
            var firstClass = true
            var itemprop: String?
            let inBody = priceRange?.contains(i) ?? false
            for (k, v) in tree.attributes(i) {
                if k == "class" || k == "id" {
                    any = true
                    let c = cache.judge(v)
                    if c.kind > 0 { kind = 1 } else if c.kind < 0 && kind == 0 { kind = -1 }
                    if inBody && firstClass && k == "class" {
                        firstClass = false
                        if c.marks & HTMLExtractor.ClassCache.priceBit != 0 { priceMark = true }
                        if c.marks & HTMLExtractor.ClassCache.cartBit != 0 { cartMark = true }
                    }
                } else if itemprop == nil && k == "itemprop" {
                    itemprop = v
                }
            }
            if inBody, !itempropPrice, let ip = itemprop, Self.isPrice(ip) { itempropPrice = true }
            guard any else { continue }  // no class or id (an empty one still counts)
            classKind[i] = kind
            if let ip = itemprop, TextUtil.lowerASCII(ip).contains("articlebody") { classKind[i] = 2 }
        }
        // Bottom-up: paragraph text before any removal.
        var i = n - 1
        while i >= 0 {
            defer { i -= 1 }
            let flags = tree.nodes[i].flags
            if flags & DOMTree.Tag.script != 0 { rawText[i] = 0; rawParagraph[i] = 0; continue }
            if tree.nodes[i].isText { nodeLength[i] = tree.nodes[i].visibleLength; rawText[i] = nodeLength[i] }
            let p = tree.nodes[i].parent
            guard p >= 0 else { continue }
            rawText[p] += flags & DOMTree.Tag.a != 0 ? 0 : rawText[i]
            rawParagraph[p] += flags & DOMTree.Tag.p != 0 ? rawText[i] : rawParagraph[i]
        }
        if let b = bodyNode {
            bodyText = max(1, rawText[b])
            pageProse = rawParagraph[b]
        } else {
            bodyText = max(1, rawText.first ?? 0)
            pageProse = rawParagraph.first ?? 0
        }
        // Bottom-up: marker flags (children have larger indices than parents).
        // Only markers holding real text protect their ancestors.
        i = n - 1
        while i >= 0 {
            if classKind[i] == 2 || (classKind[i] > 0 && rawText[i] >= 400) { hasMarker[i] = true }
            let p = tree.nodes[i].parent
            if p >= 0 && hasMarker[i] { hasMarker[p] = true }
            i -= 1
        }
    }

    /// `value.lowercased() == "price"`, on bytes when the value is ASCII.
    static func isPrice(_ value: String) -> Bool {
        guard value.utf8.allSatisfy({ $0 < 0x80 }) else { return value.lowercased() == "price" }
        guard value.utf8.count == 5 else { return false }
        return TextUtil.containsASCIICaseInsensitive(value, "price")
    }
}
