import Foundation
import Testing
@testable import WaveIngest

/// The shipped Corpus is our own writing, so its true metadata is known
/// (`Corpus/expected.jsonl`): ingest must get every title, author list, date,
/// site and declared encoding right.
@Suite struct CorpusMetadataTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus")

    struct Expected: Decodable {
        var file: String
        var item: Int?
        var title: String
        var authors: [String]
        var date: String
        var site: String
        var language: String
    }

    static func expectations() throws -> [Expected] {
        let text = try String(contentsOf: corpus.appendingPathComponent("expected.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Expected.self, from: Data($0.utf8)) }
    }

    @Test func everyCorpusArticleHasItsTrueMetadata() throws {
        let expectations = try Self.expectations()
        #expect(expectations.count >= 30)
        let ingestor = Ingestor()
        var articlesByFile: [String: [Article]] = [:]
        for file in Set(expectations.map(\.file)) {
            articlesByFile[file] = try ingestor.articles(atPath: file, root: Self.corpus)
        }
        for e in expectations {
            let articles = articlesByFile[e.file] ?? []
            let article = try #require(articles.first { $0.item == e.item }, "\(e.file) #\(e.item ?? 0)")
            #expect(article.title == e.title, "\(e.file)")
            #expect(article.paragraphs.count >= 3, "\(e.file): the body has its paragraphs")
            if article.format == .text { continue }   // a bare .txt carries no byline, date or site
            #expect(article.authors == e.authors, "\(e.file)")
            #expect(article.date?.hasPrefix(e.date) == true, "\(e.file): \(article.date ?? "nil")")
            #expect(article.site == e.site, "\(e.file)")
        }
    }

    @Test func legacyEncodingsAreDecoded() throws {
        let ingestor = Ingestor()
        let cases = [("ja/kanto-shimpo-2021-ghibli-sjis.html", "Shift_JIS"), ("ja/popculture-nippo-2023-pokemon-retro-eucjp.html", "EUC-JP"),
                     ("ko/munhwa-gyeongje-2020-kocca-export-euckr.html", "EUC-KR"),
                     ("ko/munhwa-gyeongje-2023-ghibli-nostalgia-euckr-nocharset.html", "EUC-KR")]
        for (file, family) in cases {
            let article = try #require(try ingestor.articles(atPath: file, root: Self.corpus).first)
            let encoding = article.encoding.uppercased()
            let accepted: [String] = switch family {
            case "Shift_JIS": ["SHIFT", "SJIS", "31J", "943", "932"]
            case "EUC-JP": ["EUC-JP", "EUC_JP", "EUCJP"]
            default: ["EUC-KR", "949", "KSC", "EUC_KR"]
            }
            #expect(accepted.contains { encoding.contains($0) }, "\(file): \(article.encoding)")
            #expect(!article.text.contains("\u{FFFD}"), "\(file) decodes without replacement characters")
        }
    }
}
