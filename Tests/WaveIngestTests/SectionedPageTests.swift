import Testing
@testable import WaveIngest

/// Pages in sections: a small article container inside a much larger declared main
/// region gives way to the region; repeated blocks are kept once on pages that are not
/// stories, and a story keeps its repeated pull quote.
@Suite struct SectionedPageTests {
    private func ingest(_ html: String) throws -> Article {
        try #require(try Ingestor().articles(in: Array(html.utf8), path: "page.html").first)
    }

    private static func section(_ n: Int) -> String {
        """
        <section class="block"><h2>Step \(n) of the programme</h2>
        <p>In step \(n) the academy's trainees practise vocals, dance and Japanese for four hours a day, \
        and a coach reviews every recording with them before the monthly evaluation in Seoul.</p></section>
        """
    }

    @Test func smallArticleInsideALargerMainRegionGivesWayToTheRegion() throws {
        let intro = "The academy trains singers for agencies in Seoul and Tokyo, in a programme of six steps "
            + "that takes a year and ends with a showcase in front of agency scouts, who have signed more than "
            + "forty of its graduates since the first class finished in the spring of 2019."
        let html = """
        <html><body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
        <main><article><h1>Our programme</h1><p>\(intro)</p></article>
        \((1...6).map(Self.section).joined())</main>
        <footer><p>© The Academy</p></footer></body></html>
        """
        let a = try ingest(html)
        #expect(a.text.contains("ends with a showcase"))
        for n in 1...6 { #expect(a.text.contains("In step \(n) the academy's trainees")) }
        #expect(!a.text.contains("About us"))
    }

    @Test func articleFillingTheMainRegionStaysTheRoot() throws {
        let paragraph = "The agency said the group would tour twelve cities in Japan and Korea next spring, adding dates "
            + "after the first shows sold out within an hour of going on sale."
        let html = """
        <html><body><main><article>\(String(repeating: "<p>\(paragraph)</p>", count: 6))</article>
        <div class="more"><p>Short note below the story.</p></div></main></body></html>
        """
        let a = try ingest(html)
        #expect(a.text.contains("sold out within an hour"))
        #expect(!a.text.contains("Short note below"))
    }

    @Test func repeatsDroppedOutsideStories() {
        let kept = HTMLExtractor.withoutRepeats(["Features", "Waterproof to fifty metres and light.", "Features",
                                                 "Waterproof to fifty metres and light.", "Battery lasts a month."])
        #expect(kept == ["Features", "Waterproof to fifty metres and light.", "Features", "Battery lasts a month."])
    }

    @Test func serviceSectionsRepeatedPerScreenSizeAreKeptOnce() throws {
        let block = "<div class=\"panel\"><p>We subtitle Korean variety shows into English, Spanish and Japanese within forty-eight hours.</p></div>"
        let html = """
        <html><body><main><div class="desktop">\(block)<p>Our team of twelve translators works across three time zones.</p></div>
        <div class="mobile">\(block)</div></main></body></html>
        """
        let a = try ingest(html)
        #expect(a.pageType != .article)
        let count = a.paragraphs.filter { $0.contains("within forty-eight hours") }.count
        #expect(count == 1)
    }

    @Test func storyKeepsItsRepeatedPullQuote() throws {
        let paragraph = "The director said on Monday that the series would be filmed in Busan and Osaka over the summer, "
            + "with a cast drawn from both countries and dialogue in Korean and Japanese."
        let quote = "We wanted two languages on one screen, always."
        let html = """
        <html><head><meta property="og:type" content="article"></head><body><article><h1>Series to film in Busan and Osaka</h1>
        <p>\(paragraph)</p><blockquote><p>\(quote)</p></blockquote>\(String(repeating: "<p>\(paragraph)</p>", count: 4))
        <p>\(quote)</p></article></body></html>
        """
        let a = try ingest(html)
        #expect(a.pageType == .article)
        #expect(a.paragraphs.filter { $0 == quote }.count == 2)
    }
}
