import Foundation
import Testing
@testable import WaveIngest

/// The second chances of the extractor on pages built unlike news sites: a body
/// under a weak furniture class, React's streamed segments, text declared in
/// JSON-LD, and a page whose body holds nothing but its own description.
@Suite struct ExtractionFallbackTests {
    private func page(_ html: String, options: IngestOptions = IngestOptions()) throws -> Article {
        try #require(try Ingestor(options: options).articles(in: Array(html.utf8), path: "p.html").first)
    }

    private static let story = [
        "The ferry to the island leaves twice a day, at seven in the morning and at four in the afternoon, weather permitting.",
        "Tickets are sold at the harbour office, which opens half an hour before each crossing and takes cards as well as cash.",
        "On the island, a single road circles the coast, passing the old lighthouse, two beaches and a tea house run by fishermen.",
        "Walkers who leave the ferry at once can see the whole coast and still catch the afternoon boat back to the mainland.",
        "In winter the crossing is often cancelled, so the harbour office posts the day's decision on its door by six o'clock.",
    ]

    @Test func bodyUnderAWeakFurnitureClassIsFoundOnTheSecondLook() throws {
        // "meta" in a long class name marks furniture on most sites; here it wraps the
        // story, which holds less than half of the page's text (a long footer).
        let paragraphs = Self.story.map { "<p>\($0)</p>" }.joined(separator: "\n")
        let html = """
        <html><body><nav><a href="/">Home</a> <a href="/trips">Trips</a></nav>
        <div class="intro"><p>Latest trips from our readers.</p></div>
        <span class="cms_wrapper cms_wrapper_meta_field cms_rich_text">\(paragraphs)</span>
        <div class="comments"><p>Great trip, thank you for sharing these tips with everyone here!</p></div>
        <div class="site-footer">\(String(repeating: "Island Trips Ltd is registered in the harbour town and answers letters within a week. ", count: 14))</div>
        </body></html>
        """
        let a = try page(html)
        for s in Self.story { #expect(a.text.contains(s)) }
        #expect(!a.text.contains("Great trip"), "comments stay out on the second look")
    }

    @Test func reactStreamedSegmentsAreText() throws {
        let paragraphs = Self.story.map { "<p>\($0)</p>" }.joined()
        let html = """
        <html><body><div hidden id="S:0"><article>\(paragraphs)</article></div>
        <div hidden><p>This menu is hidden until opened and holds nothing of the page.</p></div></body></html>
        """
        let a = try page(html)
        #expect(a.text.contains(Self.story[2]))
        #expect(!a.text.contains("menu is hidden"))
    }

    @Test func textDeclaredInJSONLDWhenTheBodyIsRenderedByScript() throws {
        let body = Self.story.joined(separator: "\\n\\n")
        let html = """
        <html><head><script type="application/ld+json">
        {"@type": "NewsArticle", "headline": "A day on the island", "articleBody": "\(body)"}
        </script></head><body><div id="app">Loading…</div></body></html>
        """
        let a = try page(html)
        #expect(a.paragraphs == Self.story)
        #expect(a.extractionConfidence > 0.3)
    }

    @Test func descriptionIsTheLastResortAndNotAnArticle() throws {
        let html = """
        <html><head><meta property="og:description" content="A thread on the best first telescope for a beginner with a budget of five hundred dollars.">
        </head><body><section class="splash"><div class="dots"></div></section></body></html>
        """
        let a = try page(html)
        #expect(a.text.hasPrefix("A thread on the best first telescope"))
        #expect(a.extractionConfidence <= 0.2)
        do throws(IngestError) {
            _ = try Ingestor(options: IngestOptions(articlesOnly: true)).articles(in: Array(html.utf8), path: "p.html")
            Issue.record("a page with only its description was not refused with articlesOnly")
        } catch {
            #expect(error.code == .noArticle)
        }
    }
}
