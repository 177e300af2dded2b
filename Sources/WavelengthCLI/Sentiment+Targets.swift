import ArgumentParser
import Foundation
import WaveCorpus
import WavePipeline
import WaveSentiment
import WaveText

/// `wavelength sentiment --targets`: the sentiment toward each marked mention of each input line.
extension Sentiment {
    /// One input line.
    struct TargetInput: Decodable {
        struct Span: Decodable { var from: Int, to: Int }
        var text: String
        var targets: [Span]
    }

    struct TargetLine: Encodable { var targets: [Double] }
    struct ErrorLine: Encodable { var error: String }

    /// Reads the file given (or standard input) and writes one line per non-blank input line.
    /// - Throws: `ExitCode(1)` after the whole input when some lines could not be read.
    func scoreTargets(analyzer: Analyzer) throws {
        let lines: AnySequence<String>
        let name: String
        if let path = input.paths.first {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RunError("\(path): cannot read the file")
            }
            lines = AnySequence(String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) })
            name = path
        } else {
            lines = standardInputLines()
            name = "stdin"
        }
        let scorer = analyzer.targetSentiment
        let forced = input.lang.map(Language.init(rawValue:))
        let decoder = JSONDecoder()
        let out = JSONLines()
        var failures = 0
        for (index, line) in lines.enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            switch Self.parseTargetLine(line, decoder: decoder) {
            case .failure(let reason):
                failures += 1
                StandardError.print("wavelength: error: \(name):\(index + 1): \(reason)")
                try out.write(ErrorLine(error: "line \(index + 1): \(reason)"))
            case .success(let item):
                let language = forced ?? LanguageDetector.detect(item.text)
                let ranges = item.targets.map { $0.from..<$0.to }
                try out.write(TargetLine(targets: scorer.scores(text: item.text, targets: ranges, language: language)))
            }
        }
        if failures > 0 { throw ExitCode(RunOutcome.partial.rawValue) }
    }

    enum LineResult { case success(TargetInput), failure(String) }

    /// Decodes and checks one input line: offsets must lie inside the text, `from` ≤ `to`.
    static func parseTargetLine(_ line: String, decoder: JSONDecoder) -> LineResult {
        let item: TargetInput
        do {
            item = try decoder.decode(TargetInput.self, from: Data(line.utf8))
        } catch DecodingError.keyNotFound(let key, _) {
            return .failure("missing \"\(key.stringValue)\"")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return .failure("wrong type at \(path.isEmpty ? "top level" : path): expected {\"text\": string, \"targets\": [{\"from\": int, \"to\": int}, …]}")
        } catch {
            return .failure("not a JSON object")
        }
        let length = item.text.unicodeScalars.count
        for (k, span) in item.targets.enumerated() where span.from < 0 || span.to < span.from || span.to > length {
            return .failure("target \(k + 1): from \(span.from), to \(span.to) is not a range inside the text (\(length) code points)")
        }
        return .success(item)
    }
}
