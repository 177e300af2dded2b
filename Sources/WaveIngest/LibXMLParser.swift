import CLibXML2

/// The only place that talks to libxml2: parses bytes (already UTF-8) and
/// copies the result into a ``DOMTree``, then frees the C document.
enum LibXMLParser {
    /// One-time global setup (thread-safe lazy static).
    private static let initialized: Bool = {
        xmlInitParser()
        cxml_forbid_external_entities()
        cxml_silence_errors()
        return true
    }()

    /// HTML attributes kept in the Swift tree (others are dropped for speed).
    private static let htmlAttributes: Set<String> = [
        "class", "id", "itemprop", "itemtype", "role", "property", "name", "content", "href", "rel",
        "datetime", "lang", "charset", "http-equiv", "type", "hidden", "style", "aria-hidden", "xml:lang",
        "src", "alt", "title", "pubdate",
    ]

    /// Tags whose subtree is never needed for HTML (script kept only for JSON-LD).
    private static let skippedHTMLTags: Set<String> = ["style", "noscript", "svg", "template", "iframe", "math", "canvas", "select", "option"]

    /// Parses UTF-8 HTML in recovery mode.
    static func parseHTML(_ bytes: [UInt8], copy: Bool = true) -> DOMTree? {
        _ = initialized
        cxml_silence_errors()  // error handlers are per thread in libxml2
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue |
            HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue |
            HTML_PARSE_IGNORE_ENC.rawValue)
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                htmlReadMemory(p, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        return copy ? copyTree(doc, html: true) : DOMTree()
    }

    /// Parses UTF-8 XML safely: no network, no entity substitution, no DTD
    /// loading. Returns nil when the document is not well-formed enough.
    static func parseXML(_ bytes: [UInt8]) -> DOMTree? {
        _ = initialized
        cxml_silence_errors()
        let options = Int32(bitPattern: XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue |
            XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue |
            XML_PARSE_COMPACT.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                xmlReadMemory(p, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        return copyTree(doc, html: false)
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    /// What the copy needs to know about one interned libxml2 name.
    private struct NameInfo {
        let name: String
        let flags: UInt16
        /// Elements: false for skipped subtrees; attributes: false for dropped ones.
        let keep: Bool
    }

    /// Open-addressing map from short names (up to 16 bytes, packed into two
    /// words) to name info. libxml2's HTML parser gives every node its own copy
    /// of the name string, so pointers cannot be the key; the bytes are.
    private struct NameCache {
        private var keys = [SIMD2<UInt64>](repeating: .zero, count: 128)
        private var values = [NameInfo?](repeating: nil, count: 128)
        private var count = 0

        /// The name's bytes packed little-endian, or nil when empty or longer than 16.
        @inline(__always) static func pack(_ p: UnsafePointer<xmlChar>) -> SIMD2<UInt64>? {
            var lo: UInt64 = 0, hi: UInt64 = 0
            var i = 0
            while true {
                let c = p[i]
                if c == 0 { break }
                if i == 16 { return nil }
                if i < 8 { lo |= UInt64(c) << UInt64(i * 8) } else { hi |= UInt64(c) << UInt64((i - 8) * 8) }
                i += 1
            }
            return i == 0 ? nil : SIMD2(lo, hi)
        }

        /// Fibonacci hashing of both words: the top bits of the product.
        @inline(__always) private func slot(_ k: SIMD2<UInt64>, _ mask: Int) -> Int {
            let h = (k.x ^ (k.y &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: h >> UInt64(64 - (mask + 1).trailingZeroBitCount))
        }

        subscript(_ k: SIMD2<UInt64>) -> NameInfo? {
            let mask = keys.count - 1
            var i = slot(k, mask)
            while keys[i] != .zero {
                if keys[i] == k { return values[i] }
                i = (i + 1) & mask
            }
            return nil
        }

        mutating func insert(_ k: SIMD2<UInt64>, _ info: NameInfo) {
            if (count + 1) * 2 > keys.count {
                let oldKeys = keys, oldValues = values
                keys = [SIMD2<UInt64>](repeating: .zero, count: oldKeys.count * 2)
                values = [NameInfo?](repeating: nil, count: oldKeys.count * 2)
                count = 0
                for (k, v) in zip(oldKeys, oldValues) where k != .zero { if let v { insert(k, v) } }
            }
            let mask = keys.count - 1
            var i = slot(k, mask)
            while keys[i] != .zero && keys[i] != k { i = (i + 1) & mask }
            if keys[i] == .zero { count += 1 }
            keys[i] = k
            values[i] = info
        }
    }

    /// Iterative pre-order copy (no recursion, so any depth is safe).
    private static func copyTree(_ doc: xmlDocPtr, html: Bool) -> DOMTree? {
        guard let rootElement = xmlDocGetRootElement(doc) else { return nil }
        var tree = DOMTree()
        tree.nodes.reserveCapacity(1024)
        // Convert each distinct name once, with its tag flags and keep/skip
        // decision (element and attribute names live in separate caches, as
        // the decisions differ).
        var elementNames = NameCache()
        var attributeNames = NameCache()
        func elementInfo(_ p: UnsafePointer<xmlChar>) -> NameInfo {
            let key = NameCache.pack(p)
            if let key, let info = elementNames[key] { return info }
            let s = html ? TextUtil.lowerASCII(String(cString: p)) : String(cString: p)
            let info = NameInfo(name: s, flags: DOMTree.Tag.flags(for: s), keep: !html || !skippedHTMLTags.contains(s))
            if let key { elementNames.insert(key, info) }
            return info
        }
        func attributeInfo(_ p: UnsafePointer<xmlChar>) -> NameInfo {
            let key = NameCache.pack(p)
            if let key, let info = attributeNames[key] { return info }
            let s = html ? TextUtil.lowerASCII(String(cString: p)) : String(cString: p)
            let info = NameInfo(name: s, flags: 0, keep: !html || htmlAttributes.contains(s))
            if let key { attributeNames.insert(key, info) }
            return info
        }
        // Last child of each node so far (to merge adjacent text nodes); the
        // child lists themselves are built at the end (DOMTree.linkChildren).
        // All kept attributes, in document order (DOMTree.linkAttributes).
        var attributes: [(String, String)] = []
        attributes.reserveCapacity(512)
        var lastChild: [Int] = []
        lastChild.reserveCapacity(1024)
        // Stack of (C node, Swift parent index).
        var stack: [(xmlNodePtr, Int)] = [(rootElement, -1)]
        stack.reserveCapacity(256)
        while let (cnode, parent) = stack.popLast() {
            let type = cnode.pointee.type
            var index = -1
            switch type {
            case XML_ELEMENT_NODE:
                guard let cname = cnode.pointee.name else { continue }
                let info = elementInfo(cname)
                if !info.keep { continue }
                var name = info.name
                var flags = info.flags
                if !html, let ns = cnode.pointee.ns, let prefix = ns.pointee.prefix {
                    name = string(prefix) + ":" + name
                    flags = DOMTree.Tag.flags(for: name)
                }
                let attrStart = attributes.count
                var a = cnode.pointee.properties
                while let attr = a {
                    a = attr.pointee.next
                    guard let aname = attr.pointee.name else { continue }
                    let ainfo = attributeInfo(aname)
                    guard ainfo.keep else { continue }
                    var key = ainfo.name
                    if !html, let ns = attr.pointee.ns, let prefix = ns.pointee.prefix { key = string(prefix) + ":" + key }
                    var value = ""
                    var t = attr.pointee.children
                    if let tn = t, tn.pointee.next == nil {
                        value = string(tn.pointee.content)
                    } else {
                        while let tn = t { value += string(tn.pointee.content); t = tn.pointee.next }
                    }
                    attributes.append((key, value))
                }
                index = tree.nodes.count
                tree.nodes.append(DOMTree.Node(name: name, text: "", attributes: DOMTree.Attributes(storage: [], start: Int32(attrStart),
                    count: Int32(attributes.count - attrStart)), parent: parent, children: .empty, flags: flags))
                lastChild.append(-1)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard parent >= 0 else { continue }
                guard let content = cnode.pointee.content, content.pointee != 0 else { continue }
                // One pass: length, and scalars that are not ASCII whitespace
                // (TextUtil.visibleLength); whitespace-only nodes (indentation)
                // become a single space.
                var len = 0, visible = 0
                while content[len] != 0 {
                    let c = content[len]
                    if c != 32 && c != 10 && c != 13 && c != 9 && c & 0xC0 != 0x80 { visible += 1 }
                    len += 1
                }
                var blank = visible == 0
                if blank {
                    // Only continuation bytes count as non-blank too (invalid UTF-8).
                    for k in 0..<len where content[k] != 32 && content[k] != 10 && content[k] != 13 && content[k] != 9 { blank = false; break }
                }
                var text = " "
                if !blank {
                    text = String(decoding: UnsafeBufferPointer(start: content, count: len), as: UTF8.self)
                    // Invalid UTF-8 was repaired: count on the repaired text.
                    if text.utf8.count != len { visible = TextUtil.visibleLength(text) }
                } else {
                    visible = 0
                }
                // Merge adjacent text nodes.
                let last = lastChild[parent]
                if last >= 0, tree.nodes[last].isText {
                    tree.nodes[last].text += text
                    tree.nodes[last].visibleLength += visible
                    continue
                }
                index = tree.nodes.count
                tree.nodes.append(DOMTree.Node(name: "", text: text, attributes: .empty, parent: parent, children: .empty,
                                               visibleLength: visible))
                lastChild.append(-1)
            default:
                continue
            }
            if parent >= 0 { lastChild[parent] = index }
            if type == XML_ELEMENT_NODE {
                // Push children last to first so they pop in document order.
                var c = cnode.pointee.last
                while let k = c { stack.append((k, index)); c = k.pointee.prev }
            }
        }
        if tree.nodes.isEmpty { return nil }
        tree.linkChildren()
        tree.linkAttributes(attributes)
        return tree
    }
}
