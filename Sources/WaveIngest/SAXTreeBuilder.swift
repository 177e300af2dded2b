internal import CLibXML2

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
/// - Size: at most `maxNodes` nodes (elements and text runs). A node costs about
///   90 bytes of tree against as little as 3 bytes of markup, so a file of tiny
///   elements would otherwise cost 20–30 times its size; past the limit the
///   parser is stopped and ``overLimit`` says so (the caller refuses the file).
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
    /// Most nodes the tree may hold (see the type's documentation).
    var maxNodes = Int.max
    /// Whether the parse was stopped because the tree reached ``maxNodes``.
    private(set) var overLimit = false
    /// Keep `<noscript>` content, as a `div` (pages whose text is only there,
    /// for readers without scripts).
    var keepNoscript = false
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
        var s = TextUtil.lowerASCII(full)
        if keepNoscript && s == "noscript" { s = "div" }
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
        if tree.nodes.count >= maxNodes {
            halted = true
            overLimit = true
            if let context { xmlStopParser(context) }
            return
        }
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
