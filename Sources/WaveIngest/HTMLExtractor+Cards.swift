/// Card grids: listings, search results, category and collection pages show their
/// content as repeated sibling blocks, each with a link (a title) and a little text
/// (a snippet, a byline, a price). Their titles are links, which the paragraph filter
/// would drop as navigation; inside a card they are the page's text.
extension HTMLExtractor {
    /// Sibling blocks of one kind that each hold a link and some text.
    struct CardGroup {
        var members: [Int]
        /// All visible text of the members, links included.
        var text: Int
        /// Of which inside links.
        var linkText: Int
    }

    /// Tag name plus the first class token without digits ("li.card-12" and
    /// "li.card-7" are one kind); plain tag name without a class. Paragraphs, line
    /// breaks, headings and table cells are never cards.
    func cardKey(_ i: Int) -> String? {
        let node = tree.nodes[i]
        guard !node.isText, node.flags & (DOMTree.Tag.p | DOMTree.Tag.br | DOMTree.Tag.h1 | DOMTree.Tag.cell) == 0 else { return nil }
        guard let cls = tree.attribute("class", of: i), let key = Self.kindKey(name: node.name, classValue: cls) else { return node.name }
        return key.key
    }

    /// The group of four or more sibling cards with the most text. A card holds a link
    /// and at least 20 characters; groups whose members average under 25 characters are
    /// menus (a word or two per link), not cards.
    func bestCardGroup(under top: Int) -> CardGroup? {
        var best: CardGroup?
        var groups: [String: [Int]] = [:]
        for i in tree.subtree(of: top) where !removed[i] && !tree.nodes[i].isText && tree.nodes[i].childCount >= 4 {
            groups.removeAll(keepingCapacity: true)
            for c in tree.children(i) where !removed[c] && textLength[c] >= 20 && linkLength[c] > 0 {
                if let key = cardKey(c) { groups[key, default: []].append(c) }
            }
            for (_, members) in groups where members.count >= 4 {
                let text = members.reduce(0) { $0 + textLength[$1] }
                guard text >= 25 * members.count, text > (best?.text ?? 0) else { continue }
                best = CardGroup(members: members, text: text, linkText: members.reduce(0) { $0 + linkLength[$1] })
            }
        }
        return best
    }

    /// When the page's text is mostly a card grid (more than the chosen roots hold
    /// outside it), the roots with the grid's container in place of the one card they
    /// may have picked; the members are returned so their link text is kept.
    func cardGrid(roots: [Int], body: Int) -> (roots: [Int], members: [Int])? {
        if roots.contains(where: { classKind[$0] == 2 }) { return nil }  // an explicit article body
        guard let group = bestCardGroup(under: body), group.text >= 300 else { return nil }
        let container = tree.nodes[group.members[0]].parent
        guard container >= 0 else { return nil }
        let outside = roots.filter { $0 != container && !isAncestor(container, of: $0) && !isAncestor($0, of: container) }
        let outsideText = outside.reduce(0) { $0 + textLength[$1] - linkLength[$1] }
        let holding = roots.filter { isAncestor($0, of: container) || $0 == container }
        // Text of the holding roots outside the grid counts against it too.
        let holdingText = holding.reduce(0) { $0 + textLength[$1] - linkLength[$1] } - (textLength[container] - linkLength[container])
        guard group.text * 2 >= (outsideText + max(0, holdingText)) * 3 else { return nil }
        // A story with a grid of teasers beside or below it is still a story: prose in
        // paragraphs outside the grid (less of it in an article container) keeps the roots.
        let prose = roots.reduce(0) { $0 + paragraphLength[$1] + directParagraphText($1) }
            - (holding.isEmpty ? 0 : paragraphLength[container] + directParagraphText(container))
        let story = rootKind == .marked || rootKind == .article ? 400 : 800
        guard prose < story else { return nil }
        var result = outside + (holding.isEmpty ? [container] : holding)
        result.sort()
        return (result, group.members)
    }

    /// Whether a third or more of the chosen cards show a price: a currency sign
    /// next to a digit ("$36", "€ 19,90", "12.000₩").
    func cardsShowPrices() -> Bool {
        guard !cardMembers.isEmpty else { return false }
        var priced = 0
        for m in cardMembers where tree.subtree(of: m).contains(where: {
            tree.nodes[$0].isText && !removed[$0] && tree.withNodeText($0, Self.hasCurrencySign) && Self.hasPrice(tree.nodeText($0))
        }) {
            priced += 1
        }
        return priced * 3 >= cardMembers.count
    }

    /// Whether UTF-8 bytes hold one of ``hasPrice(_:)``'s signs: $ (24), £ (C2 A3),
    /// ¥ (C2 A5), € (E2 82 AC), ₩ (E2 82 A9). Without one, no price (no String made).
    static func hasCurrencySign(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x24 { return true }
            if c == 0xC2 && i + 1 < b.count && (b[i + 1] == 0xA3 || b[i + 1] == 0xA5) { return true }
            if c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x82 && (b[i + 2] == 0xAC || b[i + 2] == 0xA9) { return true }
            i += 1
        }
        return false
    }

    static func hasPrice(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for (k, c) in scalars.enumerated() where "$€£¥₩".unicodeScalars.contains(c) {
            let before = k > 0 ? scalars[k - 1] : " "
            let after = k + 1 < scalars.count ? scalars[k + 1] : " "
            let afterSpace = k + 2 < scalars.count ? scalars[k + 2] : " "
            if ("0"..."9").contains(after) || ("0"..."9").contains(before) || (after == " " && ("0"..."9").contains(afterSpace)) { return true }
        }
        return false
    }
}
