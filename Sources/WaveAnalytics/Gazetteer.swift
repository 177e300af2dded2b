import Foundation
import WaveText
import Yams

/// Names that mark a sentence as mentioning a target (Japan, Korea): places,
/// institutions, companies, groups, people and works, per language.
public struct Gazetteer: Sendable {
    public struct Target: Sendable, Hashable {
        public var key: String
        public var label: String
        public var terms: [Language: [String]]
    }

    public var targets: [Target]
    public var source: String

    public init(targets: [Target], source: String) {
        self.targets = targets
        self.source = source
    }

    /// Reads a gazetteer YAML file (`targets:` → key → `label`, `terms: {lang: […]}`).
    public init(contentsOf url: URL) throws {
        try self.init(yaml: try YAMLSupport.readText(url), source: url.path)
    }

    public init(yaml: String, source: String) throws {
        let root = try YAMLSupport.compose(yaml, source: source)
        guard let targetsNode = root?.mapping?["targets"], let map = targetsNode.mapping else {
            throw AnalyticsError(.syntax, source: source, line: 1, reason: "expected `targets:` with a mapping of targets")
        }
        var targets: [Target] = []
        for (keyNode, body) in map {
            guard let key = keyNode.string, let fields = body.mapping else {
                throw AnalyticsError(.syntax, source: source, line: YAMLSupport.line(keyNode),
                                     reason: "each target must be a mapping with `label` and `terms`")
            }
            var terms: [Language: [String]] = [:]
            if let byLanguage = fields["terms"]?.mapping {
                for (langNode, list) in byLanguage {
                    guard let lang = langNode.string else { continue }
                    terms[Language(lang.lowercased())] = try YAMLSupport.strings(list, what: "terms of `\(key)`", source: source)
                }
            }
            targets.append(Target(key: key, label: fields["label"]?.string ?? key, terms: terms))
        }
        self.init(targets: targets, source: source)
    }

    /// The gazetteer that ships with Wavelength (Japan and Korea).
    public static func shipped() throws -> Gazetteer {
        try Gazetteer(contentsOf: ShippedData.url("gazetteer.yaml"))
    }
}

/// Which sentences of a document mention each target.
public struct TargetMentions: Sendable, Hashable {
    /// Sentence indices per target key.
    public var sentences: [String: Set<Int>]
    /// Mention counts per target key.
    public var counts: [String: Int]

    /// The country focus: the target keys mentioned, the most mentioned first;
    /// a target counts when it has at least a third of the top target's mentions.
    public var focus: [String] {
        guard let top = counts.values.max(), top > 0 else { return [] }
        return counts.filter { $0.value * 3 >= top }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }
}

/// Finds gazetteer mentions in documents.
public struct MentionFinder: Sendable {
    private let list: TermList<String>
    /// `list` as byte tries for the languages written with spaces (same matches, faster on long texts).
    private let tries: [Language: TermTrie<String>]
    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer, tokenizer: Tokenizer) {
        self.gazetteer = gazetteer
        var entries: [TermList<String>.Entry] = []
        for target in gazetteer.targets {
            for (language, terms) in target.terms {
                entries += terms.map { .init(text: $0, language: language, payload: target.key) }
            }
        }
        let list = TermList(entries: entries, tokenizer: tokenizer)
        self.list = list
        var tries: [Language: TermTrie<String>] = [:]
        for language in Set(entries.map(\.language)) where !TermList<String>.unspaced.contains(language) {
            tries[language] = TermTrie(phrases: list.phrases[language] ?? [:], globs: list.globs[language] ?? [:])
        }
        self.tries = tries
    }

    public func mentions(in document: TokenizedDocument) -> TargetMentions {
        var sentences: [String: Set<Int>] = [:]
        var counts: [String: Int] = [:]
        for match in tries[document.language].map({ $0.matches(in: document.tokens) }) ?? list.matches(in: document) {
            sentences[match.payload, default: []].insert(document.tokens[match.tokens.lowerBound].sentence)
            counts[match.payload, default: 0] += 1
        }
        return TargetMentions(sentences: sentences, counts: counts)
    }
}
