import Foundation
import Testing
import WaveText
@testable import WaveLexicon

/// The embedded copies of the shipped data are the files in the source tree, byte for byte.
@Suite struct ShippedDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func files(in folder: URL, prefix: String) throws -> [String: URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        return Dictionary(uniqueKeysWithValues: names.map { (prefix + $0, folder.appendingPathComponent($0)) })
    }

    @Test func everyDataFileIsEmbeddedByteForByte() throws {
        let expected = try Self.files(in: Self.root.appendingPathComponent("Sources/WaveLexicon/Resources"), prefix: "")
            .merging(try Self.files(in: Self.root.appendingPathComponent("Stopwords"), prefix: "stopwords/")) { a, _ in a }
        #expect(Set(ShippedData.names) == Set(expected.keys))
        for (name, url) in expected {
            #expect(try ShippedData.data(name) == Data(contentsOf: url), "\(name)")
        }
    }

    @Test func anUnknownNameIsAMissingResource() {
        #expect(throws: LexiconError.self) { try ShippedData.data("no-such-file.tsv") }
    }

    @Test func shippedStopwordsAreTheStopwordsFolder() throws {
        let shipped = try Stopwords.shipped()
        let folder = try Stopwords(directory: Self.root.appendingPathComponent("Stopwords"))
        #expect(shipped.languages == folder.languages)
        #expect(shipped.languages.contains(.english))
        for language in folder.languages { #expect(shipped.count(for: language) == folder.count(for: language)) }
        #expect(shipped.contains("the", in: .english))
    }

    @Test func shippedDataLoadsWithoutABundle() throws {
        #expect(try !ThemeDictionary.shipped().themes.isEmpty)
        #expect(try Gazetteer.shipped().targets.count >= 2)
        #expect(try SentimentLexicon.shipped().sources.allSatisfy { $0.hasPrefix("shipped:") })
    }
}
