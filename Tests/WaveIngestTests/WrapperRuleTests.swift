import Testing
@testable import WaveIngest

/// Elements that are furniture by their tag (`<form>`, `<figure>`) but hold the page's
/// text: a thread inside a moderation form, a quotation inside a figure.
@Suite struct WrapperRuleTests {
    private func ingest(_ html: String) throws -> Article {
        try #require(try Ingestor().articles(in: Array(html.utf8), path: "page.html").first)
    }

    private static func post(_ n: Int) -> String {
        """
        <li class="message"><div class="user">fan\(n)</div><blockquote class="messageText">Reply \(n): I saw the \
        group in Osaka last week and the new choreography works much better on a big stage than in the videos, \
        especially the second chorus where all seven of them move as one.</blockquote></li>
        """
    }

    @Test func threadInsideAModerationFormIsKept() throws {
        let html = """
        <html><body><div class="notice">Welcome to the fan forum, please read the rules.</div>
        <form action="/inline-mod" method="post"><ol class="messageList">\((1...5).map(Self.post).joined())</ol>
        <input type="hidden" name="token" value="x"></form>
        <footer><p>© Fan forum</p></footer></body></html>
        """
        let a = try ingest(html)
        for n in 1...5 { #expect(a.text.contains("Reply \(n): I saw the group in Osaka")) }
        #expect(!a.text.contains("© Fan forum"))
    }

    @Test func smallFormIsStillFurniture() throws {
        let story = String(repeating: "<p>The agency confirmed on Monday that the group will release a new album in "
                           + "March, followed by a tour of twelve cities in Japan and Korea.</p>", count: 5)
        let html = """
        <html><body><article>\(story)</article>
        <form action="/subscribe"><p>Get our newsletter with the week's news from Seoul every Friday morning, free.</p>
        <input name="email"></form></body></html>
        """
        let a = try ingest(html)
        #expect(a.text.contains("a tour of twelve cities"))
        #expect(!a.text.contains("newsletter"))
    }

    @Test func quotationInAFigureIsKept() throws {
        let intro = "Our studio has taught dance classes in Seoul since 2015, for beginners and for trainees "
            + "preparing for agency auditions, in groups of at most eight students."
        let html = """
        <html><body><main><h1>Reviews</h1><p>\(intro)</p>
        <figure><blockquote>The classes changed how I move on stage; I passed my audition after four months.</blockquote>
        <figcaption>Jiwoo, trainee</figcaption></figure>
        <figure><img src="studio.jpg"><figcaption>Photo: the studio in Mapo</figcaption></figure></main></body></html>
        """
        let a = try ingest(html)
        #expect(a.text.contains("I passed my audition after four months"))
        #expect(!a.text.contains("Photo: the studio"))
    }
}
