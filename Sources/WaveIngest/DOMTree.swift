/// A compact, immutable Swift copy of a parsed HTML or XML document.
///
/// The libxml2 tree is walked once (see `LibXMLParser`) into this flat array of
/// nodes and freed right away; every extraction rule then works on plain Swift
/// values, so no C pointer escapes the parse call.
struct DOMTree: Sendable {
    /// One element or text node. Elements have a lowercased `name`; text nodes
    /// have an empty name and their content in `text`.
    struct Node: Sendable {
        var name: String
        var text: String
        var attributes: [(String, String)]
        var parent: Int
        var children: [Int]
        var isText: Bool { name.isEmpty }
    }

    var nodes: [Node] = []

    /// Index of the root element, if any.
    var root: Int? { nodes.isEmpty ? nil : 0 }

    func attribute(_ key: String, of index: Int) -> String? {
        for (k, v) in nodes[index].attributes where k == key { return v }
        return nil
    }

    /// Element indices in document order (pre-order) under `start`, including it.
    func descendants(of start: Int) -> [Int] {
        var out: [Int] = []
        var stack = [start]
        while let n = stack.popLast() {
            out.append(n)
            let kids = nodes[n].children
            var i = kids.count - 1
            while i >= 0 { stack.append(kids[i]); i -= 1 }
        }
        return out
    }

    /// Elements named `name` in document order.
    func elements(named name: String, under start: Int? = nil) -> [Int] {
        guard let s = start ?? root else { return [] }
        return descendants(of: s).filter { nodes[$0].name == name }
    }

    /// First element named `name` (document order).
    func first(_ name: String, under start: Int? = nil) -> Int? {
        guard let s = start ?? root else { return nil }
        var stack = [s]
        while let n = stack.popLast() {
            if nodes[n].name == name { return n }
            let kids = nodes[n].children
            var i = kids.count - 1
            while i >= 0 { stack.append(kids[i]); i -= 1 }
        }
        return nil
    }

    /// Direct child elements named `name`.
    func children(named name: String, of index: Int) -> [Int] {
        nodes[index].children.filter { nodes[$0].name == name }
    }

    func child(named name: String, of index: Int) -> Int? {
        nodes[index].children.first { nodes[$0].name == name }
    }

    /// All text under `index`, concatenated, whitespace collapsed.
    func text(of index: Int) -> String {
        var out = ""
        var stack = [index]
        while let n = stack.popLast() {
            let node = nodes[n]
            if node.isText { out += node.text; continue }
            var i = node.children.count - 1
            while i >= 0 { stack.append(node.children[i]); i -= 1 }
        }
        return TextUtil.collapseWhitespace(out)
    }

    /// Ancestors of `index` from its parent upwards.
    func ancestors(of index: Int) -> [Int] {
        var out: [Int] = []
        var p = nodes[index].parent
        while p >= 0 { out.append(p); p = nodes[p].parent }
        return out
    }
}
