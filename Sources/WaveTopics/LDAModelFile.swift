import Foundation

/// Reads and writes topic models as UTF-8 text, one or more models per file.
///
/// A model block (format version 1):
/// ```text
/// wavelength-lda 1
/// language ja
/// topics 9
/// terms 21766
/// documents 7367
/// iterations 500
/// seed 42
/// beta 0.01
/// alpha 0.1 0.1 0.1 …            (one value per topic)
/// 日本	0:120 3:4                 (terms lines: term, TAB, topic:count pairs; topics with count 0 left out)
/// …
/// ```
/// A block has exactly `terms` term lines, in term-id order; the next block (a
/// model for another language) may follow. In a term, `\` is written `\\`, a
/// tab `\t` and a newline `\n`. Doubles are written with 17 significant digits,
/// so a model reads back exactly.
public enum LDAModelFile {
    public static let formatVersion = 1
    static let magic = "wavelength-lda"

    /// The text of `models`.
    public static func text(of models: [LDAModel]) -> String {
        var out = ""
        for model in models {
            let K = model.topicCount
            out += "\(magic) \(formatVersion)\n"
            out += "language \(model.language.isEmpty ? "-" : model.language)\n"
            out += "topics \(K)\nterms \(model.termCount)\ndocuments \(model.documentCount)\n"
            out += "iterations \(model.iterations)\nseed \(model.seed)\n"
            out += "beta \(exact(model.beta))\n"
            out += "alpha " + model.alpha.map(exact).joined(separator: " ") + "\n"
            for (w, term) in model.terms.enumerated() {
                out += escape(term)
                out += "\t"
                var first = true
                for k in 0..<K {
                    let c = model.topicWordCounts[w * K + k]
                    if c == 0 { continue }
                    if !first { out += " " }
                    out += "\(k):\(c)"
                    first = false
                }
                out += "\n"
            }
        }
        return out
    }

    /// Writes `models` to `url` atomically.
    public static func write(_ models: [LDAModel], to url: URL) throws {
        try Data(text(of: models).utf8).write(to: url, options: .atomic)
    }

    /// The models in the file at `url`.
    /// - Throws: ``TopicsError`` naming the line that is wrong.
    public static func read(contentsOf url: URL) throws -> [LDAModel] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TopicsError(.unreadable, source: url.path, reason: error.localizedDescription)
        }
        return try parse(String(decoding: data, as: UTF8.self), source: url.path)
    }

    /// The models in `text`.
    public static func parse(_ text: String, source: String = "model") throws -> [LDAModel] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        var models: [LDAModel] = []
        func fail(_ reason: String) -> TopicsError {
            TopicsError(.malformed, source: source, line: index + 1, reason: reason)
        }
        func field(_ name: String) throws -> Substring {
            guard index < lines.count, lines[index].hasPrefix(name + " ") else { throw fail("expected '\(name) …'") }
            defer { index += 1 }
            return lines[index].dropFirst(name.count + 1)
        }
        func integer(_ name: String) throws -> Int {
            guard let v = Int(try field(name)), v >= 0 else { throw fail("'\(name)' needs a non-negative integer") }
            return v
        }
        while index < lines.count {
            if lines[index].isEmpty { index += 1; continue }
            let head = try field(magic)
            guard let version = Int(head), version == formatVersion else {
                index -= 1
                throw fail("unsupported model format version '\(head)' (this build reads \(formatVersion))")
            }
            let language = String(try field("language"))
            let K = try integer("topics"), V = try integer("terms"), D = try integer("documents")
            let iterations = try integer("iterations")
            guard let seed = UInt64(try field("seed")) else { index -= 1; throw fail("bad seed") }
            guard let beta = Double(try field("beta")), beta > 0 else { index -= 1; throw fail("bad beta") }
            let alpha = try field("alpha").split(separator: " ").map { part -> Double in
                guard let v = Double(part), v > 0 else { index -= 1; throw fail("bad alpha value '\(part)'") }
                return v
            }
            guard K > 0, alpha.count == K else { index -= 1; throw fail("alpha needs \(K) values") }
            var terms: [String] = []
            terms.reserveCapacity(V)
            var counts = [Int32](repeating: 0, count: V * K)
            for w in 0..<V {
                guard index < lines.count else { throw fail("expected \(V) term lines, found \(w)") }
                let line = lines[index]
                guard let tab = line.firstIndex(of: "\t") else { throw fail("a term line needs a tab") }
                terms.append(unescape(line[..<tab]))
                for pair in line[line.index(after: tab)...].split(separator: " ") {
                    let parts = pair.split(separator: ":")
                    guard parts.count == 2, let k = Int(parts[0]), let c = Int32(parts[1]), k >= 0, k < K, c >= 0 else {
                        throw fail("bad topic:count '\(pair)'")
                    }
                    counts[w * K + k] = c
                }
                index += 1
            }
            models.append(LDAModel(language: language == "-" ? "" : language, terms: terms, topicCount: K, alpha: alpha,
                                   beta: beta, topicWordCounts: counts, documentCount: D, iterations: iterations, seed: seed))
        }
        return models
    }

    static func exact(_ v: Double) -> String { String(format: "%.17g", v) }

    static func escape(_ term: String) -> String {
        guard term.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" }) else { return term }
        return term.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ s: Substring) -> String {
        guard s.contains("\\") else { return String(s) }
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                out.append(c == "t" ? "\t" : c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }
}
