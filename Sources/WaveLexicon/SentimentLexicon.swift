import Foundation
import WaveText
import Yams

/// Sentiment valences per language, plus the rule words (negators,
/// intensifiers, diminishers, contrast markers) the scorer uses.
///
/// Lexicon files are tab-separated: `entry<TAB>valence`, valence from −4 to +4,
/// `#` comment lines; extra columns are ignored, so a VADER-format file
/// (`token<TAB>mean<TAB>sd<TAB>ratings`) loads as is. Entries follow the
/// dictionary rules: phrases with spaces, `prefix*` globs.
public struct SentimentLexicon: Sendable {
    /// Rule words for one language.
    public struct Rules: Sendable, Hashable {
        public enum NegationPosition: String, Sendable, Hashable { case before, after, both }
        public var negators: [String] = []
        /// With `negation_position: both`, the negators that may stand before
        /// the word they negate (Korean 안, 못); the others only follow it.
        /// Empty: every negator may stand on either side.
        public var negatorsBefore: [String] = []
        public var negationPosition: NegationPosition = .before
        /// Word → added multiplier (0.3 means ×1.3).
        public var intensifiers: [String: Double] = [:]
        /// Word → added multiplier (−0.3 means ×0.7).
        public var diminishers: [String: Double] = [:]
        public var contrast: [String] = []
        /// Concessive words ("although", "despite"): the clause they open,
        /// up to the next punctuation, weighs less than the rest of the sentence.
        public var concessive: [String] = []
        /// Words of change ("increase", 増加, 감소) whose polarity turns around
        /// when what changes is itself bad (an ``inverting`` word in the same clause).
        public var directional: [String] = []
        /// Things that are bad to have more of ("costs", 赤字, 적자): a
        /// ``directional`` hit in the same clause is inverted.
        public var inverting: [String] = []
        public init() {}
    }

    /// Valences per language: entry → valence.
    public var valences: [Language: [String: Double]]
    public var rules: [Language: Rules]
    /// Files the lexicon was read from.
    public var sources: [String]

    public init(valences: [Language: [String: Double]] = [:], rules: [Language: Rules] = [:], sources: [String] = []) {
        self.valences = valences
        self.rules = rules
        self.sources = sources
    }

    /// Number of valence entries per language.
    public var counts: [Language: Int] { valences.mapValues(\.count) }

    /// Parses a lexicon file (TSV). Later entries replace earlier ones.
    public static func parseValences(_ text: String, source: String) throws -> [String: Double] {
        var result: [String: Double] = [:]
        var lineNumber = 0
        for rawLine in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            while line.utf8.last == 0x0D { line = line.dropLast() }
            while line.utf8.first == 0x0D { line = line.dropFirst() }
            let check = trimmed(line)
            if check.isEmpty || check.utf8.first == 0x23 { continue }   // #
            guard let tab = line.utf8.firstIndex(of: 0x09) else {
                throw LexiconError(.syntax, source: source, line: lineNumber,
                                     reason: "expected `entry<TAB>valence`, found no tab")
            }
            let entry = trimmed(line[line.startIndex..<tab])
            guard !entry.isEmpty else {
                throw LexiconError(.invalidEntry, source: source, line: lineNumber, reason: "empty entry")
            }
            let afterTab = line.utf8.index(after: tab)
            let rest = line[afterTab...]
            let field = rest.utf8.firstIndex(of: 0x09).map { rest[rest.startIndex..<$0] } ?? rest
            guard let value = Double(trimmed(field)), value.isFinite, (-10...10).contains(value) else {
                throw LexiconError(.invalidEntry, source: source, line: lineNumber,
                                     reason: "valence `\(field)` is not a number from -10 to 10")
            }
            result[String(entry)] = value
        }
        return result
    }

    /// `text` without leading and trailing whitespace, on
    /// bytes for ASCII spaces and tabs; other Unicode spaces at either end go
    /// through Foundation.
    static func trimmed(_ text: Substring) -> Substring {
        let utf8 = text.utf8
        var lower = utf8.startIndex, upper = utf8.endIndex
        while lower < upper, utf8[lower] == 0x20 || utf8[lower] == 0x09 {
            lower = utf8.index(after: lower)
        }
        while lower < upper {
            let before = utf8.index(before: upper)
            let b = utf8[before]
            guard b == 0x20 || b == 0x09 else { break }
            upper = before
        }
        let result = text[lower..<upper]
        if let first = result.unicodeScalars.first, let last = result.unicodeScalars.last,
           (!first.isASCII && first.properties.isWhitespace) || (!last.isASCII && last.properties.isWhitespace) {
            return Substring(result.trimmingCharacters(in: .whitespaces))
        }
        return result
    }

    /// Parses the rules file (YAML, one mapping per language code).
    public static func parseRules(_ text: String, source: String) throws -> [Language: Rules] {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw LexiconError(.syntax, source: source, line: YAMLSupport.line(of: error),
                                 reason: "not valid YAML: \(YAMLSupport.describe(error))")
        }
        guard let map = root?.mapping else {
            throw LexiconError(.syntax, source: source, line: 1, reason: "expected a mapping of language codes")
        }
        var result: [Language: Rules] = [:]
        for (keyNode, body) in map {
            guard let key = keyNode.string, key != "version" else { continue }
            guard let fields = body.mapping else {
                throw LexiconError(.syntax, source: source, line: YAMLSupport.line(body),
                                     reason: "rules for `\(key)` must be a mapping")
            }
            var rules = Rules()
            if let n = fields["negators"] { rules.negators = try YAMLSupport.strings(n, what: "negators", source: source) }
            if let n = fields["negators_before"] { rules.negatorsBefore = try YAMLSupport.strings(n, what: "negators_before", source: source) }
            if let c = fields["contrast"] { rules.contrast = try YAMLSupport.strings(c, what: "contrast", source: source) }
            if let c = fields["concessive"] { rules.concessive = try YAMLSupport.strings(c, what: "concessive", source: source) }
            if let d = fields["directional"] { rules.directional = try YAMLSupport.strings(d, what: "directional", source: source) }
            if let i = fields["inverting"] { rules.inverting = try YAMLSupport.strings(i, what: "inverting", source: source) }
            if let p = fields["negation_position"] {
                guard let value = p.string.flatMap(Rules.NegationPosition.init(rawValue:)) else {
                    throw LexiconError(.invalidEntry, source: source, line: YAMLSupport.line(p),
                                         reason: "negation_position must be before, after or both")
                }
                rules.negationPosition = value
            }
            rules.intensifiers = try weights(fields["intensifiers"], what: "intensifiers", source: source)
            rules.diminishers = try weights(fields["diminishers"], what: "diminishers", source: source)
            result[Language(key.lowercased())] = rules
        }
        return result
    }

    private static func weights(_ node: Node?, what: String, source: String) throws -> [String: Double] {
        guard let node else { return [:] }
        guard let map = node.mapping else {
            throw LexiconError(.syntax, source: source, line: YAMLSupport.line(node),
                                 reason: "\(what) must map words to numbers")
        }
        var result: [String: Double] = [:]
        for (k, v) in map {
            guard let word = k.string, let value = v.float ?? v.int.map(Double.init) else {
                throw LexiconError(.invalidEntry, source: source, line: YAMLSupport.line(k),
                                     reason: "\(what): `\(k.string ?? "?")` needs a number")
            }
            result[word] = value
        }
        return result
    }

    /// Adds or replaces entries for `language` from a lexicon file.
    public mutating func load(contentsOf url: URL, language: Language) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw LexiconError(.unreadable, source: url.path, reason: "cannot read the file as UTF-8")
        }
        try load(text: text, source: url.path, language: language)
    }

    /// Adds or replaces entries for `language` from lexicon text read from `source`.
    public mutating func load(text: String, source: String, language: Language) throws {
        valences[language, default: [:]].merge(try Self.parseValences(text, source: source)) { _, new in new }
        sources.append(source)
    }

    /// The lexicons and rules that ship with Wavelength (English, Japanese, Korean),
    /// embedded in the binary (``ShippedData``).
    public static func shipped() throws -> SentimentLexicon {
        var lexicon = SentimentLexicon()
        let emoji = try ShippedData.text("sentiment-emoji.tsv"), emojiSource = ShippedData.label("sentiment-emoji.tsv")
        for language in [Language.english, .japanese, .korean] {
            try lexicon.load(text: emoji, source: emojiSource, language: language)
            let name = "sentiment-\(language.rawValue).tsv"
            try lexicon.load(text: ShippedData.text(name), source: ShippedData.label(name), language: language)
        }
        lexicon.sources.removeAll { $0 == emojiSource }
        lexicon.sources.append(emojiSource)
        let rules = "sentiment-rules.yaml"
        lexicon.rules = try parseRules(ShippedData.text(rules), source: ShippedData.label(rules))
        lexicon.sources.append(ShippedData.label(rules))
        return lexicon
    }
}
