import Testing
@testable import WaveIngest

/// Card grids (listings, shop categories) keep their cards' linked titles; a story
/// with teasers beside it stays a story; utility classes are not furniture.
@Suite struct CardGridTests {
    private func ingest(_ html: String) throws -> Article {
        try #require(try Ingestor().articles(in: Array(html.utf8), path: "page.html").first)
    }

    private static func card(_ n: Int, price: Bool = false) -> String {
        """
        <li class="card card-\(n)"><a href="/item/\(n)"><h3>Drama festival programme number \(n) announced</h3></a>
        <p>\(price ? "$\(n)9.00" : "By Min-ji Park")</p><span>Week \(n) of the season</span></li>
        """
    }

    private static func page(cards: String, intro: String = "", story: String = "") -> String {
        """
        <html><head><title>Listing</title></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
        <main>\(story)<div class="intro"><p>\(intro)</p></div><ul class="grid">\(cards)</ul></main>
        <footer><p>© Hallyu Weekly, all rights reserved.</p></footer></body></html>
        """
    }

    @Test func listingKeepsEveryCardTitleAndTheIntro() throws {
        let html = Self.page(cards: (1...6).map { Self.card($0) }.joined(),
                             intro: "Every festival we covered this season, newest first.")
        let a = try ingest(html)
        for n in 1...6 { #expect(a.text.contains("Drama festival programme number \(n) announced")) }
        #expect(a.text.contains("newest first"))
        #expect(a.text.contains("By Min-ji Park"))
        #expect(!a.text.contains("all rights reserved"))
        #expect(!a.text.contains("About"))
        #expect(a.pageType == .listing)
    }

    @Test func cardsWithPricesMakeACollection() throws {
        let a = try ingest(Self.page(cards: (1...6).map { Self.card($0, price: true) }.joined()))
        #expect(a.text.contains("Drama festival programme number 4 announced"))
        #expect(a.text.contains("$49.00"))
        #expect(a.pageType == .collection)
    }

    @Test func storyWithTeasersStaysAStory() throws {
        let paragraph = "The agency said on Tuesday that the group would tour twelve cities in Japan and Korea next spring, "
            + "adding dates after the first shows sold out within an hour, and that tickets for the new dates go on sale next week."
        let story = "<article><h1>Tour dates added</h1>" + String(repeating: "<p>\(paragraph)</p>", count: 5) + "</article>"
        let a = try ingest(Self.page(cards: (1...8).map { Self.card($0) }.joined(), story: story))
        #expect(a.text.contains("tickets for the new dates"))
        #expect(!a.text.contains("Drama festival programme number 3"))
        #expect(a.pageType == .article)
    }

    @Test func smallMarkedTeaserLosesToTheStory() throws {
        let paragraph = "Fans lined the street outside the theatre from early morning, many holding banners in Korean, "
            + "Japanese and English, and the organisers opened the doors an hour early to let them in out of the cold."
        // Long enough (over 200 characters) to count as a marked body on its own.
        let teaser = "A short teaser for another story about the tour, with a few words on the stage, the lights and the songs, "
            + "and a line on the second night in Osaka that the fans will remember for a very long time, and one more line "
            + "on the encore and the tickets for the autumn dates that go on sale next month."
        let html = """
        <html><body><div class="section"><div class="text">\(String(repeating: "<p>\(paragraph)</p>", count: 12))</div></div>
        <div class="loop"><div class="loop-item"><div class="post-content"><p>\(teaser)</p></div></div></div>
        </body></html>
        """
        let a = try ingest(html)
        #expect(a.text.contains("out of the cold"))
        #expect(!a.text.contains("short teaser"))
    }

    @Test func utilityClassesAreNotFurniture() throws {
        let html = """
        <html><body><main>
        <section class="overflow-hidden py-8"><p>Our studio dubs Korean dramas into Japanese and Spanish for streaming platforms.</p></section>
        <div class="hidden md:block"><p>Voice casting, script adaptation and mixing are done in house by one team.</p></div>
        <div class="hidden"><p>This dialog text is never shown to readers of the page.</p></div>
        <section><p>Projects are delivered within six weeks of the final picture lock, with subtitles.</p></section>
        </main></body></html>
        """
        let a = try ingest(html)
        #expect(a.text.contains("dubs Korean dramas"))
        #expect(a.text.contains("script adaptation"))
        #expect(!a.text.contains("never shown"))
    }

    @Test func utilityTokensAreNeutral() {
        #expect(HTMLExtractor.classification("overflow-hidden") == 0)
        #expect(HTMLExtractor.classification("hidden lg:flex") == 0)
        #expect(HTMLExtractor.classification("md:hidden") == 0)
        #expect(HTMLExtractor.classification("hidden") == -1)
        #expect(HTMLExtractor.classification("sidebar overflow-hidden") == -1)
        // Behind a framework's prefix, or with an axis, still only an overflow setting.
        #expect(HTMLExtractor.classification("tw-overflow-hidden") == 0)
        #expect(HTMLExtractor.classification("overflow-x-hidden") == 0)
    }
}
