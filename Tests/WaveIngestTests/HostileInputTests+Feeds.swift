import Foundation
import Testing
@testable import WaveIngest

/// Feeds that libxml2 reads only in recovery mode, and feed items without text. Found by the
/// `feeds` fuzz target (scripts/fuzz.sh): an Atom entry cut short by a broken end tag came out as
/// a document with no text, and the entry after the break was lost without a word.
extension HostileInputTests {
    static func rss(_ items: String) -> [UInt8] {
        Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour</title>\(items)</channel></rss>".utf8)
    }

    @Test func theFuzzersBrokenAtomFeedFailsAsMalformedWithTheLine() throws {
        // Its first entry lost its content at the broken tag; the second was not recovered.
        let bytes = try fixture("fuzz_feeds_recovered_atom.xml")
        do {
            let result = try Ingestor().read(bytes, path: "feed.atom")
            Issue.record("read \(result.articles.count) articles")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.reason.hasPrefix("not well-formed XML (libxml2's last error at line "))
            #expect(error.reason.hasSuffix("; the feed's one item has no text"))
        }
    }

    @Test func aFeedItemWithoutTextIsThatItemsFailureAndTheOthersAreRead() throws {
        let feed = Self.rss("""
            <item><title>Ferry timetable</title><description>The harbour ferry timetable changes next week.</description></item>
            <item><title>Only a title</title><link>https://news.example/t</link></item>
            <item><title>Extra crossings</title><description>Extra crossings run on Saturdays.</description></item>
            """)
        let result = try Ingestor().read(feed, path: "feed.rss")
        #expect(result.articles.map(\.item) == [1, 3])
        #expect(result.articles.allSatisfy { !$0.paragraphs.isEmpty && $0.warnings.isEmpty })
        #expect(result.failures == [IngestError(.noArticle, path: "feed.rss", reason: "feed item 2 ('Only a title'): no text")])
    }

    @Test func aFeedWhoseItemsHaveNoTextFailsAsAWhole() {
        let one = Self.rss("<item><title>Only a title</title></item>")
        let two = Self.rss("<item><title>A</title></item><item><title>B</title></item>")
        let none = Self.rss("")
        for (bytes, reason) in [(one, "the feed's one item has no text"), (two, "none of the feed's 2 items has text"),
                                (none, "the feed has no items")] {
            do {
                _ = try Ingestor().read(bytes, path: "feed.rss")
                Issue.record("read: \(reason)")
            } catch {
                #expect(error == IngestError(.noArticle, path: "feed.rss", reason: reason))
            }
        }
    }

    @Test func aRecoveredFeedKeepsWhatItReadAndSaysItWasRecovered() throws {
        // The second item's end tag is broken: libxml2 recovers, and every article says so.
        let feed = Self.rss("""
            <item><title>Ferry timetable</title><description>The harbour ferry timetable changes next week.</description></item>
            <item><title>Extra crossings</title><description>Extra crossings run on Saturdays.</description></item on a shared>
            """)
        let result = try Ingestor().read(feed, path: "feed.rss")
        let first = try #require(result.articles.first)
        #expect(first.title == "Ferry timetable")
        #expect(first.text == "The harbour ferry timetable changes next week.")
        for article in result.articles {
            #expect(article.warnings.contains {
                $0.hasPrefix("not well-formed XML (read in recovery mode; libxml2's last error at line ")
                    && $0.hasSuffix("items may be missing or cut short")
            })
        }
    }
}
