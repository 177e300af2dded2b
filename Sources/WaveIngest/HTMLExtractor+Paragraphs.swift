/// Step 3 of the extractor: collecting paragraphs under the chosen roots and dropping
/// link-heavy, boilerplate and duplicate lines.
extension HTMLExtractor {
    /// `keeping`: nested <article>s that are never skipped (a chosen root inside a wider region).
    func collect(from roots: [Int], dropHeadline: Bool, keeping kept: [Int] = []) -> [String] {
        // Inside a root with text of its own, nested <article>s are cards or comments.
        var skipped = Set<Int>()
        if removeBoilerplate {
            for root in roots {
                let nested = tree.subtree(of: root).filter { $0 != root && tree.nodes[$0].flags & DOMTree.Tag.article != 0 && !removed[$0] }
                let outer = outermost(nested)
                let nestedText = outer.reduce(0) { $0 + paragraphLength[$1] + directParagraphText($1) }
                let own = paragraphLength[root] + directParagraphText(root) - nestedText
                if !outer.isEmpty && own >= 200 {
                    // Only nested articles smaller than the root's own text (not the story itself).
                    skipped.formUnion(outer.filter { paragraphLength[$0] + directParagraphText($0) < own && !kept.contains($0) })
                }
            }
        }
        var paragraphs: [String] = []
        var seen = Set<String>()
        // UTF-8 of the paragraph being gathered (text node bytes are valid UTF-8).
        var current: [UInt8] = []
        current.reserveCapacity(4096)
        var currentLinks = 0
        var currentLength = 0
        var currentInCard = false
        let cards = cardMembers
        func flush() {
            let text = current.withUnsafeBufferPointer { TextUtil.collapseWhitespace(utf8: $0) }
            defer { current.removeAll(keepingCapacity: true); currentLinks = 0; currentLength = 0; currentInCard = false }
            guard !text.isEmpty else { return }
            let len = TextUtil.length(text)
            if removeBoilerplate {
                if !currentInCard && currentLength > 0 && Double(currentLinks) / Double(currentLength) > 0.5 { return }
                if len <= ExtractionRules.boilerplateLineMaxLength {
                    if Self.mayStartWithBoilerplatePrefix(text) && Self.startsWithBoilerplatePrefix(text) { return }
                    if headlines.contains(text) { return }
                    // A line that is only a date (dateline furniture).
                    if len <= 60, DateParser.isDateOnly(text) { return }
                }
                if len > 30 && dedupe {
                    if seen.contains(text) { return }
                    seen.insert(text)
                }
            }
            paragraphs.append(text)
        }
        // Iterative walk: (node, inLink, inCard, entering).
        for root in roots {
            var stack: [(Int, Bool, Bool, Bool)] = [(root, false, false, true)]
            while let (i, inLink, inCard, entering) = stack.popLast() {
                if !entering {
                    flush()  // only block elements are pushed for exit
                    continue
                }
                if removed[i] || (!skipped.isEmpty && skipped.contains(i)) { continue }
                if tree.nodes[i].isText {
                    let node = tree.nodes[i]
                    current += tree.textBytes[node.textStart..<(node.textStart + node.textCount)]
                    let l = textLength[i]
                    currentLength += l
                    if inLink { currentLinks += l }
                    if inCard { currentInCard = true }
                    continue
                }
                let flags = tree.nodes[i].flags
                if dropHeadline && flags & DOMTree.Tag.h1 != 0 { continue }
                let block = isBlock(i)
                if block { flush() } else if flags & DOMTree.Tag.cell != 0 { current.append(32) }
                if flags & DOMTree.Tag.br != 0 { continue }
                if block { stack.append((i, inLink, inCard, false)) }
                let link = inLink || flags & DOMTree.Tag.a != 0
                let card = inCard || (!cards.isEmpty && cards.contains(i))
                let children = tree.children(i)
                var k = children.count - 1
                while k >= 0 { stack.append((children[k], link, card, true)); k -= 1 }
            }
            flush()
        }
        return paragraphs
    }
}
