/// Step 2 of the extractor: picking the content root(s) of a page — explicit article-body
/// markers, class patterns, `<article>`, checked against readability-style scores — and the
/// fallbacks when no article container is found.
extension HTMLExtractor {
    func contentRoots(body: Int) -> [Int] {
        let n = tree.nodes.count
        // Readability-style scores.
        var score = Array(repeating: 0.0, count: n)
        var scored = Array(repeating: false, count: n)
        for i in 0..<n where !removed[i] && !tree.nodes[i].isText {
            let flags = tree.nodes[i].flags
            let isPara = flags & DOMTree.Tag.paragraph != 0 ||
                (flags & DOMTree.Tag.div != 0 && (directTextLength(i) >= 80 || (textLength[i] - linkLength[i] >= 80 && !hasBlockChild(i))))
            guard isPara else { continue }
            let len = textLength[i] - linkLength[i]
            guard len >= 25 else { continue }
            let contentScore = 1.0 + Double(commaCount(under: i)) + min(Double(len) / 100.0, 3.0)
            if flags & DOMTree.Tag.div != 0 {
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
            let explicitText = explicit.reduce(0) { $0 + max(paragraphLength[$1] + directParagraphText($1), textLength[$1] - linkLength[$1]) }
            if best < 0 || explicitText >= 200 || explicitText * 2 >= paragraphLength[best] {
                // Prefer the readability winner when the marker is only a small part of it.
                if best >= 0, explicit.allSatisfy({ isAncestor(best, of: $0) }),
                   paragraphLength[best] > explicitText * 3 + 500, linkDensity(best) < 0.2 {
                    return [best]
                }
                // A small marked block elsewhere (a teaser card's "post-content") next to
                // a readability winner with far more prose: the winner.
                if best >= 0, explicitText < 500, !explicit.contains(where: { $0 == best || isAncestor($0, of: best) || isAncestor(best, of: $0) }),
                   paragraphLength[best] > explicitText * 4 + 800, linkDensity(best) < 0.2 {
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
        for s in tree.children(parent) where !removed[s] {
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

    /// Pages that are not one story (service pages in sections, product pages,
    /// listings) keep their text in several blocks: the lowest ancestor of the
    /// roots that holds most of the page's remaining non-link text, when it is
    /// not link-heavy and adds real text.
    func expandedRegion(roots: [Int], body: Int) -> Int? {
        let total = textLength[body] - linkLength[body]
        guard total > 0, var a = roots.first else { return nil }
        for r in roots.dropFirst() { a = commonAncestor(a, r); if a < 0 { return nil } }
        let rootText = roots.reduce(0) { $0 + textLength[$1] - linkLength[$1] }
        while a != body && (textLength[a] - linkLength[a]) * 10 < total * 7 {
            let p = tree.nodes[a].parent
            guard p >= 0 else { return nil }
            a = p
        }
        let regionText = textLength[a] - linkLength[a]
        guard a != roots.first || roots.count > 1, regionText * 10 >= rootText * 13 + 500, linkDensity(a) < 0.4 else { return nil }
        return a
    }

    /// Block elements end a paragraph; table cells only when they hold blocks
    /// themselves (layout tables), so data-table rows stay on one line.
    func isBlock(_ i: Int) -> Bool {
        let flags = tree.nodes[i].flags
        guard flags & DOMTree.Tag.block != 0 else { return false }
        if flags & DOMTree.Tag.cell != 0 {
            return tree.children(i).contains { c in
                let f = tree.nodes[c].flags
                return f & (DOMTree.Tag.cell | DOMTree.Tag.br) == 0 && f & DOMTree.Tag.block != 0
            }
        }
        return true
    }

    func isAncestor(_ a: Int, of b: Int) -> Bool {
        var p = tree.nodes[b].parent
        while p >= 0 { if p == a { return true }; p = tree.nodes[p].parent }
        return false
    }

    /// Commas (Latin and CJK) in the visible text under `i`.
    func commaCount(under i: Int) -> Int {
        var n = 0
        var stack = [i]
        while let x = stack.popLast() {
            if removed[x] { continue }
            let node = tree.nodes[x]
            if node.isText { n += tree.withNodeText(x) { TextUtil.commaCount(utf8: $0) }; continue }
            stack.append(contentsOf: tree.children(x))
        }
        return n
    }

    /// Whether a child is a block element (a div without any is a paragraph).
    func hasBlockChild(_ i: Int) -> Bool {
        tree.children(i).contains { c in
            let f = tree.nodes[c].flags
            return f & DOMTree.Tag.br == 0 && !removed[c] && f & DOMTree.Tag.block != 0
        }
    }

    func directTextLength(_ i: Int) -> Int {
        var n = 0
        for c in tree.children(i) where tree.nodes[c].isText && !removed[c] { n += textLength[c] }
        return n
    }

    func directParagraphText(_ i: Int) -> Int {
        tree.nodes[i].flags & DOMTree.Tag.paragraph != 0 ? textLength[i] - linkLength[i] : 0
    }

    func initialScore(_ i: Int) -> Double {
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
    func explicitRoots() -> [Int] {
        let n = tree.nodes.count
        var byItemprop: [Int] = [], byClass: [Int] = [], byArticle: [Int] = []
        for i in 0..<n where !removed[i] && !tree.nodes[i].isText {
            if classKind[i] == 2 { byItemprop.append(i) }
            else if classKind[i] == 1 && tree.nodes[i].flags & DOMTree.Tag.container != 0 { byClass.append(i) }
            else if tree.nodes[i].flags & DOMTree.Tag.article != 0 { byArticle.append(i) }
        }
        // Paragraph text of each <article> without the <article>s nested in it
        // (related-post cards and comments are nested articles).
        var ownArticleText: [Int: Int] = [:]
        for a in byArticle { ownArticleText[a] = paragraphLength[a] + directParagraphText(a) }
        for a in byArticle {
            if let up = tree.ancestors(of: a).first(where: { tree.nodes[$0].flags & DOMTree.Tag.article != 0 }), ownArticleText[up] != nil {
                ownArticleText[up]! -= paragraphLength[a] + directParagraphText(a)
            }
        }
        for (g, group) in [byItemprop, byClass, byArticle].enumerated() {
            // Explicit markers count all their own (non-link) text; <article> only paragraph text.
            let size: (Int) -> Int = { i in
                g < 2 ? max(paragraphLength[i], self.textLength[i] - self.linkLength[i]) : (ownArticleText[i] ?? 0)
            }
            if g == 2 {
                // <article>: the one with the most text of its own (nested ones included as candidates).
                guard let best = group.max(by: { size($0) < size($1) }), size(best) >= 150 else { continue }
                return [best]
            }
            let outer = outermost(group).filter { size($0) >= 1 }
            guard !outer.isEmpty else { continue }
            let best = outer.map(size).max() ?? 0
            guard best >= 150 else { continue }
            // Keep the biggest, plus others of comparable size (split bodies).
            let kept = outer.filter { size($0) * 4 >= best || (size($0) > 100 && linkDensity($0) < 0.2) }
            if kept.count > 1 {
                // Pieces of one body: their common ancestor, if it is mostly them.
                var lca = kept[0]
                for k in kept.dropFirst() { lca = commonAncestor(lca, k) }
                let total = kept.reduce(0) { $0 + size($1) }
                if lca >= 0 && total * 10 >= (textLength[lca] - linkLength[lca]) * 6 { return [lca] }
                if kept.count > 3 { return [outer.max { size($0) < size($1) }!] }
            }
            return kept
        }
        return []
    }

    func commonAncestor(_ a: Int, _ b: Int) -> Int {
        let chain = Set([a] + tree.ancestors(of: a))
        if chain.contains(b) { return b }
        for x in tree.ancestors(of: b) where chain.contains(x) { return x }
        return -1
    }

    func outermost(_ group: [Int]) -> [Int] {
        let set = Set(group)
        return group.filter { i in !tree.ancestors(of: i).contains { set.contains($0) } }
    }
}

extension HTMLExtractor {
    /// The page's declared main region: the first `<main>` (or `role="main"`) element
    /// left after furniture removal.
    func mainLandmark(body: Int) -> Int? {
        for i in tree.subtree(of: body) where !removed[i] && !tree.nodes[i].isText {
            if tree.nodes[i].flags & DOMTree.Tag.main != 0 { return i }
            if tree.nodes[i].attributeCount != 0, let role = tree.attribute("role", of: i), TextUtil.lowerASCII(role) == "main" {
                return i
            }
        }
        return nil
    }

    /// Sectioned pages (a service's features, a thread's posts, a guide's steps) show
    /// their text in many blocks of one declared main region, and the best-scoring block
    /// is only one of them. When the chosen paragraphs hold under 35 % of the text the
    /// main region gives and that region is not mostly links, the region's paragraphs.
    /// Product pages keep their pick: their main region carries reviews and related goods.
    func landmarkParagraphs(replacing paragraphs: [String], roots: [Int], body: Int) -> (root: Int, paragraphs: [String])? {
        guard pageType != .product, rootKind != .structured, rootKind != .summary else { return nil }
        let current = TextUtil.length(of: paragraphs)
        // The region is inside the body: when the paragraphs already hold 35 % of the body's
        // visible text, no region can win, and the page is not searched for one (most stories).
        guard current * 100 < textLength[body] * 35,
              let main = mainLandmark(body: body), linkDensity(main) < 0.5 else { return nil }
        // Visible text bounds what the region can give: skip the collection when it cannot win.
        guard current * 100 < textLength[main] * 35 else { return nil }
        let wider = collect(from: [main], dropHeadline: true, keeping: roots)
        guard current * 100 < TextUtil.length(of: wider) * 35 else { return nil }
        return (main, wider)
    }
}
