internal import CLibXML2

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

    /// HTML attributes kept in the Swift tree: those some rule reads (others
    /// are dropped for speed). `href` only on `<link>` (the canonical URL), see
    /// ``keepsAttribute(_:on:)``.
    fileprivate static let htmlAttributes: Set<String> = [
        "class", "id", "itemprop", "role", "property", "name", "content", "href", "rel",
        "datetime", "lang", "http-equiv", "type", "hidden", "style", "aria-hidden", "xml:lang",
    ]

    /// `NameInfo.flags` of an attribute kept only on `<link>` elements.
    fileprivate static let onlyOnLink: UInt16 = 1

    /// Whether an HTML attribute (its cached info) is kept on element `element`.
    @inline(__always) fileprivate static func keepsAttribute(_ info: NameInfo, on element: String) -> Bool {
        info.keep && (info.flags != onlyOnLink || element == "link")
    }

    /// Tags whose subtree is never needed for HTML (script kept only for JSON-LD).
    fileprivate static let skippedHTMLTags: Set<String> = ["style", "noscript", "svg", "template", "iframe", "math", "canvas", "select", "option"]

    /// libxml2 options for HTML: recovery mode, silent, no network, input
    /// already UTF-8 (any `<meta charset>` is ignored).
    private static let htmlOptions = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue |
        HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue |
        HTML_PARSE_IGNORE_ENC.rawValue)

    /// Parses UTF-8 HTML in recovery mode, building the ``DOMTree`` straight
    /// from libxml2's SAX callbacks (no libxml2 tree is allocated, walked or
    /// freed). The tree is the one ``parseHTMLViaLibXMLTree(_:)`` gives;
    /// see ``SAXTreeBuilder`` for how libxml2's tree builder is mirrored.
    static func parseHTML(_ bytes: [UInt8]) -> DOMTree? {
        guard !bytes.isEmpty else { return nil }
        _ = initialized
        cxml_silence_errors()  // error handlers are per thread in libxml2
        var builder = SAXTreeBuilder()
        var sax = htmlSAXHandler()
        sax.initialized = 1  // a SAX1 handler, as libxml2's own HTML handler
        sax.startElement = { ctx, name, atts in
            ctx!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.startElement(name, atts)
        }
        sax.endElement = { ctx, _ in ctx!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.endElement() }
        sax.characters = { ctx, ch, len in
            ctx!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.characters(ch, len, cdata: false)
        }
        sax.cdataBlock = { ctx, ch, len in
            ctx!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.characters(ch, len, cdata: true)
        }
        sax.comment = { ctx, _ in ctx!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.otherNode() }
        sax.processingInstruction = { ctx, _, _ in ctx!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.otherNode() }
        sax.internalSubset = { ctx, _, _, _ in ctx!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.doctype() }
        let parsed: Bool = withUnsafeMutablePointer(to: &builder) { b in
            bytes.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                    guard let ctxt = cxml_html_sax_new(p, Int32(buf.count), htmlOptions, &sax, b) else { return false }
                    b.pointee.context = ctxt
                    _ = htmlParseDocument(ctxt)
                    b.pointee.context = nil
                    cxml_html_sax_free(ctxt)
                    return true
                }
            }
        }
        guard parsed else { return nil }
        return builder.finish()
    }

    /// The former path, kept as the reference the tests compare ``parseHTML(_:)``
    /// with: `htmlReadMemory` builds libxml2's own tree, which is copied into a
    /// ``DOMTree``.
    static func parseHTMLViaLibXMLTree(_ bytes: [UInt8]) -> DOMTree? {
        guard !bytes.isEmpty else { return nil }
        _ = initialized
        cxml_silence_errors()
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                htmlReadMemory(p, Int32(buf.count), nil, "UTF-8", htmlOptions)
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

    /// What the copy needs to know about one interned libxml2 name.
    fileprivate struct NameInfo {
        let name: String
        let flags: UInt16
        /// Elements: false for skipped subtrees; attributes: false for dropped ones.
        let keep: Bool
    }

    /// Open-addressing map from short names (up to 16 bytes, packed into two
    /// words) to name info. libxml2's HTML parser gives every node its own copy
    /// of the name string, so pointers cannot be the key; the bytes are.
    fileprivate struct NameCache {
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

    /// Whether the text of a `<script>` with these attributes is JSON-LD, the
    /// only script text read (metadata). Other script text is kept raw (see
    /// ``DOMTree/TextRunScan/raw``): never scanned, it only ever counts for
    /// whitespace-collapsed reads, where a raw run reads as a normalized one.
    static func scriptIsJSONLD(_ attributes: ArraySlice<(String, String)>) -> Bool {
        attributes.first { $0.0 == "type" }.map { MetadataExtractor.isJSONLDType($0.1) } ?? false
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
            let info = NameInfo(name: s, flags: html && s == "href" ? onlyOnLink : 0, keep: !html || htmlAttributes.contains(s))
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
        // Script elements whose text is kept raw (HTML only).
        var rawTextParents = Set<Int>()
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
                    guard keepsAttribute(ainfo, on: name) else { continue }
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
                tree.nodes.append(DOMTree.Node(name: name, attributeStart: Int32(attrStart),
                    attributeCount: Int32(attributes.count - attrStart), parent: parent, flags: flags))
                lastChild.append(-1)
                if html && flags & DOMTree.Tag.script != 0 && !scriptIsJSONLD(attributes[attrStart...]) { rawTextParents.insert(index) }
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
}

/// Builds a ``DOMTree`` from libxml2's HTML SAX events, giving the tree that
/// libxml2's own tree builder (`xmlSAX2StartElement` and friends) followed by
/// ``LibXMLParser``'s copy would give:
///
/// - Characters are gathered into one run, as libxml2 merges them into
///   one text node, until an element starts or ends, a comment or processing
///   instruction comes, or text switches to CDATA (script bodies) or back. Each
///   run then gets the copy's rules: whitespace-only becomes one space, and runs
///   follow each other in one Swift text node when no kept element lies between.
/// - Skipped elements (`style`, `svg`, ...) drop their whole subtree; only their
///   depth is counted. Script code (not JSON-LD) is kept as raw runs, as the
///   copy keeps it (``LibXMLParser/scriptIsJSONLD(_:)``).
/// - An element opened when no element is open goes where libxml2 puts it: the
///   first one is the root; later ones become children of the root when the
///   root is the document's first child, and are dropped otherwise (they would
///   be siblings of the root, which the copy never read). Text outside every
///   element is dropped, as libxml2 drops it.
/// - Depth: libxml2 halts the parse when an element would be opened more than
///   `xmlParserMaxDepth` (256) deep; so does this builder, by stopping the parser.
struct SAXTreeBuilder {
    var context: xmlParserCtxtPtr?
    private var tree = DOMTree()
    private var attributes: [(String, String)] = []
    /// Last kept child of each node (to merge text runs).
    private var lastChild: [Int] = []
    /// Open kept elements (indices into `nodes`).
    private var stack: [Int] = []
    /// Open elements inside a dropped subtree (counted for the depth limit).
    private var skipDepth = 0
    /// Stack depth of an open `<script>` whose text is kept raw (0: none).
    private var rawTextDepth = 0
    /// The text run being read: its bytes go straight to the tree's text
    /// buffer from `runStart` on.
    private var inRun = false
    private var runStart = 0
    private var run = DOMTree.TextRunScan()
    private var runIsCDATA = false
    private var documentHasChildren = false
    private var rootIsFirstChild = false
    private var rootSeen = false
    private var rootDropped = false
    private var halted = false
    private var elementNames = LibXMLParser.NameCache()
    private var attributeNames = LibXMLParser.NameCache()
    /// In front of the byte-keyed caches: names by address. libxml2's HTML SAX
    /// parser hands out names interned in the parser's dictionary (or its own
    /// string constants for implied elements), which live as long as the parse
    /// and this builder, so one address is always one name; a name that is not
    /// interned merely misses here.
    private var elementPointers = PointerCache()
    private var attributePointers = PointerCache()

    /// Direct-mapped address → name info (an entry is replaced on collision).
    private struct PointerCache {
        private var keys = [UInt](repeating: 0, count: 256)
        private var values = [LibXMLParser.NameInfo?](repeating: nil, count: 256)

        @inline(__always) private static func slot(_ p: UnsafePointer<xmlChar>) -> Int {
            Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: p)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        }

        @inline(__always) subscript(_ p: UnsafePointer<xmlChar>) -> LibXMLParser.NameInfo? {
            let i = Self.slot(p)
            return keys[i] == UInt(bitPattern: p) ? values[i] : nil
        }

        @inline(__always) mutating func set(_ p: UnsafePointer<xmlChar>, _ info: LibXMLParser.NameInfo) {
            let i = Self.slot(p)
            keys[i] = UInt(bitPattern: p)
            values[i] = info
        }
    }
    private let maxDepth = Int(cxml_max_depth())

    init() {
        tree.nodes.reserveCapacity(1024)
        tree.textBytes.reserveCapacity(16384)
        lastChild.reserveCapacity(1024)
        attributes.reserveCapacity(512)
        stack.reserveCapacity(64)
    }

    /// Whether no element at all is open (libxml2's `ctxt->node == NULL`).
    private var atDocumentLevel: Bool { stack.isEmpty && skipDepth == 0 }

    private mutating func elementInfo(_ p: UnsafePointer<xmlChar>) -> LibXMLParser.NameInfo {
        if let info = elementPointers[p] { return info }
        let info = elementInfoByBytes(p)
        elementPointers.set(p, info)
        return info
    }

    private mutating func elementInfoByBytes(_ p: UnsafePointer<xmlChar>) -> LibXMLParser.NameInfo {
        let key = LibXMLParser.NameCache.pack(p)
        if let key, let info = elementNames[key] { return info }
        // libxml2's tree builder splits "prefix:name" at the first colon unless
        // it is the first or last byte (xmlSplitQName), and the copy kept only
        // the local part: so does this builder.
        var full = String(cString: p)
        if let colon = full.utf8.firstIndex(of: UInt8(ascii: ":")), colon != full.utf8.startIndex,
           full.utf8.index(after: colon) != full.utf8.endIndex {
            full = String(full[full.index(after: colon)...])
        }
        let s = TextUtil.lowerASCII(full)
        let info = LibXMLParser.NameInfo(name: s, flags: DOMTree.Tag.flags(for: s), keep: !LibXMLParser.skippedHTMLTags.contains(s))
        if let key { elementNames.insert(key, info) }
        return info
    }

    private mutating func attributeInfo(_ p: UnsafePointer<xmlChar>) -> LibXMLParser.NameInfo {
        if let info = attributePointers[p] { return info }
        let info = attributeInfoByBytes(p)
        attributePointers.set(p, info)
        return info
    }

    private mutating func attributeInfoByBytes(_ p: UnsafePointer<xmlChar>) -> LibXMLParser.NameInfo {
        let key = LibXMLParser.NameCache.pack(p)
        if let key, let info = attributeNames[key] { return info }
        let s = TextUtil.lowerASCII(String(cString: p))
        let info = LibXMLParser.NameInfo(name: s, flags: s == "href" ? LibXMLParser.onlyOnLink : 0,
                                         keep: LibXMLParser.htmlAttributes.contains(s))
        if let key { attributeNames.insert(key, info) }
        return info
    }

    mutating func startElement(_ name: UnsafePointer<xmlChar>?, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if halted { return }
        flushText()
        if stack.count + skipDepth > maxDepth {
            // libxml2's nodePush refuses the element and halts the parser.
            halted = true
            if let context { xmlStopParser(context) }
            return
        }
        if skipDepth > 0 { skipDepth += 1; return }
        guard let name else { skipDepth = 1; return }
        var parent = -1
        if let top = stack.last {
            parent = top
        } else if !documentHasChildren {
            documentHasChildren = true
            rootIsFirstChild = true
            rootSeen = true
        } else if rootIsFirstChild && !rootDropped && !tree.nodes.isEmpty {
            parent = 0
        } else if !rootSeen {
            rootSeen = true
        } else {
            skipDepth = 1
            return
        }
        let info = elementInfo(name)
        if !info.keep {
            if parent < 0 { rootDropped = true }
            skipDepth = 1
            return
        }
        let attrStart = attributes.count
        if let atts {
            var k = 0
            while let aname = atts[k] {
                let value = atts[k + 1]
                k += 2
                let ainfo = attributeInfo(aname)
                guard LibXMLParser.keepsAttribute(ainfo, on: info.name) else { continue }
                // libxml2 gives a value-less boolean attribute its own name as value.
                let v = value.map { String(cString: $0) } ?? (htmlIsBooleanAttr(aname) != 0 ? ainfo.name : "")
                attributes.append((ainfo.name, v))
            }
        }
        let index = tree.nodes.count
        tree.nodes.append(DOMTree.Node(name: info.name, attributeStart: Int32(attrStart),
            attributeCount: Int32(attributes.count - attrStart), parent: parent, flags: info.flags))
        lastChild.append(-1)
        if parent >= 0 { lastChild[parent] = index }
        stack.append(index)
        if info.flags & DOMTree.Tag.script != 0 && !LibXMLParser.scriptIsJSONLD(attributes[attrStart...]) {
            rawTextDepth = stack.count
        }
    }

    mutating func endElement() {
        if halted { return }
        flushText()
        if skipDepth > 0 { skipDepth -= 1 } else if !stack.isEmpty {
            if stack.count == rawTextDepth { rawTextDepth = 0 }
            stack.removeLast()
        }
    }

    mutating func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int32, cdata: Bool) {
        if halted || skipDepth > 0 || stack.isEmpty { return }
        guard let ch, len > 0 else { return }
        if inRun && runIsCDATA != cdata { flushText() }
        if !inRun {
            inRun = true
            runIsCDATA = cdata
            runStart = tree.textBytes.count
            run = DOMTree.TextRunScan(raw: stack.count == rawTextDepth)
        }
        let chunk = UnsafeBufferPointer(start: ch, count: Int(len))
        let n = run.scan(chunk)
        if n > 0 { tree.textBytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<n])) }
    }

    /// A comment or processing instruction: ends a text run; at document level
    /// it may be the document's first child.
    mutating func otherNode() {
        if halted { return }
        flushText()
        if atDocumentLevel && !documentHasChildren { documentHasChildren = true }
    }

    /// `<!DOCTYPE>`: libxml2 makes the DTD the document's first child, even when
    /// it comes late.
    mutating func doctype() {
        if halted { return }
        flushText()
        documentHasChildren = true
        rootIsFirstChild = false
    }

    private mutating func flushText() {
        guard inRun else { return }
        inRun = false
        tree.finishTextRun(from: runStart, run, parent: stack[stack.count - 1], lastChild: &lastChild)
    }

    mutating func finish() -> DOMTree? {
        if !halted { flushText() }
        if tree.nodes.isEmpty { return nil }
        var result = tree
        tree = DOMTree()
        result.linkChildren()
        result.linkAttributes(attributes)
        return result
    }
}
