#if canImport(Glibc)
internal import Glibc
#endif

/// A compact, immutable Swift copy of a parsed HTML or XML document.
///
/// The libxml2 tree is walked once (see `LibXMLParser`) into this flat array of
/// nodes and freed right away; every extraction rule then works on plain Swift
/// values, so no C pointer escapes the parse call.
struct DOMTree: Sendable {
    /// One element or text node. Elements have a lowercased `name`; text nodes
    /// have an empty name and their content in ``DOMTree/textBytes``
    /// (`textStart`, `textCount`; read it with ``DOMTree/nodeText(_:)``).
    struct Node: Sendable {
        var name: String
        var textStart: Int = 0
        var textCount: Int = 0
        /// Window onto ``DOMTree/attributeStorage`` (read with ``DOMTree/attributes(_:)``).
        var attributeStart: Int32 = 0
        var attributeCount: Int32 = 0
        var parent: Int
        /// Window onto ``DOMTree/childIndices`` (read with ``DOMTree/children(_:)``).
        /// Plain integers, not array references: nodes are copied, built and
        /// destroyed without reference counting.
        var childStart: Int32 = 0
        var childCount: Int32 = 0
        /// Tag-class bits (``DOMTree/Tag``), computed once per distinct name at
        /// parse time so extraction rules test bits instead of hashing names.
        var flags: UInt16 = 0
        /// Text nodes: `TextUtil.visibleLength(text)`, counted during the copy.
        var visibleLength: Int = 0
        var isText: Bool { name.isEmpty }
    }

    /// Child indices of one node: a zero-based window onto one array shared by
    /// the whole tree (one allocation per document instead of one per element).
    struct Children: RandomAccessCollection, Sendable {
        let storage: [Int]
        let start: Int32
        let count: Int32

        static let empty = Children(storage: [], start: 0, count: 0)

        var startIndex: Int { 0 }
        var endIndex: Int { Int(count) }
        @inline(__always) subscript(i: Int) -> Int {
            precondition(i >= 0 && i < Int(count), "child index out of range")
            return storage[Int(start) + i]
        }
    }

    /// (name, value) pairs of one element: a window onto one array shared by the
    /// whole tree, like ``Children``.
    struct Attributes: RandomAccessCollection, Sendable {
        let storage: [(String, String)]
        let start: Int32
        let count: Int32

        static let empty = Attributes(storage: [], start: 0, count: 0)

        var startIndex: Int { 0 }
        var endIndex: Int { Int(count) }
        @inline(__always) subscript(i: Int) -> (String, String) {
            precondition(i >= 0 && i < Int(count), "attribute index out of range")
            return storage[Int(start) + i]
        }
    }

    /// Points every element's attribute window (start and count set during the
    /// copy) at the finished shared array.
    mutating func linkAttributes(_ storage: [(String, String)]) {
        attributeStorage = storage
    }

    /// Child indices of node `i` (a window onto ``childIndices``).
    @inline(__always) func children(_ i: Int) -> Children {
        let n = nodes[i]
        return n.childCount == 0 ? .empty : Children(storage: childIndices, start: n.childStart, count: n.childCount)
    }

    /// (name, value) pairs of node `i` (a window onto ``attributeStorage``).
    @inline(__always) func attributes(_ i: Int) -> Attributes {
        let n = nodes[i]
        return n.attributeCount == 0 ? .empty : Attributes(storage: attributeStorage, start: n.attributeStart, count: n.attributeCount)
    }

    /// Builds the shared child lists from parent links. Nodes are in pre-order,
    /// so visiting them in index order lists each node's children in order.
    mutating func linkChildren() {
        let n = nodes.count
        var counts = [Int32](repeating: 0, count: n)
        for i in 0..<n where nodes[i].parent >= 0 { counts[nodes[i].parent] += 1 }
        var starts = [Int32](repeating: 0, count: n)
        var total: Int32 = 0
        for i in 0..<n { starts[i] = total; total += counts[i] }
        var flat = [Int](repeating: 0, count: Int(total))
        var cursor = starts
        for i in 0..<n {
            let p = nodes[i].parent
            if p >= 0 { flat[Int(cursor[p])] = i; cursor[p] += 1 }
        }
        for i in 0..<n where counts[i] > 0 {
            nodes[i].childStart = starts[i]
            nodes[i].childCount = counts[i]
        }
        childIndices = flat
    }

    /// Bits in ``Node/flags``.
    enum Tag {
        static let script: UInt16 = 1 << 0
        static let a: UInt16 = 1 << 1
        static let p: UInt16 = 1 << 2
        static let paragraph: UInt16 = 1 << 3   // ExtractionRules.paragraphTags
        static let block: UInt16 = 1 << 4       // ExtractionRules.blockTags
        static let removed: UInt16 = 1 << 5     // ExtractionRules.removedTags
        static let container: UInt16 = 1 << 6   // ExtractionRules.containerTags
        static let cell: UInt16 = 1 << 7        // td, th
        static let br: UInt16 = 1 << 8
        static let htmlOrBody: UInt16 = 1 << 9
        static let article: UInt16 = 1 << 10
        static let main: UInt16 = 1 << 11
        static let h1: UInt16 = 1 << 12
        static let div: UInt16 = 1 << 13

        static func flags(for name: String) -> UInt16 { table[name] ?? 0 }

        /// Flags of every name that has any (one hash lookup per distinct name).
        private static let table: [String: UInt16] = {
            var t: [String: UInt16] = [:]
            let single: [(String, UInt16)] = [
                ("script", script), ("a", a), ("p", p), ("td", cell), ("th", cell), ("br", br), ("html", htmlOrBody),
                ("body", htmlOrBody), ("article", article), ("main", main), ("h1", h1), ("div", div),
            ]
            for (name, f) in single { t[name, default: 0] |= f }
            for name in ExtractionRules.paragraphTags { t[name, default: 0] |= paragraph }
            for name in ExtractionRules.blockTags { t[name, default: 0] |= block }
            for name in ExtractionRules.removedTags { t[name, default: 0] |= removed }
            for name in ExtractionRules.containerTags { t[name, default: 0] |= container }
            return t
        }()
    }

    var nodes: [Node] = []
    /// The UTF-8 of all text nodes, one after another (always valid UTF-8): one
    /// buffer per document instead of one `String` per text node.
    var textBytes: [UInt8] = []
    /// All child lists, one after another (``Node/childStart``, ``Node/childCount``).
    var childIndices: [Int] = []
    /// All kept attributes, in document order (``Node/attributeStart``, ``Node/attributeCount``).
    var attributeStorage: [(String, String)] = []

    /// The text of text node `i` (empty for elements).
    func nodeText(_ i: Int) -> String {
        let n = nodes[i]
        if n.textCount == 0 { return "" }
        return textBytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[n.textStart..<(n.textStart + n.textCount)]), as: UTF8.self)
        }
    }

    /// The UTF-8 bytes of text node `i`.
    func withNodeText<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let n = nodes[i]
        return textBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[n.textStart..<(n.textStart + n.textCount)])) }
    }

    /// Counts over the bytes of one text run, fed in chunks (``scan(_:)``).
    struct TextRunScan {
        /// Scalars that are not ASCII whitespace (``TextUtil/visibleLength(_:)``).
        var visible = 0
        /// A byte that is not ASCII whitespace was seen.
        var other = false
        var nonASCII = false
        /// A NUL byte ended the run (libxml2's text nodes are C strings).
        var ended = false
        var length = 0
        /// Raw runs (script code) are only cut at a NUL: no blank or UTF-8
        /// check, no visible length (script text never counts as text).
        var raw = false

        init(raw: Bool = false) {
            self.raw = raw
            other = raw
        }

        /// Scans the next chunk of the run; returns how many of its bytes
        /// belong to the run (all of them, or those before a NUL). ASCII is
        /// read eight bytes at a time.
        @inline(__always) mutating func scan(_ b: UnsafeBufferPointer<UInt8>) -> Int {
            guard let base = b.baseAddress, !ended else { return 0 }
            let n = b.count
            if raw {
                if let nul = memchr(base, 0, n) {
                    let k = UnsafeRawPointer(nul) - UnsafeRawPointer(base)
                    ended = true
                    length += k
                    return k
                }
                length += n
                return n
            }
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
            /// High bit set in each zero byte of `y` (exact for bytes below 0x80).
            @inline(__always) func zeroBytes(_ y: UInt64) -> UInt64 { ~(((y & low7) &+ low7) | y) & high }
            var i = 0
            while i < n {
                var end = n
                if i + 8 <= n {
                    let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if x & high == 0 && zeroBytes(x) == 0 {
                        let blank = zeroBytes(x ^ (ones &* 0x20)) | zeroBytes(x ^ (ones &* 0x0A)) |
                            zeroBytes(x ^ (ones &* 0x0D)) | zeroBytes(x ^ (ones &* 0x09))
                        let v = 8 - blank.nonzeroBitCount
                        if v > 0 { other = true; visible += v }
                        i += 8
                        continue
                    }
                    end = i + 8
                }
                while i < end {
                    let c = b[i]
                    if c == 0 { ended = true; length += i; return i }
                    if c != 32 && c != 10 && c != 13 && c != 9 {
                        other = true
                        if c & 0xC0 != 0x80 { visible += 1 }
                        if c >= 0x80 { nonASCII = true }
                    }
                    i += 1
                }
            }
            length += n
            return n
        }
    }

    /// Adds one text run, as libxml2 gives a text node (bytes up to a NUL), to
    /// the element `parent` (see ``finishTextRun(from:_:parent:lastChild:)``);
    /// `rawRun` for script code (see ``TextRunScan/raw``).
    @discardableResult
    mutating func appendTextRun(_ raw: UnsafeBufferPointer<UInt8>, parent: Int, lastChild: inout [Int], rawRun: Bool = false) -> Int? {
        var scan = TextRunScan(raw: rawRun)
        let n = scan.scan(raw)
        let start = textBytes.count
        if n > 0 { textBytes.append(contentsOf: UnsafeBufferPointer(rebasing: raw[..<n])) }
        return finishTextRun(from: start, scan, parent: parent, lastChild: &lastChild)
    }

    /// Turns the bytes appended to ``textBytes`` since `start` (one text run,
    /// scanned by `scan`) into text under the element `parent`: whitespace-only
    /// runs become a single space, invalid UTF-8 is repaired, and a run that
    /// follows a text child of `parent` (nothing kept in between) extends it.
    /// `lastChild` holds each node's last kept child. Returns the index of a
    /// new text node, or nil when none was added.
    @discardableResult
    mutating func finishTextRun(from start: Int, _ scan: TextRunScan, parent: Int, lastChild: inout [Int]) -> Int? {
        if textBytes.count == start { return nil }
        var visible = scan.visible
        if !scan.other {
            textBytes.removeSubrange(start...)
            textBytes.append(32)
            visible = 0
        } else if scan.nonASCII && !textBytes.withUnsafeBufferPointer({ CharsetDecoder.validUTF8(UnsafeBufferPointer(rebasing: $0[start...])) }) {
            let repaired = textBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start...]), as: UTF8.self) }
            textBytes.removeSubrange(start...)
            textBytes.append(contentsOf: repaired.utf8)
            visible = TextUtil.visibleLength(repaired)
        }
        let count = textBytes.count - start
        let last = lastChild[parent]
        if last >= 0, nodes[last].isText {
            if nodes[last].textStart + nodes[last].textCount != start {
                // Not adjacent in the buffer (cannot happen when runs come in
                // document order): move the earlier text to the end first.
                let moved = Array(textBytes[nodes[last].textStart..<(nodes[last].textStart + nodes[last].textCount)])
                let added = Array(textBytes[start...])
                textBytes.removeSubrange(start...)
                nodes[last].textStart = textBytes.count
                textBytes += moved + added
            }
            nodes[last].textCount += count
            nodes[last].visibleLength += visible
            return nil
        }
        let index = nodes.count
        nodes.append(Node(name: "", textStart: start, textCount: count, parent: parent,
                          visibleLength: visible))
        lastChild.append(-1)
        lastChild[parent] = index
        return index
    }

    /// Index of the root element, if any.
    var root: Int? { nodes.isEmpty ? nil : 0 }

    func attribute(_ key: String, of index: Int) -> String? {
        for (k, v) in attributes(index) where k == key { return v }
        return nil
    }

    /// Element indices in document order (pre-order) under `start`, including it.
    ///
    /// Nodes are stored in pre-order, so a subtree is a contiguous index range.
    func descendants(of start: Int) -> [Int] {
        Array(subtree(of: start))
    }

    /// Index range of the subtree rooted at `start` (pre-order storage).
    func subtree(of start: Int) -> ClosedRange<Int> {
        var last = start
        while let k = children(last).last { last = k }
        return start...last
    }

    /// Whether node `i` is named `name` (lengths compared first: most names
    /// differ in length, and that test needs no call into the String runtime).
    @inline(__always) func isNamed(_ i: Int, _ name: String) -> Bool {
        let n = nodes[i].name
        return n.utf8.count == name.utf8.count && n == name
    }

    /// Elements named `name` in document order.
    func elements(named name: String, under start: Int? = nil) -> [Int] {
        guard let s = start ?? root else { return [] }
        return subtree(of: s).filter { isNamed($0, name) }
    }

    /// First element named `name` (document order).
    func first(_ name: String, under start: Int? = nil) -> Int? {
        guard let s = start ?? root else { return nil }
        var stack = [s]
        while let n = stack.popLast() {
            if isNamed(n, name) { return n }
            let kids = children(n)
            var i = kids.count - 1
            while i >= 0 { stack.append(kids[i]); i -= 1 }
        }
        return nil
    }

    /// Direct child elements named `name`.
    func children(named name: String, of index: Int) -> [Int] {
        children(index).filter { nodes[$0].name == name }
    }

    func child(named name: String, of index: Int) -> Int? {
        children(index).first { nodes[$0].name == name }
    }

    /// All text under `index`, concatenated, whitespace collapsed.
    func text(of index: Int) -> String {
        var out: [UInt8] = []
        var stack = [index]
        while let n = stack.popLast() {
            let node = nodes[n]
            if node.isText { out += textBytes[node.textStart..<(node.textStart + node.textCount)]; continue }
            let kids = children(n)
            var i = kids.count - 1
            while i >= 0 { stack.append(kids[i]); i -= 1 }
        }
        return out.withUnsafeBufferPointer { TextUtil.collapseWhitespace(utf8: $0) }
    }

    /// Test aid: the first node that differs from `other`'s (name, text, visible
    /// length, flags, parent, children, attributes), nil when the trees are equal.
    func firstDifference(from other: DOMTree) -> String? {
        if nodes.count != other.nodes.count { return "\(nodes.count) nodes vs \(other.nodes.count)" }
        for i in nodes.indices {
            let a = nodes[i], b = other.nodes[i]
            if a.name != b.name || nodeText(i) != other.nodeText(i) || a.visibleLength != b.visibleLength || a.flags != b.flags ||
                a.parent != b.parent || !children(i).elementsEqual(other.children(i)) ||
                !attributes(i).elementsEqual(other.attributes(i), by: { $0.0 == $1.0 && $0.1 == $1.1 }) {
                return "node \(i): <\(a.name)> \(nodeText(i).prefix(40).debugDescription) parent \(a.parent) children \(a.childCount) attributes \(a.attributeCount)" +
                    " vs <\(b.name)> \(other.nodeText(i).prefix(40).debugDescription) parent \(b.parent) children \(b.childCount) attributes \(b.attributeCount)"
            }
        }
        return nil
    }

    /// Ancestors of `index` from its parent upwards.
    func ancestors(of index: Int) -> [Int] {
        var out: [Int] = []
        var p = nodes[index].parent
        while p >= 0 { out.append(p); p = nodes[p].parent }
        return out
    }
}
