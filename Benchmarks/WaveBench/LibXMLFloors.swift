internal import CLibXML2

/// The peers of the ingest speed figure: libxml2 alone, called directly (not
/// through WaveIngest, which keeps no benchmark-only path). Same parser options
/// as the ingest's HTML parse: recovery, silent, no network, input already UTF-8.
enum LibXMLFloors {
    private static let initialized: Bool = {
        xmlInitParser()
        cxml_forbid_external_entities()
        cxml_silence_errors()
        return true
    }()

    private static let htmlOptions = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue |
        HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue |
        HTML_PARSE_IGNORE_ENC.rawValue)

    /// Floor A: `htmlReadMemory` + `xmlFreeDoc` (libxml2 builds and frees its own tree).
    static func treeParse(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return false }
        _ = initialized
        cxml_silence_errors()
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                htmlReadMemory(p, Int32(buf.count), nil, "UTF-8", htmlOptions)
            }
        }
        guard let doc else { return false }
        xmlFreeDoc(doc)
        return true
    }

    /// Floor B: libxml2's HTML SAX parser with no callback (tokenizing and the HTML rules only).
    static func emptySAXParse(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return false }
        _ = initialized
        cxml_silence_errors()
        var sax = htmlSAXHandler()
        sax.initialized = 1
        return bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                guard let ctxt = cxml_html_sax_new(p, Int32(buf.count), htmlOptions, &sax, nil) else { return false }
                _ = htmlParseDocument(ctxt)
                cxml_html_sax_free(ctxt)
                return true
            }
        }
    }
}
