internal import CLibXML2

extension LibXMLParser {
    /// Whether the text of a `<script>` with these attributes is JSON-LD, the
    /// only script text read (metadata). Other script text is kept raw (see
    /// ``DOMTree/TextRunScan/raw``): never scanned, it only ever counts for
    /// whitespace-collapsed reads, where a raw run reads as a normalized one.
    static func scriptIsJSONLD(_ attributes: ArraySlice<(String, String)>) -> Bool {
        attributes.first { $0.0 == "type" }.map { MetadataExtractor.isJSONLDType($0.1) } ?? false
    }

    /// Iterative pre-order copy of libxml2's tree (no recursion, so any depth is safe).
    static func copyTree(_ doc: xmlDocPtr, html: Bool) -> DOMTree? {
        guard let rootElement = xmlDocGetRootElement(doc) else { return nil }
        var copier = TreeCopier(html: html)
        return copier.copy(from: rootElement)
    }
}

/// One copy of libxml2's tree into a ``DOMTree``.
private struct TreeCopier {
    let html: Bool
    var tree = DOMTree()
    // Convert each distinct name once, with its tag flags and keep/skip
    // decision (element and attribute names live in separate caches, as
    // the decisions differ).
    var elementNames = LibXMLParser.NameCache()
    var attributeNames = LibXMLParser.NameCache()
    // Last child of each node so far (to merge adjacent text nodes); the
    // child lists themselves are built at the end (DOMTree.linkChildren).
    // All kept attributes, in document order (DOMTree.linkAttributes).
    var attributes: [(String, String)] = []
    var lastChild: [Int] = []
    // Script elements whose text is kept raw (HTML only).
    var rawTextParents = Set<Int>()

    init(html: Bool) {
        self.html = html
        tree.nodes.reserveCapacity(1024)
        attributes.reserveCapacity(512)
        lastChild.reserveCapacity(1024)
    }

    mutating func elementInfo(_ p: UnsafePointer<xmlChar>) -> LibXMLParser.NameInfo {
        let key = LibXMLParser.NameCache.pack(p)
        if let key, let info = elementNames[key] { return info }
        let s = html ? TextUtil.lowerASCII(String(cString: p)) : String(cString: p)
        let info = LibXMLParser.NameInfo(name: s, flags: DOMTree.Tag.flags(for: s),
                                         keep: !html || !LibXMLParser.skippedHTMLTags.contains(s))
        if let key { elementNames.insert(key, info) }
        return info
    }

    mutating func attributeInfo(_ p: UnsafePointer<xmlChar>) -> LibXMLParser.NameInfo {
        let key = LibXMLParser.NameCache.pack(p)
        if let key, let info = attributeNames[key] { return info }
        let s = html ? TextUtil.lowerASCII(String(cString: p)) : String(cString: p)
        let info = LibXMLParser.NameInfo(name: s, flags: html && s == "href" ? LibXMLParser.onlyOnLink : 0,
                                         keep: !html || LibXMLParser.htmlAttributes.contains(s))
        if let key { attributeNames.insert(key, info) }
        return info
    }

    mutating func copy(from rootElement: xmlNodePtr) -> DOMTree? {
        // Stack of (C node, Swift parent index).
        var stack: [(xmlNodePtr, Int)] = [(rootElement, -1)]
        stack.reserveCapacity(256)
        while let (cnode, parent) = stack.popLast() {
            let type = cnode.pointee.type
            var index = -1
            switch type {
            case XML_ELEMENT_NODE:
                guard let element = appendElement(cnode, parent: parent) else { continue }
                index = element
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard parent >= 0 else { continue }
                guard let content = cnode.pointee.content, content.pointee != 0 else { continue }
                var len = 0
                while content[len] != 0 { len += 1 }
                tree.appendTextRun(UnsafeBufferPointer(start: content, count: len), parent: parent, lastChild: &lastChild,
                                   rawRun: rawTextParents.contains(parent))
                continue
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

    /// Appends the element `cnode` and its kept attributes; nil when the element is skipped.
    mutating func appendElement(_ cnode: xmlNodePtr, parent: Int) -> Int? {
        guard let cname = cnode.pointee.name else { return nil }
        let info = elementInfo(cname)
        if !info.keep { return nil }
        var name = info.name
        var flags = info.flags
        if !html, let ns = cnode.pointee.ns, let prefix = ns.pointee.prefix {
            name = LibXMLParser.string(prefix) + ":" + name
            flags = DOMTree.Tag.flags(for: name)
        }
        let attrStart = attributes.count
        appendAttributes(of: cnode, on: name)
        let index = tree.nodes.count
        tree.nodes.append(DOMTree.Node(name: name, attributeStart: Int32(attrStart),
            attributeCount: Int32(attributes.count - attrStart), parent: parent, flags: flags))
        lastChild.append(-1)
        if html && flags & DOMTree.Tag.script != 0 && !LibXMLParser.scriptIsJSONLD(attributes[attrStart...]) {
            rawTextParents.insert(index)
        }
        return index
    }

    /// Appends the kept attributes of `cnode` (element `name`) to ``attributes``.
    mutating func appendAttributes(of cnode: xmlNodePtr, on name: String) {
        var a = cnode.pointee.properties
        while let attr = a {
            a = attr.pointee.next
            guard let aname = attr.pointee.name else { continue }
            let ainfo = attributeInfo(aname)
            guard LibXMLParser.keepsAttribute(ainfo, on: name) else { continue }
            var key = ainfo.name
            if !html, let ns = attr.pointee.ns, let prefix = ns.pointee.prefix { key = LibXMLParser.string(prefix) + ":" + key }
            var value = ""
            var t = attr.pointee.children
            if let tn = t, tn.pointee.next == nil {
                value = LibXMLParser.string(tn.pointee.content)
            } else {
                while let tn = t { value += LibXMLParser.string(tn.pointee.content); t = tn.pointee.next }
            }
            attributes.append((key, value))
        }
    }
}
