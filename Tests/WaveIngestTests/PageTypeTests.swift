import Foundation
import Testing
@testable import WaveIngest

/// Pages that are not news articles: kept with a page type and a confidence,
/// refused only with `articlesOnly`.
@Suite struct PageTypeTests {
    @Test func forumThreadKeepsEveryPost() throws {
        let a = try #require(try ingest("page_forum_thread.html").first)
        #expect(a.pageType == .forum)
        for phrase in ["gayageum over a slow string section", "office romance series", "Watching from Osaka",
                       "children's choir from Busan"] {
            #expect(a.text.contains(phrase), "missing post: \(phrase)")
        }
        #expect(!a.text.contains("Similar threads"))
        #expect(!a.text.contains("Terms"))
        #expect(a.extractionConfidence > 0 && a.extractionConfidence <= 1)
    }

    @Test func productPageFromStructuredData() throws {
        let a = try #require(try ingest("page_product_jsonld.html").first)
        #expect(a.pageType == .product)
        #expect(a.text.contains("mulberry bark is soaked"))
        #expect(a.text.contains("braided cotton cord"))
        #expect(a.title == "Hanji Paper Lamp, Natural")
    }

    @Test func listingOfCardsIsACollection() throws {
        let a = try #require(try ingest("page_listing.html").first)
        #expect([.collection, .listing].contains(a.pageType))
        #expect(a.text.contains("Temples, maple leaves"))
        #expect(a.text.contains("A week on the island's local lines"))
        #expect(!a.text.contains("© Wanderlines"))
    }

    @Test func documentationKeepsCodeBlocks() throws {
        let a = try #require(try ingest("page_docs_page.html").first)
        #expect(a.pageType == .documentation)
        #expect(a.text.contains("Corpus.read(\"pages/\")"))
        #expect(a.text.contains("one bad file never stops a long run"))
        #expect(!a.text.contains("Overview"))
    }

    @Test func newsArticleIsAnArticleWithHighConfidence() throws {
        let a = try #require(try ingest("article.html").first)
        #expect(a.pageType == .article)
        #expect(a.extractionConfidence >= 0.7)
    }

    @Test func articlesOnlyRefusesOtherPagesWithTheReason() throws {
        let strict = IngestOptions(articlesOnly: true)
        for name in ["page_forum_thread.html", "page_product_jsonld.html", "page_docs_page.html"] {
            let bytes = try fixture(name)
            do throws(IngestError) {
                _ = try Ingestor(options: strict).articles(in: bytes, path: name)
                Issue.record("\(name) was not refused")
            } catch {
                #expect(error.code == .noArticle)
                #expect(error.reason.contains("not an article"))
            }
        }
        #expect(try Ingestor(options: strict).articles(in: fixture("article.html"), path: "a.html").count == 1)
    }

    @Test func pageWhoseTextIsAllFurnitureIsKeptWithLowConfidence() throws {
        let html = """
        <html><body><div class="sidebar"><p>Opening hours are nine to five on weekdays, closed on public holidays.</p>
        <p>Call the front desk to book a guided tour of the archive.</p></div></body></html>
        """
        let a = try #require(try Ingestor().articles(in: Array(html.utf8), path: "f.html").first)
        #expect(a.text.contains("guided tour of the archive"))
        #expect(a.extractionConfidence < 0.5)
        do throws(IngestError) {
            _ = try Ingestor(options: IngestOptions(articlesOnly: true)).articles(in: Array(html.utf8), path: "f.html")
            Issue.record("furniture-only page was not refused with articlesOnly")
        } catch {
            #expect(error.code == .noArticle)
        }
    }

    @Test func pathOfURL() {
        #expect(HTMLExtractor.path(of: "https://Example.org/Docs/Guide?x=1#y") == "/docs/guide")
        #expect(HTMLExtractor.path(of: "https://example.org") == "/")
        #expect(HTMLExtractor.path(of: "not a url") == nil)
    }
}
