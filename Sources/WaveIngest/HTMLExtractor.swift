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

    private var removed: [Bool] = []
    private var textLength: [Int] = []      // scalars of visible text under a node
    private var linkLength: [Int] = []      // of which inside <a>
    private var paragraphLength: [Int] = [] // text in p-like descendants
    private var classKind: [Int8] = []      // +1 positive, -1 negative, 0 neutral
    private var hasMarker: [Bool] = []      // subtree contains a positive marker

    init(tree: DOMTree, removeBoilerplate: Bool = true) {
        self.tree = tree
        self.removeBoilerplate = removeBoilerplate
    }

    /// The main text, one entry per paragraph.
    mutating func paragraphs() -> [String] {
        guard let body = tree.first("body") ?? tree.root else { return [] }
        analyze()
        if !removeBoilerplate { return collect(from: [body], dropHeadline: false) }
        let roots = contentRoots(body: body)
        var paras = collect(from: roots, dropHeadline: true)
        if TextUtil.length(paras.joined()) < 100 && roots != [body] {
            // The chosen root was too thin: fall back to the whole body.
            let all = collect(from: [body], dropHeadline: true)
            if TextUtil.length(all.joined()) > TextUtil.length(paras.joined()) { paras = all }
        }
        return paras
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
        guard let t = tree.nodes.indices.first(where: { tree.nodes[$0].isText && tree.nodes[$0].text.contains(needle) }) else {
            return "not found"
        }
        var lines: [String] = []
        for a in [t] + tree.ancestors(of: t) {
            let n = tree.nodes[a]
            let cls = n.attributes.filter { $0.0 == "class" || $0.0 == "id" }.map { "\($0.0)=\($0.1.prefix(60))" }.joined(separator: " ")
            lines.append("\(a) <\(n.name)> \(cls) removed=\(removed[a]) kind=\(classKind[a]) text=\(textLength[a]) links=\(linkLength[a]) para=\(paragraphLength[a])")
        }
        let body = tree.first("body") ?? 0
        lines.append("roots: \(contentRoots(body: body))")
        return lines.joined(separator: "\n")
    }

    // MARK: analysis

    /// +1 for an article-body marker, -1 for furniture, 0 otherwise. Each
    /// space-separated class is judged alone; inside one class the most specific
    /// (last) qualifier wins ("article-body__footer" is furniture). A node is a
    /// marker if any of its classes is.
    static func classification(_ s: String) -> Int8 {
        var result: Int8 = 0
        for token in s.split(separator: " ") {
            let k = classifyToken(Array(token.utf8))
            if k > 0 { return 1 }
            if k < 0 { result = -1 }
        }
        return result
    }

    private static let positivePatterns = ExtractionRules.positiveSubstrings.map { Array($0.utf8) }
    private static let negativePatterns = ExtractionRules.negativeSubstrings.map { Array($0.utf8) }

    private static func classifyToken(_ bytes: [UInt8]) -> Int8 {
        var posEnd = -1, negEnd = -1
        func lastEnd(_ p: [UInt8]) -> Int {
            guard p.count <= bytes.count else { return -1 }
            var best = -1
            var i = 0
            while i + p.count <= bytes.count {
                if bytes[i] == p[0] {
                    var k = 1
                    while k < p.count && bytes[i + k] == p[k] { k += 1 }
                    if k == p.count { best = i + k }
                }
                i += 1
            }
            return best
        }
        for p in positivePatterns { posEnd = max(posEnd, lastEnd(p)) }
        for p in negativePatterns { negEnd = max(negEnd, lastEnd(p)) }
        var start = 0
        var i = 0
        while i <= bytes.count {
            let isAlnum = i < bytes.count && ((bytes[i] >= 97 && bytes[i] <= 122) || (bytes[i] >= 48 && bytes[i] <= 57))
            if !isAlnum {
                if i > start, ExtractionRules.negativeWords.contains(String(decoding: bytes[start..<i], as: UTF8.self)) {
                    negEnd = max(negEnd, i)
                }
                start = i + 1
            }
            i += 1
        }
        if posEnd < 0 && negEnd < 0 { return 0 }
        return posEnd >= negEnd ? 1 : -1
    }

    private mutating func analyze() {
        let n = tree.nodes.count
        removed = Array(repeating: false, count: n)
        textLength = Array(repeating: 0, count: n)
        linkLength = Array(repeating: 0, count: n)
        paragraphLength = Array(repeating: 0, count: n)
        classKind = Array(repeating: 0, count: n)
        hasMarker = Array(repeating: false, count: n)
        // Classify, and mark explicit body markers.
        for i in 0..<n where !tree.nodes[i].isText {
            let node = tree.nodes[i]
            var cls = ""
            for (k, v) in node.attributes where k == "class" || k == "id" { cls += " " + TextUtil.lowerASCII(v) }
            classKind[i] = Self.classification(cls)
            if let ip = tree.attribute("itemprop", of: i), TextUtil.lowerASCII(ip).contains("articlebody") { classKind[i] = 2 }
        }
        // Bottom-up: marker flags (children have larger indices than parents).
        var i = n - 1
        while i >= 0 {
            if classKind[i] > 0 { hasMarker[i] = true }
            let p = tree.nodes[i].parent
            if p >= 0 && hasMarker[i] { hasMarker[p] = true }
            i -= 1
        }
        // Bottom-up: paragraph text before any removal, for the guard below.
        var rawParagraph = Array(repeating: 0, count: n)
        var rawText = Array(repeating: 0, count: n)
        i = n - 1
        while i >= 0 {
            defer { i -= 1 }
            let node = tree.nodes[i]
            if node.name == "script" { rawText[i] = 0; rawParagraph[i] = 0; continue }
            if node.isText { rawText[i] = TextUtil.length(node.text.trimmingCharactersCheap()) }
            let p = node.parent
            guard p >= 0 else { continue }
            rawText[p] += node.name == "a" ? 0 : rawText[i]
            rawParagraph[p] += node.name == "p" ? rawText[i] : rawParagraph[i]
        }
        let bodyParagraphs = max(1, tree.first("body").map { rawParagraph[$0] } ?? rawParagraph[0])
        // Top-down: removal.
        for i in 0..<n {
            let node = tree.nodes[i]
            let p = node.parent
            if p >= 0 && removed[p] { removed[i] = true; continue }
            if node.isText { continue }
            if node.name == "script" { removed[i] = true; continue }
            guard removeBoilerplate else { continue }
            if node.name == "html" || node.name == "body" { continue }
            if ExtractionRules.removedTags.contains(node.name) && !hasMarker[i] { removed[i] = true; continue }
            if isHidden(i) { removed[i] = true; continue }
            if let role = tree.attribute("role", of: i), ExtractionRules.negativeRoles.contains(TextUtil.lowerASCII(role)), !hasMarker[i] {
                removed[i] = true; continue
            }
            if classKind[i] < 0 && !hasMarker[i] && node.name != "main" && node.name != "article" {
                // Guard: a node holding most of the page's paragraph text is not
                // furniture because of a class like "with-sidebar" (comments excepted).
                let holdsArticle = rawParagraph[i] * 5 >= bodyParagraphs * 2 && rawParagraph[i] >= 400
                if !holdsArticle || isStrongNegative(i) { removed[i] = true }
            }
        }
        // Bottom-up: text statistics over what is left.
        i = n - 1
        while i >= 0 {
            defer { i -= 1 }
            if removed[i] { continue }
            let node = tree.nodes[i]
            if node.isText {
                let len = TextUtil.length(node.text.trimmingCharactersCheap())
                textLength[i] = len
            }
            let p = node.parent
            guard p >= 0 else { continue }
            textLength[p] += textLength[i]
            linkLength[p] += node.name == "a" ? textLength[i] : linkLength[i]
            if ExtractionRules.paragraphTags.contains(node.name) {
                paragraphLength[p] += textLength[i] - linkLength[i]
            } else {
                paragraphLength[p] += paragraphLength[i]
            }
        }
    }

    private func isStrongNegative(_ i: Int) -> Bool {
        for (k, v) in tree.nodes[i].attributes where k == "class" || k == "id" {
            let l = TextUtil.lowerASCII(v)
            if ExtractionRules.strongNegativeSubstrings.contains(where: { l.contains($0) }) { return true }
        }
        return false
    }

    private func isHidden(_ i: Int) -> Bool {
        for (k, v) in tree.nodes[i].attributes {
            switch k {
            case "hidden": return true
            case "aria-hidden": if v == "true" { return true }
            case "style":
                let s = TextUtil.lowerASCII(v).replacingAll(" ", with: "")
                if s.contains("display:none") || s.contains("visibility:hidden") { return true }
            default: break
            }
        }
        return false
    }

    private func linkDensity(_ i: Int) -> Double {
        textLength[i] == 0 ? 0 : Double(linkLength[i]) / Double(textLength[i])
    }

    // MARK: content root

    private func contentRoots(body: Int) -> [Int] {
        let n = tree.nodes.count
        // Readability-style scores.
        var score = Array(repeating: 0.0, count: n)
        var scored = Array(repeating: false, count: n)
        for i in 0..<n where !removed[i] && !tree.nodes[i].isText {
            let name = tree.nodes[i].name
            let isPara = ExtractionRules.paragraphTags.contains(name) || (name == "div" && directTextLength(i) >= 80)
            guard isPara else { continue }
            let len = textLength[i] - linkLength[i]
            guard len >= 25 else { continue }
            let text = tree.text(of: i)
            let contentScore = 1.0 + Double(TextUtil.commaCount(text)) + min(Double(len) / 100.0, 3.0)
            if name == "div" {
                // A div holding its own text is both a paragraph and a container.
                if !scored[i] { score[i] += initialScore(i); scored[i] = true }
                score[i] += contentScore
            }
            var ancestor = tree.nodes[i].parent
            var level = 0
            while ancestor >= 0 && level < 3 {
                if !scored[ancestor] { score[ancestor] += initialScore(ancestor); scored[ancestor] = true }
                score[ancestor] += contentScore / Double(level == 0 ? 1 : level * 2)
                ancestor = tree.nodes[ancestor].parent
                level += 1
            }
        }
        var best = -1
        var bestScore = 0.0
        for i in 0..<n where scored[i] && !removed[i] {
            let s = score[i] * (1 - linkDensity(i))
            score[i] = s
            if s > bestScore { bestScore = s; best = i }
        }
        // Explicit markers: itemprop=articleBody, class patterns, <article>.
        let explicit = explicitRoots()
        if !explicit.isEmpty {
            let explicitText = explicit.reduce(0) { $0 + paragraphLength[$1] + directParagraphText($1) }
            if best < 0 || explicitText >= 200 || explicitText * 2 >= paragraphLength[best] {
                // Prefer the readability winner when the marker is only a small part of it.
                if best >= 0, explicit.allSatisfy({ isAncestor(best, of: $0) }),
                   paragraphLength[best] > explicitText * 3 + 500, linkDensity(best) < 0.2 {
                    return [best]
                }
                return explicit
            }
        }
        guard best >= 0 else { return [body] }
        // Siblings that also look like content (split articles).
        let parent = tree.nodes[best].parent
        guard parent >= 0 else { return [best] }
        var roots: [Int] = []
        let threshold = max(10.0, bestScore * 0.2)
        for s in tree.nodes[parent].children where !removed[s] {
            if s == best { roots.append(s); continue }
            if tree.nodes[s].isText { continue }
            if scored[s] && score[s] >= threshold { roots.append(s); continue }
            if tree.nodes[s].name == "p" {
                let len = textLength[s]
                let ld = linkDensity(s)
                if (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0 && tree.text(of: s).hasSuffix(".")) {
                    roots.append(s)
                }
            }
        }
        return roots
    }

    /// Block elements end a paragraph; table cells only when they hold blocks
    /// themselves (layout tables), so data-table rows stay on one line.
    private func isBlock(_ i: Int) -> Bool {
        let name = tree.nodes[i].name
        guard ExtractionRules.blockTags.contains(name) else { return false }
        if name == "td" || name == "th" {
            return tree.nodes[i].children.contains { c in
                let n = tree.nodes[c].name
                return n != "td" && n != "th" && n != "br" && ExtractionRules.blockTags.contains(n)
            }
        }
        return true
    }

    private func isAncestor(_ a: Int, of b: Int) -> Bool {
        var p = tree.nodes[b].parent
        while p >= 0 { if p == a { return true }; p = tree.nodes[p].parent }
        return false
    }

    private func directTextLength(_ i: Int) -> Int {
        var n = 0
        for c in tree.nodes[i].children where tree.nodes[c].isText && !removed[c] { n += textLength[c] }
        return n
    }

    private func directParagraphText(_ i: Int) -> Int {
        ExtractionRules.paragraphTags.contains(tree.nodes[i].name) ? textLength[i] - linkLength[i] : 0
    }

    private func initialScore(_ i: Int) -> Double {
        var s: Double
        switch tree.nodes[i].name {
        case "div", "article", "main", "section": s = 5
        case "pre", "td", "blockquote": s = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": s = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": s = -5
        default: s = 0
        }
        if classKind[i] > 0 { s += 25 } else if classKind[i] < 0 { s -= 25 }
        return s
    }

    /// Explicit article-body elements that are not nested in one another.
    private func explicitRoots() -> [Int] {
        let n = tree.nodes.count
        var byItemprop: [Int] = [], byClass: [Int] = [], byArticle: [Int] = []
        for i in 0..<n where !removed[i] && !tree.nodes[i].isText {
            if classKind[i] == 2 { byItemprop.append(i) }
            else if classKind[i] == 1 { byClass.append(i) }
            else if tree.nodes[i].name == "article" { byArticle.append(i) }
        }
        for group in [byItemprop, byClass, byArticle] {
            let outer = outermost(group).filter { paragraphLength[$0] + directParagraphText($0) >= 1 }
            guard !outer.isEmpty else { continue }
            let best = outer.map { paragraphLength[$0] }.max() ?? 0
            guard best >= 150 else { continue }
            // Keep the biggest, plus others of comparable size (split bodies).
            let kept = outer.filter { paragraphLength[$0] * 4 >= best || (paragraphLength[$0] > 100 && linkDensity($0) < 0.2) }
            if group == byArticle && kept.count > 1 {
                // Several <article>s are usually a list of teasers: use the biggest only.
                return [outer.max { paragraphLength[$0] < paragraphLength[$1] }!]
            }
            return kept
        }
        return []
    }

    private func outermost(_ group: [Int]) -> [Int] {
        let set = Set(group)
        return group.filter { i in !tree.ancestors(of: i).contains { set.contains($0) } }
    }

    // MARK: paragraph collection

    private func collect(from roots: [Int], dropHeadline: Bool) -> [String] {
        var paragraphs: [String] = []
        var seen = Set<String>()
        var current = ""
        var currentLinks = 0
        var currentLength = 0
        func flush() {
            let text = TextUtil.collapseWhitespace(current)
            defer { current = ""; currentLinks = 0; currentLength = 0 }
            guard !text.isEmpty else { return }
            let len = TextUtil.length(text)
            if removeBoilerplate {
                if currentLength > 0 && Double(currentLinks) / Double(currentLength) > 0.5 { return }
                if len <= ExtractionRules.boilerplateLineMaxLength {
                    let lower = text.lowercased()
                    if ExtractionRules.boilerplateLinePrefixes.contains(where: { lower.hasPrefix($0) }) { return }
                }
                if len > 30 {
                    if seen.contains(text) { return }
                    seen.insert(text)
                }
            }
            paragraphs.append(text)
        }
        // Iterative walk: (node, inLink, entering).
        for root in roots {
            var stack: [(Int, Bool, Bool)] = [(root, false, true)]
            while let (i, inLink, entering) = stack.popLast() {
                let node = tree.nodes[i]
                if !entering {
                    if isBlock(i) { flush() }
                    continue
                }
                if removed[i] { continue }
                if node.isText {
                    current += node.text
                    let l = textLength[i]
                    currentLength += l
                    if inLink { currentLinks += l }
                    continue
                }
                if dropHeadline && node.name == "h1" { continue }
                if isBlock(i) { flush() } else if node.name == "td" || node.name == "th" { current += " " }
                if node.name == "br" { continue }
                stack.append((i, inLink, false))
                let link = inLink || node.name == "a"
                var k = node.children.count - 1
                while k >= 0 { stack.append((node.children[k], link, true)); k -= 1 }
            }
            flush()
        }
        return paragraphs
    }
}

extension String {
    /// Trims ASCII whitespace only (fast path for scoring).
    func trimmingCharactersCheap() -> Substring {
        var s = self[...]
        while let f = s.utf8.first, f == 32 || f == 10 || f == 9 || f == 13 { s = s.dropFirst() }
        while let l = s.utf8.last, l == 32 || l == 10 || l == 9 || l == 13 { s = s.dropLast() }
        return s
    }
}
