import Foundation
import Testing
@testable import WaveIngest

extension Ingestor {
    /// Decodes `bytes` as ingest does, parses the result both from SAX events
    /// and by copying libxml2's own tree, and describes the first difference
    /// between the two trees (nil: identical).
    static func parserDifference(_ bytes: [UInt8]) -> String? {
        var data = bytes
        if GzipInflater.isGzip(data), let d = try? GzipInflater.inflate(data, limit: 1 << 28) { data = d }
        let utf8 = CharsetDecoder.decode(data).utf8
        let sax = LibXMLParser.parseHTML(utf8), copy = LibXMLParser.parseHTMLViaLibXMLTree(utf8)
        switch (sax, copy) {
        case (nil, nil): return nil
        case (nil, _): return "no SAX tree, a copied tree of \(copy!.nodes.count) nodes"
        case (_, nil): return "a SAX tree of \(sax!.nodes.count) nodes, no copied tree"
        case let (a?, b?): return a.firstDifference(from: b)
        }
    }
}

/// The ingest builds its tree from libxml2's SAX events; the former path copied
/// libxml2's own tree. Both must give the same tree, on ordinary pages and on
/// the odd and hostile ones.
@Suite struct SAXTreeTests {
    func expectSameTree(_ html: String, _ comment: Comment? = nil) {
        #expect(Ingestor.parserDifference(Array(html.utf8)) == nil, comment)
    }

    @Test func fixturePagesGiveTheSameTree() throws {
        for name in ["article.html", "shift_jis.html", "euc_jp.html", "euc_kr_undeclared.html", "gb18030.html",
                     "iso2022jp.html", "windows1252.html", "utf8_bom.html", "contradicting_charset.html",
                     "article.html.gz", "rss2.xml", "atom.xml", "nitf.xml", "rss1.rdf"] {
            #expect(Ingestor.parserDifference(try fixture(name)) == nil, "\(name)")
        }
    }

    @Test func textRunsCommentsAndScripts() {
        expectSameTree("<html><body><div>  <!-- a -->  Text after a comment.<!-- b --> more<?pi x?>after pi</div>" +
                       "<script>var a=1;<!-- x --> b</script><p>t1<style>s</style>t2<!--c-->  <b></b>  </p>" +
                       "<p>para &amp; entity &foo; &#169; text</p></body></html>")
        expectSameTree("<html><head><script>  </script><script> a </script></head><body>\n\n<textarea> x </textarea>" +
                       "<title>in body</title><plaintext>rest <b>of</b> doc")
        expectSameTree("Loose text before any tag.<p>Then a paragraph.</p>")
    }

    @Test func scriptCodeIsKeptRawAndJSONLDNormally() throws {
        let html = "<html><head><script type=\"application/LD+JSON\"> {\"headline\": \"Café\"} </script>" +
            "<script>  </script><script>var s = \"2024-03-05\";</script><script type=module>x</script></head>" +
            "<body><p>Text <script>document.write('y')</script> after.</p></body></html>"
        expectSameTree(html)
        let tree = try #require(LibXMLParser.parseHTML(Array(html.utf8)))
        let texts = tree.nodes.indices.filter { tree.nodes[$0].isText }
        // JSON-LD is scanned (visible length counted); code is raw (not counted).
        let jsonLD = try #require(texts.first { tree.nodeText($0).contains("headline") })
        #expect(tree.nodes[jsonLD].visibleLength > 0)
        let code = try #require(texts.first { tree.nodeText($0).contains("var s") })
        #expect(tree.nodes[code].visibleLength == 0)
        // Whitespace-only code reads like a normalized blank once collapsed.
        #expect(tree.text(of: try #require(tree.first("head"))).hasPrefix("{\"headline\": \"Café\"} var s"))
    }

    @Test func documentLevelOddities() {
        // Elements after the root, with and without something before the root.
        expectSameTree("<!-- c --><html lang=en><body><p>One.</p></body></html><html lang=fr><body><p>Two.</p></body></html>")
        expectSameTree("<html lang=en><body><p>One.</p></body></html><p>Trailing paragraph.</p>")
        expectSameTree("<!DOCTYPE html><html><body><p>a</p></body></html><p>after</p>")
        expectSameTree("<html><body><p>a</p></body></html><!DOCTYPE html><p>late doctype</p>")
        expectSameTree("<svg><p>x</p></svg><p>after an svg root</p>")
        expectSameTree("<html lang=en><head><title>T</title></head><body class=x><html lang=de><body id=z><head>" +
                       "<p>Misplaced tags.</p><table><tr><td>one<td>two</table>text <b>bold<i>ital</b>after</i> tail</body></html>")
    }

    @Test func namesAndAttributes() {
        expectSameTree("<html xmlns:fb='http://ogp.me/ns/fb#'><body><p>Word<o:p></o:p> <O:P>x</O:P></p>" +
                       "<fb:like href=x class=share>like</fb:like><:odd>odd</:odd><a:>empty local</a:>" +
                       "<svg:svg><p>in svg</p></svg:svg><x:y:z>two colons</x:y:z></body></html>")
        expectSameTree("<html lang=EN xml:lang=en><body><div class=A id=b hidden data-x=1 checked style='DISPLAY:none'>x</div>" +
                       "<P CLASS=Foo Class=bar>duplicate attribute</P><a href=\"/x?a=1&amp;b=2\" REL=author>me</a></body></html>")
    }

    @Test func depthLimitIsLibXML2s() {
        // libxml2 halts its tree builder past 256 open elements; the SAX
        // builder stops the parser at the same element.
        for depth in [250, 254, 255, 256, 257, 258, 300] {
            let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>inner</p>tail" +
                String(repeating: "</div>", count: depth) + "<p>after</p></body></html>"
            expectSameTree(html, "depth \(depth)")
        }
        let deep = "<html><body>" + String(repeating: "<div>", count: 10_000) + "x" + String(repeating: "</div>", count: 10_000)
        expectSameTree(deep, "depth 10000")
        #expect((LibXMLParser.parseHTML(Array(deep.utf8))?.nodes.count ?? 0) < 300)
    }

    @Test func brokenInputGivesTheSameTreeOrNone() {
        expectSameTree("<html><body><p>truncated <b>in the mid")
        expectSameTree("<html><body><p attr=\"unterminated>text</p></body>")
        expectSameTree("<<<>>></></ <p <p>>")
        var junk: [UInt8] = []
        for i in 0..<5000 { junk.append(UInt8(truncatingIfNeeded: i &* 131 &+ 7)) }
        #expect(Ingestor.parserDifference(junk) == nil)
        var withNUL = Array("<html><body><p>before".utf8)
        withNUL += [0] + Array("after NUL</p></body></html>".utf8)
        #expect(Ingestor.parserDifference(withNUL) == nil)
        #expect(LibXMLParser.parseHTML([]) == nil)
    }

    @Test func invalidUTF8ReachingTheParserIsRepairedTheSameWay() throws {
        // Ingest always decodes first; the parser must still cope with bad bytes.
        var bytes = Array("<html><body><p>caf".utf8) + [0xE9, 0x20, 0xC3] + Array(" ok <b>".utf8) + [0xF0, 0x9F] + Array("</b></p></body></html>".utf8)
        bytes += Array(repeating: 0x20, count: 100)
        let sax = try #require(LibXMLParser.parseHTML(bytes))
        let copy = try #require(LibXMLParser.parseHTMLViaLibXMLTree(bytes))
        #expect(sax.firstDifference(from: copy) == nil)
        #expect(CharsetDecoder.validUTF8(sax.textBytes))
    }
}
