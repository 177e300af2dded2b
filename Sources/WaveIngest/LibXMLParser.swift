internal import CLibXML2

/// The libxml2 edge (this file, `LibXMLParser+Names`, `LibXMLParser+Copy` and
/// ``SAXTreeBuilder``; no other file sees a libxml2 type): parses bytes (already UTF-8) and
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
    static let htmlAttributes: Set<String> = [
        "class", "id", "itemprop", "role", "property", "name", "content", "href", "rel",
        "datetime", "lang", "http-equiv", "type", "hidden", "style", "aria-hidden", "xml:lang",
    ]

    /// `NameInfo.flags` of an attribute kept only on `<link>` elements.
    static let onlyOnLink: UInt16 = 1

    /// Whether an HTML attribute (its cached info) is kept on element `element`.
    @inline(__always) static func keepsAttribute(_ info: NameInfo, on element: String) -> Bool {
        info.keep && (info.flags != onlyOnLink || element == "link")
    }

    /// Tags whose subtree is never needed for HTML (script kept only for JSON-LD).
    static let skippedHTMLTags: Set<String> = ["style", "noscript", "svg", "template", "iframe", "math", "canvas", "select", "option"]

    /// libxml2 options for HTML: recovery mode, silent, no network, input
    /// already UTF-8 (any `<meta charset>` is ignored).
    private static let htmlOptions = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue |
        HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue |
        HTML_PARSE_IGNORE_ENC.rawValue)

    /// Parses UTF-8 HTML in recovery mode, building the ``DOMTree`` straight
    /// from libxml2's SAX callbacks (no libxml2 tree is allocated, walked or
    /// freed). The tree is the one ``parseHTMLViaLibXMLTree(_:)`` gives;
    /// see ``SAXTreeBuilder`` for how libxml2's tree builder is mirrored.
    static func parseHTML(_ bytes: [UInt8], keepNoscript: Bool = false) -> DOMTree? {
        parseHTML(bytes, keepNoscript: keepNoscript, maxNodes: .max).tree
    }

    /// ``parseHTML(_:keepNoscript:)`` building at most `maxNodes` nodes: past
    /// that the parse stops, `tree` is nil and `overLimit` true. Inputs over
    /// 2 GiB (libxml2 takes an `int` length) give no tree either.
    static func parseHTML(_ bytes: [UInt8], keepNoscript: Bool = false, maxNodes: Int) -> (tree: DOMTree?, overLimit: Bool) {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return (nil, false) }
        _ = initialized
        cxml_silence_errors()  // error handlers are per thread in libxml2
        var builder = SAXTreeBuilder()
        builder.keepNoscript = keepNoscript
        builder.maxNodes = maxNodes
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
        guard parsed else { return (nil, false) }
        if builder.overLimit { return (nil, true) }
        return (builder.finish(), false)
    }

    /// The former path, kept as the reference the tests compare ``parseHTML(_:)``
    /// with: `htmlReadMemory` builds libxml2's own tree, which is copied into a
    /// ``DOMTree``.
    static func parseHTMLViaLibXMLTree(_ bytes: [UInt8]) -> DOMTree? {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
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
    /// loading. Returns nil when nothing could be recovered. libxml2 reads in
    /// recovery mode; when the document was not well-formed, `errorLine` is the
    /// line of its last error (the tree may lack what came after an error).
    static func parseXML(_ bytes: [UInt8]) -> (tree: DOMTree, errorLine: Int?)? {
        guard bytes.count <= Int(Int32.max), let ctxt = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(ctxt) }
        _ = initialized
        cxml_silence_errors()
        let options = Int32(bitPattern: XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue |
            XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue |
            XML_PARSE_COMPACT.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                xmlCtxtReadMemory(ctxt, p, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        let errorLine = ctxt.pointee.wellFormed != 0 ? nil : Int(max(1, ctxt.pointee.lastError.line))
        return copyTree(doc, html: false).map { ($0, errorLine) }
    }

    static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

}
