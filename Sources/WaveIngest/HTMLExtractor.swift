/// Finds the main text of an HTML page in a ``DOMTree`` and returns it as
/// paragraphs. Pure Swift; the rules live in ``ExtractionRules``.
///
/// Steps: (1) mark furniture (tags, hidden elements, class/id patterns) as
/// removed, never removing an ancestor of an explicit article-body marker;
/// (2) pick the content root: `itemprop=articleBody`, then class patterns,
/// then `<article>`, checked against a readability-style score of text length,
/// commas and link density; (3) collect paragraphs under it and drop
/// link-heavy, boilerplate and duplicate lines.
struct HTMLExtractor {
    let tree: DOMTree
    /// Removes page furniture (off for feed item bodies, which have none).
    var removeBoilerplate = true
    var dedupe = false
    /// Headline(s) of the page: paragraphs equal to one are dropped.
    var headlines: Set<String> = []
    /// Page metadata and URL, for the page type.
    var metadata = PageMetadata()
    var pageURL: String?
    /// Set by ``paragraphs()``.
    var pageType: PageType = .other
    var confidence = 0.0
    var rootKind: RootKind = .none
    /// Cards of a grid chosen as the main text: lines inside them are kept even when they are links.
    var cardMembers: Set<Int> = []

    /// Where the main text came from.
    enum RootKind: Sendable {
        case marked     // itemprop=articleBody or an article-body class
        case article    // an <article> element
        case scored     // the best-scoring block (readability-style)
        case repeated   // repeated post containers
        case cards      // a grid of cards (listings, collections): their titles kept
        case region     // the block holding most of the page's text around the best block
        case body       // the whole body, furniture removed
        case structured // the text the page declares in JSON-LD (articleBody, a product's description)
        case lenient    // all visible text
        case summary    // only the page's own description (nothing else was found)
        case none       // nothing
    }

    var removed: [Bool] = []
    var textLength: [Int] = []      // scalars of visible text under a node
    var linkLength: [Int] = []      // of which inside <a>
    var paragraphLength: [Int] = [] // text in p-like descendants
    var classKind: [Int8] = []      // +1 positive, -1 negative, 0 neutral
    var hasMarker: [Bool] = []      // subtree contains a positive marker
    /// Second-chance pass: only strong furniture classes (comments) remove a
    /// node; weak ones ("meta", "nav", "hidden" inside a longer class) are
    /// ignored, as readability retries without its "unlikely candidates".
    var lax = false
    /// Visible text of `<p>`-like elements on the whole page (set by ``analyze()``).
    var pageProse = 0
    /// What does not depend on furniture removal, computed by the first ``analyze()``.
    var facts: PageFacts?
    /// ``bestRepeatedGroup(under:)`` of the body for the current removal state (set on first use).
    var repeatedGroupMemo: RepeatedGroupMemo = .unknown

    init(tree: DOMTree, removeBoilerplate: Bool = true) {
        self.tree = tree
        self.removeBoilerplate = removeBoilerplate
    }

    /// The main text, one entry per paragraph. Also sets ``pageType``,
    /// ``confidence`` and ``rootKind``. Never empty when the page has visible
    /// text: without an article container the best text blocks are taken, and
    /// failing those all visible text (with a low confidence).
    mutating func paragraphs() -> [String] {
        guard let body = tree.first("body") ?? tree.root else { rootKind = .none; return [] }
        analyze()
        if !removeBoilerplate { rootKind = .body; return collect(from: [body], dropHeadline: false) }
        var (paras, roots) = mainText(body: body)
        let strictLength = TextUtil.length(of: paras)
        if strictLength < 500 || strictLength * 4 < pageProse {
            // Thin next to the page's prose: a weak furniture class may have hidden
            // the body ("post-meta-field", "has-rail", "skip-item"). Look again
            // without those, and keep the second answer only if it is much longer.
            var second = self
            second.lax = true
            second.analyze()
            let (laxParas, laxRoots) = second.mainText(body: body)
            let laxLength = TextUtil.length(of: laxParas)
            if laxLength >= 200 && laxLength >= strictLength * 2 + 100 {
                self = second
                paras = laxParas
                roots = laxRoots
            }
        }
        // The declared text's paragraphs are never longer than the text itself (markup,
        // entities and spaces only shrink it): skip parsing it when it cannot win.
        if let declared = metadata.structuredText, TextUtil.length(declared) >= 300,
           TextUtil.length(declared) >= TextUtil.length(of: paras) * 2 + 100 {
            // JSON-LD that carries the text (articleBody, a product's description)
            // when the page shows much less of it: script-rendered bodies.
            let declaredParas = Self.declaredParagraphs(declared)
            let declaredLength = TextUtil.length(of: declaredParas)
            if declaredLength >= 300 && declaredLength >= TextUtil.length(of: paras) * 2 + 100 {
                paras = declaredParas
                rootKind = .structured
            }
        }
        pageType = classify(roots: roots, paragraphs: paras, body: body)
        if let landmark = landmarkParagraphs(replacing: paras, roots: roots, body: body) {
            paras = landmark.paragraphs
            roots = [landmark.root]
            rootKind = .region
        }
        if pageType != .article && pageType != .documentation { paras = Self.withoutRepeats(paras) }
        if paras.isEmpty {
            // Everything looked like furniture: keep the visible text rather than lose the page.
            removeBoilerplate = false
            analyze()
            paras = collect(from: [body], dropHeadline: true)
            removeBoilerplate = true
            // A few words of navigation are not a page's text.
            if paras.reduce(0, { $0 + TextUtil.length($1) }) < 20 { paras = [] }
            rootKind = paras.isEmpty ? .none : .lenient
        }
        if let summary = metadata.description, TextUtil.length(of: paras) * 2 < TextUtil.length(summary),
           TextUtil.length(summary) >= 40 {
            // A script-rendered page whose body is empty still describes itself.
            paras = [summary]
            rootKind = .summary
        }
        confidence = confidence(paragraphs: paras, roots: roots)
        return paras
    }

    /// Paragraphs without exact repeats of more than ten characters. Product, service
    /// and forum pages repeat blocks (a layout per screen size, a quoted post, a
    /// carousel's cloned slides); a story's repeated pull quote is its own text, so
    /// articles and documentation keep theirs.
    static func withoutRepeats(_ paragraphs: [String]) -> [String] {
        var seen = Set<String>()
        return paragraphs.filter { p in p.utf8.count <= 10 || TextUtil.length(p) <= 10 || seen.insert(p).inserted }
    }

    /// JSON-LD text as paragraphs: split at blank lines (or lines), markup
    /// parsed when the value holds HTML.
    static func declaredParagraphs(_ text: String) -> [String] {
        if text.contains("</") || text.contains("<p") || text.contains("<br"),
           let tree = LibXMLParser.parseHTML(Array(text.utf8)) {
            var ex = HTMLExtractor(tree: tree, removeBoilerplate: false)
            if let root = tree.first("body") ?? tree.root { return ex.paragraphs(under: root) }
        }
        let normalized = text.replacingAll("\r\n", with: "\n")
        let pieces = normalized.contains("\n\n") ? normalized.components(separatedBy: "\n\n") : normalized.components(separatedBy: "\n")
        return pieces.map { TextUtil.collapseWhitespace($0) }.filter { !$0.isEmpty }
    }

    /// Content roots and their paragraphs, with the current removal state.
    private mutating func mainText(body: Int) -> ([String], [Int]) {
        var roots = contentRoots(body: body)
        rootKind = kind(of: roots, body: body)
        if let posts = repeatedBlocks(around: roots, body: body) { roots = posts; rootKind = .repeated }
        cardMembers = []
        if rootKind != .repeated, let grid = cardGrid(roots: roots, body: body) {
            roots = grid.roots
            cardMembers = Set(grid.members)
            rootKind = .cards
        }
        if rootKind == .scored || rootKind == .repeated || rootKind == .cards, let region = expandedRegion(roots: roots, body: body) {
            // No article container: the best block is often one section of many.
            roots = [region]
            if rootKind != .cards { rootKind = .region }
        }
        var paras = collect(from: roots, dropHeadline: true)
        if TextUtil.length(of: paras) < 100 && roots != [body] {
            // The chosen root was too thin: fall back to the whole body.
            let all = collect(from: [body], dropHeadline: true)
            if TextUtil.length(of: all) > TextUtil.length(of: paras) { paras = all; rootKind = .body }
        }
        return (paras, roots)
    }

    /// All text under `root` as paragraphs, without furniture removal (feed bodies).
    mutating func paragraphs(under root: Int) -> [String] {
        analyze()
        return collect(from: [root], dropHeadline: false)
    }

    /// Debug aid: the removal state and scores of the ancestors of the first
    /// text node containing `needle`.
    package mutating func explain(_ needle: String) -> String {
        analyze()
        guard let t = tree.nodes.indices.first(where: { tree.nodes[$0].isText && tree.nodeText($0).contains(needle) }) else {
            return "not found"
        }
        var lines: [String] = []
        for a in [t] + tree.ancestors(of: t) {
            let n = tree.nodes[a]
            let cls = tree.attributes(a).filter { $0.0 == "class" || $0.0 == "id" }.map { "\($0.0)=\($0.1.prefix(60))" }.joined(separator: " ")
            lines.append("\(a) <\(n.name)> \(cls) removed=\(removed[a]) kind=\(classKind[a]) text=\(textLength[a]) links=\(linkLength[a]) para=\(paragraphLength[a])")
        }
        let body = tree.first("body") ?? 0
        lines.append("roots: " + contentRoots(body: body).map { "\($0) <\(tree.nodes[$0].name)> \(tree.attribute("class", of: $0) ?? "") text=\(textLength[$0]) para=\(paragraphLength[$0])" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    // MARK: analysis

    mutating func analyze() {
        let n = tree.nodes.count
        let f: PageFacts
        if let known = facts { f = known } else { f = PageFacts(tree: tree); facts = f }
        removed = Array(repeating: false, count: n)
        textLength = Array(repeating: 0, count: n)
        linkLength = Array(repeating: 0, count: n)
        paragraphLength = Array(repeating: 0, count: n)
        classKind = f.classKind
        hasMarker = f.hasMarker
        pageProse = f.pageProse
        let rawText = f.rawText, rawParagraph = f.rawParagraph, nodeLength = f.nodeLength
        let bodyText = f.bodyText
        repeatedGroupMemo = .unknown
        // Top-down: removal.
        for i in 0..<n {
            let p = tree.nodes[i].parent
            if p >= 0 && removed[p] { removed[i] = true; continue }
            if tree.nodes[i].isText { continue }
            let flags = tree.nodes[i].flags
            if flags & DOMTree.Tag.script != 0 { removed[i] = true; continue }
            guard removeBoilerplate else { continue }
            if flags & DOMTree.Tag.htmlOrBody != 0 { continue }
            if flags & DOMTree.Tag.removed != 0 && !hasMarker[i] && !holdsPage(i, rawText: rawText[i], bodyText: bodyText) {
                removed[i] = true; continue
            }
            if tree.nodes[i].attributeCount == 0 { continue }  // the rules below all need attributes
            if isHidden(i) { removed[i] = true; continue }
            if let role = tree.attribute("role", of: i), ExtractionRules.negativeRoles.contains(TextUtil.lowerASCII(role)), !hasMarker[i] {
                removed[i] = true; continue
            }
            if classKind[i] < 0 && lax {
                if isStrongNegative(i) { removed[i] = true } else { classKind[i] = 0 }
                continue
            }
            if classKind[i] < 0 && !hasMarker[i] && flags & (DOMTree.Tag.main | DOMTree.Tag.article) == 0 {
                // Guard: a node holding most of the page's paragraph text is not
                // furniture because of a class like "with-sidebar" (comments excepted).
                let holdsArticle = rawText[i] * 5 >= bodyText * 2 && rawParagraph[i] >= 400
                if !holdsArticle || isStrongNegative(i) { removed[i] = true }
            }
        }
        // Bottom-up: text statistics over what is left.
        var i = n - 1
        while i >= 0 {
            defer { i -= 1 }
            if removed[i] { continue }
            if tree.nodes[i].isText {
                textLength[i] = nodeLength[i]
            }
            let p = tree.nodes[i].parent
            guard p >= 0 else { continue }
            let flags = tree.nodes[i].flags
            textLength[p] += textLength[i]
            linkLength[p] += flags & DOMTree.Tag.a != 0 ? textLength[i] : linkLength[i]
            if flags & DOMTree.Tag.paragraph != 0 {
                paragraphLength[p] += textLength[i] - linkLength[i]
            } else {
                paragraphLength[p] += paragraphLength[i]
            }
        }
    }

    /// A `<form>` wrapping half or more of the page's visible text is the page, not a
    /// control: forum software puts a thread's posts in a moderation form, and some
    /// frameworks wrap the whole page in one. A quotation in a `<figure>` is text too.
    func holdsPage(_ i: Int, rawText: Int, bodyText: Int) -> Bool {
        // Cheap counts first: most furniture elements fail them without a name compare.
        guard rawText >= 20 else { return false }
        if rawText >= 500 && rawText * 2 >= bodyText && tree.nodes[i].name == "form" { return true }
        return isQuotation(i)
    }

    /// `<figure><blockquote>…</blockquote><figcaption>…</figcaption></figure>`: a quotation
    /// (a testimonial, a pull quote) and its source, text of the page rather than a picture's caption.
    func isQuotation(_ i: Int) -> Bool {
        guard tree.nodes[i].name == "figure" else { return false }
        return tree.children(i).contains { tree.nodes[$0].name == "blockquote" }
    }

    func isStrongNegative(_ i: Int) -> Bool {
        for (k, v) in tree.attributes(i) where k == "class" || k == "id" {
            if let ascii = Self.namesStrongNegativeASCII(v) {
                if ascii { return true }
                continue
            }
            let l = TextUtil.lowerASCII(v)
            if ExtractionRules.strongNegativeSubstrings.contains(where: { l.contains($0) }) { return true }
        }
        return false
    }

    /// ``ExtractionRules/strongNegativeSubstrings`` as bytes (lowercase ASCII).
    private static let strongNegativeBytes: [[UInt8]] = ExtractionRules.strongNegativeSubstrings.map { Array($0.utf8) }

    /// Whether an ASCII value, lowered, contains a strong negative substring (on bytes;
    /// for ASCII text Foundation's search finds exactly the byte matches); nil when the
    /// value is not ASCII (then the String path answers).
    static func namesStrongNegativeASCII(_ value: String) -> Bool? {
        var v = value
        return v.withUTF8 { raw -> Bool? in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, raw.count)) { tmp -> Bool? in
                for k in 0..<raw.count {
                    let c = raw[k]
                    if c >= 0x80 { return nil }
                    tmp[k] = c >= 65 && c <= 90 ? c + 32 : c
                }
                let b = UnsafeBufferPointer(rebasing: tmp[0..<raw.count])
                for p in strongNegativeBytes where p.count <= b.count {
                    for s in 0...(b.count - p.count) where b[s] == p[0] {
                        var k = 1
                        while k < p.count && b[s + k] == p[k] { k += 1 }
                        if k == p.count { return true }
                    }
                }
                return false
            }
        }
    }

    func isHidden(_ i: Int) -> Bool {
        for (k, v) in tree.attributes(i) {
            switch k {
            case "hidden":
                // React's streamed HTML parks finished segments in <div hidden id="S:…">
                // and a script moves them into place: their text is the page's.
                if let id = tree.attribute("id", of: i), id.hasPrefix("S:") { continue }
                return true
            case "aria-hidden": if v == "true" { return true }
            case "style":
                if let hidden = Self.styleHidesASCII(v) {
                    if hidden { return true }
                    continue
                }
                let s = TextUtil.lowerASCII(v).replacingAll(" ", with: "")
                if s.contains("display:none") || s.contains("visibility:hidden") { return true }
            default: break
            }
        }
        return false
    }

    /// First UTF-8 bytes of ``ExtractionRules/boilerplateLinePrefixes``.
    private static let boilerplateFirstBytes: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for p in ExtractionRules.boilerplateLinePrefixes { if let b = p.utf8.first { t[Int(b)] = true } }
        return t
    }()

    /// False when no boilerplate prefix can match `text.lowercased()`: its first
    /// byte is ASCII and, lowered, starts no prefix (a Character that starts
    /// with an ASCII scalar only equals one that starts with the same scalar).
    @inline(__always) static func mayStartWithBoilerplatePrefix(_ text: String) -> Bool {
        guard let b = text.utf8.first, b < 0x80 else { return true }
        return boilerplateFirstBytes[Int(b >= 65 && b <= 90 ? b + 32 : b)]
    }

    /// ``ExtractionRules/boilerplateLinePrefixes`` as bytes by their first byte, for
    /// ``startsWithBoilerplatePrefix(_:)``.
    private static let boilerplatePrefixBytes: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for p in ExtractionRules.boilerplateLinePrefixes {
            let b = Array(p.utf8)
            if let f = b.first { table[Int(f)].append(b) }
        }
        return table
    }()

    /// Whether `text.lowercased()` starts with a boilerplate prefix. When the text's
    /// first byte is ASCII, only ASCII prefixes can match; one of L bytes is compared on
    /// lowered bytes when the text's first L + 1 bytes (or all of it) are ASCII: there
    /// each byte is a Character (two ASCII scalars always break, and no prefix ends in
    /// "\r"), and lowering maps ASCII to ASCII scalar by scalar. Otherwise the String path.
    static func startsWithBoilerplatePrefix(_ text: String) -> Bool {
        var t = text
        let bytes: Bool? = t.withUTF8 { b -> Bool? in
            guard let first = b.first else { return false }
            guard first < 0x80 else { return nil }
            var asciiRun = 0
            while asciiRun < b.count && asciiRun <= boilerplatePrefixMaxLength && b[asciiRun] < 0x80 { asciiRun += 1 }
            for p in boilerplatePrefixBytes[Int(first >= 65 && first <= 90 ? first + 32 : first)] {
                guard asciiRun > p.count || asciiRun == b.count else { return nil }
                guard p.count <= b.count else { continue }
                var k = 0
                while k < p.count {
                    let c = b[k]
                    if (c >= 65 && c <= 90 ? c + 32 : c) != p[k] { break }
                    k += 1
                }
                if k == p.count { return true }
            }
            return false
        }
        if let known = bytes { return known }
        let lower = text.lowercased()
        return ExtractionRules.boilerplateLinePrefixes.contains(where: { lower.hasPrefix($0) })
    }

    /// Bytes of the longest boilerplate prefix.
    private static let boilerplatePrefixMaxLength = ExtractionRules.boilerplateLinePrefixes.map(\.utf8.count).max() ?? 0

    /// Whether an ASCII `style` value, lowercased and without spaces, contains
    /// `display:none` or `visibility:hidden` (on bytes, no Strings); nil when
    /// the value is not ASCII (then the String path answers).
    static func styleHidesASCII(_ value: String) -> Bool? {
        var v = value
        return v.withUTF8 { raw -> Bool? in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, raw.count)) { tmp -> Bool? in
                var n = 0
                for c in raw {
                    if c >= 0x80 { return nil }
                    if c == 32 { continue }
                    tmp[n] = c >= 65 && c <= 90 ? c + 32 : c
                    n += 1
                }
                let b = UnsafeBufferPointer(rebasing: tmp[0..<n])
                return TextUtil.contains(b, "display:none") || TextUtil.contains(b, "visibility:hidden")
            }
        }
    }

    func linkDensity(_ i: Int) -> Double {
        textLength[i] == 0 ? 0 : Double(linkLength[i]) / Double(textLength[i])
    }
}
