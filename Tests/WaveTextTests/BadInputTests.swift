import Foundation
import Testing
@testable import WaveText

@Suite struct BadInputTests {
    let tokenizer = Tokenizer()

    @Test func invalidUTF8DecodedWithReplacement() {
        let bytes: [UInt8] = [0x48, 0x69, 0xFF, 0xFE, 0x20, 0xE3, 0x81, 0x20, 0x77, 0x6F, 0x72, 0x6C, 0x64, 0xC0, 0x80]
        let text = String(decoding: bytes, as: UTF8.self)
        for language in [Language.english, .japanese, .korean, .unknown] {
            let doc = tokenizer.tokenize(text, language: language)
            checkRanges(doc)
            #expect(doc.tokens.contains { $0.surface.contains("world") || $0.surface == "world" })
        }
    }

    @Test func loneSurrogates() {
        let text = String(decoding: [0x0041, 0xD800, 0x0062, 0x0020, 0xDC00, 0x0063, 0xD55C, 0xAD6D] as [UInt16], as: UTF16.self)
        for language in [Language.english, .japanese, .korean, nil] {
            checkRanges(tokenizer.tokenize(text, language: language))
        }
    }

    @Test func nulBytes() {
        let text = "abc\u{0}def 日本\u{0}語の\u{0}テキスト 한국\u{0}어를 \u{0}"
        for language in [Language.english, .japanese, .korean, nil] {
            let doc = tokenizer.tokenize(text, language: language)
            checkRanges(doc)
            #expect(!doc.tokens.isEmpty)
        }
    }

    @Test func emptyAndWhitespace() {
        for text in ["", " ", "\n\n", "...", "!!!"] {
            let doc = tokenizer.tokenize(text)
            #expect(doc.tokens.isEmpty)
            checkRanges(doc)
        }
    }

    /// Speed on this input is measured by `WaveBench tokenizer-hostile`, not here.
    @Test func tenMegabyteLine() {
        let unit = "Korea's soft power, k-pop and https://example.com/x grew 12% in 2023 (see @bts). "
        let text = String(repeating: unit, count: 10_000_000 / unit.utf8.count + 1)
        #expect(text.utf8.count >= 10_000_000)
        let doc = tokenizer.tokenize(text, language: .english)
        #expect(doc.tokens.count > 1_000_000)
        #expect(doc.tokens.last.map { $0.range.upperBound <= text.utf8.count } ?? false)
        // The line is cut into sentences; no sentence spans the whole 10 MB.
        #expect(doc.sentences.count > 1)
        #expect(doc.tokens.contains { $0.surface == "https://example.com/x" })
    }

    @Test func longJapaneseAndKoreanLines() {
        let ja = String(repeating: "日本のソフトパワーと韓流", count: 40_000)   // ~1.4 MB, no sentence end
        let doc = tokenizer.tokenize(ja, language: .japanese)
        #expect(doc.tokens.count >= 40_000 * 4)
        let ko = String(repeating: "일본에서는 한국의 소프트 파워를 ", count: 40_000)
        #expect(tokenizer.tokenize(ko, language: .korean).tokens.count == 40_000 * 4)
    }

    @Test(arguments: ["ภาษาไทยเป็นภาษาที่สวยงามมาก", "مرحبا بكم في العالم العربي", "Γειά σου Κόσμε", "Привет, мир"])
    func scriptsWithoutStopwordLists(text: String) throws {
        let tokenizer = Tokenizer(configuration: .init(stopwords: try Fixtures.stopwords()))
        let doc = tokenizer.tokenize(text)
        #expect(doc.language == .unknown)
        #expect(!doc.tokens.isEmpty)
        #expect(doc.tokens.allSatisfy { !$0.isStopword })
        checkRanges(doc)
    }
}
