import ArgumentParser
import Foundation
import WaveLexicon
import WavePipeline
import WaveText

struct Tokens: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tokenize UTF-8 text from standard input: one document per line, one JSON line out per line.")

    @Option(help: "Language: en, ja, ko, or auto (detect per line).")
    var lang: String = "auto"

    @Option(help: "Folder of <lang>.txt stopword lists (used with --details; default: the shipped lists).")
    var stopwords: String?

    @Flag(help: "Give each token's range, normalized term, kind, sentence and stopword flag.")
    var details = false

    func validate() throws {
        guard ["auto", "en", "ja", "ko"].contains(lang) else {
            throw ValidationError("--lang must be en, ja, ko or auto")
        }
    }

    struct Line: Encodable {
        var language: String
        var tokens: [String]
    }

    struct Detail: Encodable {
        var surface: String, term: String, kind: String, start: Int, end: Int, sentence: Int, stopword: Bool
        var pos: String?
    }

    struct DetailedLine: Encodable {
        var language: String
        var tokens: [Detail]
    }

    func run() throws {
        let tokenizer = try Workbench(configuration: RunConfiguration(stopwords: stopwords.map { URL(fileURLWithPath: $0) })).tokenizer()
        let language: Language? = lang == "auto" ? nil : Language(lang)
        let out = JSONLines()
        for line in standardInputLines() {
            let document = tokenizer.tokenize(line, language: language)
            if details {
                try out.write(DetailedLine(language: document.language.rawValue, tokens: document.tokens.map {
                    Detail(surface: $0.surface, term: $0.term, kind: $0.kind.rawValue, start: $0.range.lowerBound,
                           end: $0.range.upperBound, sentence: $0.sentence, stopword: $0.isStopword, pos: $0.partOfSpeech)
                }))
            } else {
                try out.write(Line(language: document.language.rawValue, tokens: document.tokens.map(\.surface)))
            }
        }
    }
}
