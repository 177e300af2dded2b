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
    static func parseHTML(_ bytes: [UInt8]) -> DOMTree? {
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
        return copyTree(doc, html: true)
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

    /// Iterative pre-order copy (no recursion, so any depth is safe).
    private static func copyTree(_ doc: xmlDocPtr, html: Bool) -> DOMTree? {
        guard let rootElement = xmlDocGetRootElement(doc) else { return nil }
        var tree = DOMTree()
        tree.nodes.reserveCapacity(1024)
        // Stack of (C node, Swift parent index).
        var stack: [(xmlNodePtr, Int)] = [(rootElement, -1)]
        while let (cnode, parent) = stack.popLast() {
            let type = cnode.pointee.type
            var index = -1
            switch type {
            case XML_ELEMENT_NODE:
                var name = string(cnode.pointee.name)
                if html { name = name.lowercased() }
                else if let ns = cnode.pointee.ns, let prefix = ns.pointee.prefix {
                    name = string(prefix) + ":" + name
                }
                if html && skippedHTMLTags.contains(name) { continue }
                var attrs: [(String, String)] = []
                var a = cnode.pointee.properties
                while let attr = a {
                    var key = string(attr.pointee.name)
                    if html { key = key.lowercased() }
                    else if let ns = attr.pointee.ns, let prefix = ns.pointee.prefix { key = string(prefix) + ":" + key }
                    if !html || htmlAttributes.contains(key) {
                        var value = ""
                        var t = attr.pointee.children
                        while let tn = t { value += string(tn.pointee.content); t = tn.pointee.next }
                        attrs.append((key, value))
                    }
                    a = attr.pointee.next
                }
                index = tree.nodes.count
                tree.nodes.append(DOMTree.Node(name: name, text: "", attributes: attrs, parent: parent, children: []))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard parent >= 0 else { continue }
                let text = string(cnode.pointee.content)
                if text.isEmpty { continue }
                // Merge adjacent text nodes.
                if let last = tree.nodes[parent].children.last, tree.nodes[last].isText {
                    tree.nodes[last].text += text
                    continue
                }
                index = tree.nodes.count
                tree.nodes.append(DOMTree.Node(name: "", text: text, attributes: [], parent: parent, children: []))
            default:
                continue
            }
            if parent >= 0 { tree.nodes[parent].children.append(index) }
            if type == XML_ELEMENT_NODE {
                // Push children in reverse so they pop in document order.
                var kids: [xmlNodePtr] = []
                var c = cnode.pointee.children
                while let k = c { kids.append(k); c = k.pointee.next }
                for k in kids.reversed() { stack.append((k, index)) }
            }
        }
        return tree.nodes.isEmpty ? nil : tree
    }
}
