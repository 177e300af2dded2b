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

    /// Where the main text came from.
    enum RootKind: Sendable {
        case marked     // itemprop=articleBody or an article-body class
        case article    // an <article> element
        case scored     // the best-scoring block (readability-style)
        case repeated   // repeated post or card containers
        case body       // the whole body, furniture removed
        case lenient    // all visible text
        case none       // nothing
    }

    var removed: [Bool] = []
    var textLength: [Int] = []      // scalars of visible text under a node
    var linkLength: [Int] = []      // of which inside <a>
    var paragraphLength: [Int] = [] // text in p-like descendants
    var classKind: [Int8] = []      // +1 positive, -1 negative, 0 neutral
    var hasMarker: [Bool] = []      // subtree contains a positive marker

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
        var roots = contentRoots(body: body)
        rootKind = kind(of: roots, body: body)
        if let posts = repeatedBlocks(around: roots, body: body) { roots = posts; rootKind = .repeated }
        var paras = collect(from: roots, dropHeadline: true)
        if TextUtil.length(paras.joined()) < 100 && roots != [body] {
            // The chosen root was too thin: fall back to the whole body.
            let all = collect(from: [body], dropHeadline: true)
            if TextUtil.length(all.joined()) > TextUtil.length(paras.joined()) { paras = all; rootKind = .body }
        }
        pageType = classify(roots: roots, paragraphs: paras, body: body)
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
        confidence = confidence(paragraphs: paras, roots: roots)
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

    /// +1 for an article-body marker, -1 for furniture, 0 otherwise. Each
    /// space-separated class is judged alone; inside one class the most specific
    /// (last) qualifier wins ("article-body__footer" is furniture). A node is a
    /// marker if any of its classes is.
    static func classification(_ s: String) -> Int8 {
        var s = s
        return s.withUTF8 { classification(utf8: $0) }
    }

    /// ``classification(_:)`` on UTF-8 bytes (ASCII letters lowered in a
    /// temporary buffer, no heap array for short values).
    static func classification(utf8 raw: UnsafeBufferPointer<UInt8>) -> Int8 {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, raw.count)) { tmp in
            for i in 0..<raw.count { let c = raw[i]; tmp[i] = c >= 65 && c <= 90 ? c + 32 : c }
            let buf = UnsafeBufferPointer(rebasing: tmp[0..<raw.count])
            var result: Int8 = 0
            var start = 0
            for i in 0...buf.count where i == buf.count || buf[i] == 32 {
                defer { start = i + 1 }
                guard i > start else { continue }
                let k = classifyToken(UnsafeBufferPointer(rebasing: buf[start..<i]))
                if k > 0 { return 1 }
                if k < 0 { result = -1 }
            }
            return result
        }
    }

    /// Substring patterns by their first three bytes, in an open-addressing
    /// table (trigram key, 0 = empty slot) probed without `Hasher`.
    private struct PatternTable {
        var keys: [UInt32]
        var patterns: [[([UInt8], Bool)]]
        var shift: UInt32

        init(_ index: [UInt32: [([UInt8], Bool)]]) {
            var size = 16
            while size < index.count * 4 { size *= 2 }
            keys = [UInt32](repeating: 0, count: size)
            patterns = Array(repeating: [], count: size)
            shift = UInt32(32 - size.trailingZeroBitCount)
            for (k, v) in index {
                var i = slot(k)
                while keys[i] != 0 { i = (i + 1) & (size - 1) }
                keys[i] = k
                patterns[i] = v
            }
        }

        @inline(__always) func slot(_ k: UInt32) -> Int { Int((k &* 0x9E37_79B1) >> shift) }

        /// Index of `k`'s slot, or -1.
        @inline(__always) func find(_ k: UInt32) -> Int {
            let mask = keys.count - 1
            var i = slot(k)
            while true {
                let x = keys[i]
                if x == k { return i }
                if x == 0 { return -1 }
                i = (i + 1) & mask
            }
        }
    }

    private static let patternTable = PatternTable(patternIndex)

    /// ``ExtractionRules/negativeWords`` packed into 16 bytes each, in an
    /// open-addressing set (zero = empty slot) probed without `Hasher`.
    private struct PackedSet {
        var keys: [SIMD2<UInt64>]
        var shift: UInt64

        init(_ words: Set<SIMD2<UInt64>>) {
            var size = 16
            while size < words.count * 4 { size *= 2 }
            keys = [SIMD2<UInt64>](repeating: .zero, count: size)
            shift = UInt64(64 - size.trailingZeroBitCount)
            for w in words {
                var i = slot(w)
                while keys[i] != .zero { i = (i + 1) & (size - 1) }
                keys[i] = w
            }
        }

        @inline(__always) func slot(_ k: SIMD2<UInt64>) -> Int {
            Int(truncatingIfNeeded: ((k.x ^ (k.y &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }

        @inline(__always) func contains(_ k: SIMD2<UInt64>) -> Bool {
            let mask = keys.count - 1
            var i = slot(k)
            while true {
                let x = keys[i]
                if x == k { return true }
                if x == .zero { return false }
                i = (i + 1) & mask
            }
        }
    }

    private static let negativeWordSet = PackedSet(packedNegativeWords)

    /// Substring patterns indexed by their first three bytes: (pattern, positive?).
    private static let patternIndex: [UInt32: [([UInt8], Bool)]] = {
        var index: [UInt32: [([UInt8], Bool)]] = [:]
        for (list, positive) in [(ExtractionRules.positiveSubstrings, true), (ExtractionRules.negativeSubstrings, false)] {
            for p in list {
                let b = Array(p.utf8)
                precondition(b.count >= 3, "class patterns need at least three characters")
                index[UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2]), default: []].append((b, positive))
            }
        }
        return index
    }()

    /// Bit per first-two-bytes pair of any substring pattern: most trigram
    /// positions are rejected here without a dictionary lookup.
    private static let pairFilter: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1024)
        for key in patternIndex.keys {
            let pair = Int(key >> 8)
            bits[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        return bits
    }()

    /// ``ExtractionRules/negativeWords`` packed into 16 bytes each (all are shorter).
    private static let packedNegativeWords: Set<SIMD2<UInt64>> = {
        var set = Set<SIMD2<UInt64>>()
        for w in ExtractionRules.negativeWords {
            let b = Array(w.utf8)
            precondition(b.count <= 16, "negative words are at most 16 bytes")
            set.insert(pack(b[...]))
        }
        return set
    }()

    @inline(__always) private static func pack<C: Collection<UInt8>>(_ b: C) -> SIMD2<UInt64> {
        var lo: UInt64 = 0, hi: UInt64 = 0
        var k = 0
        for x in b {
            if k < 8 { lo |= UInt64(x) << UInt64(k * 8) } else { hi |= UInt64(x) << UInt64((k - 8) * 8) }
            k += 1
        }
        return SIMD2(lo, hi)
    }

    private static func classifyToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Int8 {
        var posEnd = -1, negEnd = -1
        if bytes.count >= 3 {
            for i in 0...(bytes.count - 3) {
                let pair = Int(bytes[i]) << 8 | Int(bytes[i + 1])
                if pairFilter[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { continue }
                let key = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                let slot = patternTable.find(key)
                guard slot >= 0 else { continue }
                for (p, positive) in patternTable.patterns[slot] where i + p.count <= bytes.count {
                    var k = 3
                    while k < p.count && bytes[i + k] == p[k] { k += 1 }
                    if k == p.count {
                        if positive { posEnd = max(posEnd, i + k) } else { negEnd = max(negEnd, i + k) }
                    }
                }
            }
        }
        var start = 0
        var i = 0
        while i <= bytes.count {
            let isAlnum = i < bytes.count && ((bytes[i] >= 97 && bytes[i] <= 122) || (bytes[i] >= 48 && bytes[i] <= 57))
            if !isAlnum {
                if i > start, i - start <= 16, negativeWordSet.contains(pack(bytes[start..<i])) {
                    negEnd = max(negEnd, i)
                }
                start = i + 1
            }
            i += 1
        }
        if posEnd < 0 && negEnd < 0 { return 0 }
        return posEnd >= negEnd ? 1 : -1
    }

    mutating func analyze() {
        let n = tree.nodes.count
        removed = Array(repeating: false, count: n)
        textLength = Array(repeating: 0, count: n)
        linkLength = Array(repeating: 0, count: n)
        paragraphLength = Array(repeating: 0, count: n)
        classKind = Array(repeating: 0, count: n)
        hasMarker = Array(repeating: false, count: n)
        // Classify, and mark explicit body markers.
        var cache = ClassCache()
        for i in 0..<n where !tree.nodes[i].isText && tree.nodes[i].attributeCount != 0 {
            // The class and id values, space-separated (classification reads
            // space-separated tokens, so one value alone is its own key).
            // Classification reads space-separated tokens, so the values joined by
            // a space classify as the combination of each value alone: positive if
            // any is, else negative if any is.
            var kind: Int8 = 0
            var any = false
            for (k, v) in tree.attributes(i) where k == "class" || k == "id" {
                any = true
                let c = cache.classification(v)
                if c > 0 { kind = 1 } else if c < 0 && kind == 0 { kind = -1 }
            }
            guard any else { continue }  // no class or id (an empty one still counts)
            classKind[i] = kind
            if let ip = tree.attribute("itemprop", of: i), TextUtil.lowerASCII(ip).contains("articlebody") { classKind[i] = 2 }
        }
        var i = n - 1
        // Bottom-up: paragraph text before any removal, for the guard below.
        var rawParagraph = Array(repeating: 0, count: n)
        var rawText = Array(repeating: 0, count: n)
        var nodeLength = Array(repeating: 0, count: n)
        i = n - 1
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
        let bodyText = max(1, tree.first("body").map { rawText[$0] } ?? rawText[0])
        // Bottom-up: marker flags (children have larger indices than parents).
        // Only markers holding real text protect their ancestors.
        i = n - 1
        while i >= 0 {
            if classKind[i] == 2 || (classKind[i] > 0 && rawText[i] >= 400) { hasMarker[i] = true }
            let p = tree.nodes[i].parent
            if p >= 0 && hasMarker[i] { hasMarker[p] = true }
            i -= 1
        }
        // Top-down: removal.
        for i in 0..<n {
            let p = tree.nodes[i].parent
            if p >= 0 && removed[p] { removed[i] = true; continue }
            if tree.nodes[i].isText { continue }
            let flags = tree.nodes[i].flags
            if flags & DOMTree.Tag.script != 0 { removed[i] = true; continue }
            guard removeBoilerplate else { continue }
            if flags & DOMTree.Tag.htmlOrBody != 0 { continue }
            if flags & DOMTree.Tag.removed != 0 && !hasMarker[i] { removed[i] = true; continue }
            if tree.nodes[i].attributeCount == 0 { continue }  // the rules below all need attributes
            if isHidden(i) { removed[i] = true; continue }
            if let role = tree.attribute("role", of: i), ExtractionRules.negativeRoles.contains(TextUtil.lowerASCII(role)), !hasMarker[i] {
                removed[i] = true; continue
            }
            if classKind[i] < 0 && !hasMarker[i] && flags & (DOMTree.Tag.main | DOMTree.Tag.article) == 0 {
                // Guard: a node holding most of the page's paragraph text is not
                // furniture because of a class like "with-sidebar" (comments excepted).
                let holdsArticle = rawText[i] * 5 >= bodyText * 2 && rawParagraph[i] >= 400
                if !holdsArticle || isStrongNegative(i) { removed[i] = true }
            }
        }
        // Bottom-up: text statistics over what is left.
        i = n - 1
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

    func isStrongNegative(_ i: Int) -> Bool {
        for (k, v) in tree.attributes(i) where k == "class" || k == "id" {
            let l = TextUtil.lowerASCII(v)
            if ExtractionRules.strongNegativeSubstrings.contains(where: { l.contains($0) }) { return true }
        }
        return false
    }

    func isHidden(_ i: Int) -> Bool {
        for (k, v) in tree.attributes(i) {
            switch k {
            case "hidden": return true
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

    /// Class/id value → ``classification(_:)``, memoized per page in an
    /// open-addressing table keyed by a cheap hash of the value's bytes.
    struct ClassCache {
        private var keys: [String?] = Array(repeating: nil, count: 256)
        private var values: [Int8] = Array(repeating: 0, count: 256)
        private var hashes: [UInt64] = Array(repeating: 0, count: 256)
        private var count = 0

        @inline(__always) private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h: UInt64 = UInt64(b.count) &* 0x9E37_79B9_7F4A_7C15
            var i = 0
            let n = b.count
            if let base = b.baseAddress {
                while i + 8 <= n {
                    h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                    h ^= h >> 29
                    i += 8
                }
                var tail: UInt64 = 0
                var k = 0
                while i < n { tail |= UInt64(base[i]) << UInt64(k * 8); i += 1; k += 1 }
                h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
            }
            return h ^ (h >> 31)
        }

        mutating func classification(_ value: String) -> Int8 {
            var v = value
            return v.withUTF8 { b in
                let h = Self.hash(b)
                var mask = keys.count - 1
                var i = Int(truncatingIfNeeded: h) & mask
                while let k = keys[i] {
                    if hashes[i] == h && k == value { return values[i] }
                    i = (i + 1) & mask
                }
                let c = HTMLExtractor.classification(utf8: b)
                if (count + 1) * 2 > keys.count {
                    grow()
                    mask = keys.count - 1
                    i = Int(truncatingIfNeeded: h) & mask
                    while keys[i] != nil { i = (i + 1) & mask }
                }
                keys[i] = value
                values[i] = c
                hashes[i] = h
                count += 1
                return c
            }
        }

        private mutating func grow() {
            let oldKeys = keys, oldValues = values, oldHashes = hashes
            let size = oldKeys.count * 2
            keys = Array(repeating: nil, count: size)
            values = Array(repeating: 0, count: size)
            hashes = Array(repeating: 0, count: size)
            for j in oldKeys.indices where oldKeys[j] != nil {
                var i = Int(truncatingIfNeeded: oldHashes[j]) & (size - 1)
                while keys[i] != nil { i = (i + 1) & (size - 1) }
                keys[i] = oldKeys[j]
                values[i] = oldValues[j]
                hashes[i] = oldHashes[j]
            }
        }
    }

    func linkDensity(_ i: Int) -> Double {
        textLength[i] == 0 ? 0 : Double(linkLength[i]) / Double(textLength[i])
    }

    // MARK: content root

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

    // MARK: paragraph collection

    func collect(from roots: [Int], dropHeadline: Bool) -> [String] {
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
                    skipped.formUnion(outer.filter { paragraphLength[$0] + directParagraphText($0) < own })
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
        func flush() {
            let text = current.withUnsafeBufferPointer { TextUtil.collapseWhitespace(utf8: $0) }
            defer { current.removeAll(keepingCapacity: true); currentLinks = 0; currentLength = 0 }
            guard !text.isEmpty else { return }
            let len = TextUtil.length(text)
            if removeBoilerplate {
                if currentLength > 0 && Double(currentLinks) / Double(currentLength) > 0.5 { return }
                if len <= ExtractionRules.boilerplateLineMaxLength {
                    if Self.mayStartWithBoilerplatePrefix(text) {
                        let lower = text.lowercased()
                        if ExtractionRules.boilerplateLinePrefixes.contains(where: { lower.hasPrefix($0) }) { return }
                    }
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
        // Iterative walk: (node, inLink, entering).
        for root in roots {
            var stack: [(Int, Bool, Bool)] = [(root, false, true)]
            while let (i, inLink, entering) = stack.popLast() {
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
                    continue
                }
                let flags = tree.nodes[i].flags
                if dropHeadline && flags & DOMTree.Tag.h1 != 0 { continue }
                let block = isBlock(i)
                if block { flush() } else if flags & DOMTree.Tag.cell != 0 { current.append(32) }
                if flags & DOMTree.Tag.br != 0 { continue }
                if block { stack.append((i, inLink, false)) }
                let link = inLink || flags & DOMTree.Tag.a != 0
                let children = tree.children(i)
                var k = children.count - 1
                while k >= 0 { stack.append((children[k], link, true)); k -= 1 }
            }
            flush()
        }
        return paragraphs
    }
}
