import Foundation
import Testing
@testable import WaveText

/// Shared helpers for the WaveText tests.
enum Fixtures {
    static var directory: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func stopwords() throws -> Stopwords {
        try Stopwords(directory: directory.appendingPathComponent("stopwords"))
    }
}

/// Checks that every token's surface is the text at its UTF-8 range, that
/// ranges are ordered and disjoint, and that sentence ranges tile the text.
func checkRanges(_ doc: TokenizedDocument, sourceLocation: SourceLocation = #_sourceLocation) {
    let bytes = Array(doc.text.utf8)
    var previousEnd = 0
    for token in doc.tokens {
        #expect(token.range.lowerBound >= previousEnd, "overlap at \(token.surface)", sourceLocation: sourceLocation)
        #expect(token.range.upperBound <= bytes.count, sourceLocation: sourceLocation)
        guard token.range.upperBound <= bytes.count else { return }
        let slice = String(decoding: bytes[token.range], as: UTF8.self)
        #expect(slice == token.surface, "surface \(token.surface) vs text \(slice)", sourceLocation: sourceLocation)
        #expect(token.stemRange.count > 0, sourceLocation: sourceLocation)
        #expect(!token.term.isEmpty, sourceLocation: sourceLocation)
        previousEnd = token.range.upperBound
    }
    var position = 0
    var tokenIndex = 0
    for (i, sentence) in doc.sentences.enumerated() {
        #expect(sentence.range.lowerBound == position, sourceLocation: sourceLocation)
        #expect(sentence.tokens.lowerBound == tokenIndex, sourceLocation: sourceLocation)
        for t in sentence.tokens { #expect(doc.tokens[t].sentence == i, sourceLocation: sourceLocation) }
        position = sentence.range.upperBound
        tokenIndex = sentence.tokens.upperBound
    }
    if !bytes.isEmpty { #expect(position == bytes.count, sourceLocation: sourceLocation) }
    #expect(tokenIndex == doc.tokens.count, sourceLocation: sourceLocation)
}

@Suite struct RangeTests {
    @Test(arguments: ["en.txt", "ja.txt", "ko.txt"])
    func surfacesMatchRanges(fixture: String) throws {
        let text = try Fixtures.text(fixture)
        for segmentation in [SentenceSegmentation.icu, .rules] {
            for useMeCab in [true, false] {
                let tokenizer = Tokenizer(configuration: .init(stopwords: try Fixtures.stopwords(), useMeCab: useMeCab,
                                                               sentenceSegmentation: segmentation))
                let doc = tokenizer.tokenize(text)
                #expect(!doc.tokens.isEmpty)
                checkRanges(doc)
            }
        }
    }
}
