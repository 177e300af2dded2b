import WaveLexicon
import WaveText
import WaveThemes

/// Which targets of the gazetteer a document is about.
public enum Focus: Sendable, Hashable, Codable {
    /// No target is mentioned.
    case neither
    /// One target (its gazetteer key).
    case target(String)
    /// Two or more targets, the most mentioned first.
    case several([String])

    /// The label the tables write: the target's key, `both` for two targets,
    /// `several` for more, `neither` for none.
    public var label: String {
        switch self {
        case .neither: return "neither"
        case .target(let key): return key
        case .several(let keys): return keys.count == 2 ? "both" : "several"
        }
    }

    /// The focus of a document from its mentions (``TargetMentions/focus``: the
    /// targets with at least a third of the top target's mentions).
    public init(_ mentions: TargetMentions) {
        let keys = mentions.focus
        switch keys.count {
        case 0: self = .neither
        case 1: self = .target(keys[0])
        default: self = .several(keys)
        }
    }
}

extension Focus {
    /// The focus of a document by salience (``TargetSalience``): the salient
    /// targets, the most salient first; another target joins when its salience
    /// is at least a third of the top one's.
    public init(salience: [TargetSalience]) {
        let salient = salience.filter(\.isSalient).sorted { ($0.score, $1.target) > ($1.score, $0.target) }
        guard let top = salient.first else { self = .neither; return }
        let keys = salient.filter { $0.score * 3 >= top.score }.map(\.target)
        self = keys.count == 1 ? .target(keys[0]) : .several(keys)
    }
}

/// How prominent a target is in one document, for its focus.
///
/// The score adds 2 when the title names the target, 1 when the lead (the
/// first ``leadSentences`` sentences) does, and 15 × the share of the body's
/// sentences that name it (a target named in every tenth sentence gets 1.5).
/// A target is salient at a score of ``threshold`` (1.5) or more: a title
/// mention, a lead mention with a share of 3.4 %, or 10 % of the sentences
/// without either. In text of a language whose press treats the target as
/// home (the gazetteer's `home:`, Japan for Japanese), the score must be twice
/// that: 日本 said in passing in a Japanese gadget review is not a Japan focus.
/// Among the salient targets the ranking uses the plain scores.
public struct TargetSalience: Sendable, Hashable, Codable {
    public static let leadSentences = 3
    public static let threshold = 1.5
    /// How much more a home-country target needs.
    public static let homeFactor = 2.0

    public var target: String
    public var inTitle: Bool
    public var inLead: Bool
    /// Sentences naming the target, and all sentences of the body.
    public var sentences: Int
    public var sentenceCount: Int
    /// Whether the document's language is the target's home language.
    public var isHome: Bool

    public init(target: String, inTitle: Bool, inLead: Bool, sentences: Int, sentenceCount: Int, isHome: Bool) {
        self.target = target; self.inTitle = inTitle; self.inLead = inLead
        self.sentences = sentences; self.sentenceCount = sentenceCount; self.isHome = isHome
    }

    /// Share of the body's sentences that name the target.
    public var share: Double { sentenceCount == 0 ? 0 : Double(sentences) / Double(sentenceCount) }

    public var score: Double { (inTitle ? 2 : 0) + (inLead ? 1 : 0) + 15 * share }

    public var isSalient: Bool { score >= Self.threshold * (isHome ? Self.homeFactor : 1) }

    /// The salience of every target of `gazetteer` in a document with `mentions`
    /// in its body and `titleTargets` named in its title. `textSentences` are the
    /// body's sentences that hold text, in order (``TargetScope/textSentences(of:)``):
    /// the lead is the first three of them, the share is over them.
    public static func of(_ mentions: TargetMentions, titleTargets: Set<String>, textSentences: [Int],
                          language: Language, gazetteer: Gazetteer) -> [TargetSalience] {
        let lead = Set(textSentences.prefix(leadSentences))
        return gazetteer.targets.compactMap { target in
            let sentences = mentions.sentences[target.key] ?? []
            guard !sentences.isEmpty || titleTargets.contains(target.key) else { return nil }
            return TargetSalience(target: target.key, inTitle: titleTargets.contains(target.key),
                                  inLead: !sentences.isDisjoint(with: lead), sentences: sentences.count,
                                  sentenceCount: max(textSentences.count, sentences.count), isHome: target.home.contains(language))
        }
    }
}

/// The targets of a run, from the gazetteer, in its order.
public struct Targets: Sendable, Hashable {
    public struct Target: Sendable, Hashable {
        /// The gazetteer key (`japan`), used in column names (`sentiment_japan`).
        public var key: String
        /// The display name (`Japan`).
        public var label: String
        /// The gazetteer's entries of every language (`japan`, `日本`, `kdrama*` …), as written there.
        public var names: Set<String> = [] {
            didSet { prefixes = Self.prefixes(of: names) }
        }
        /// The entries ending in `*` without it (`kdrama`), found once rather than at every ``isName(_:)``.
        private var prefixes: [String] = []

        public init(key: String, label: String, names: Set<String> = []) {
            self.key = key
            self.label = label
            self.names = names
            prefixes = Self.prefixes(of: names)
        }

        /// Whether a term (normalized as counted) is one of the target's names: an entry,
        /// or a single word an entry ending in `*` is the prefix of.
        public func isName(_ term: String) -> Bool {
            if names.contains(term) { return true }
            guard !prefixes.isEmpty, !term.contains(" ") else { return false }
            return prefixes.contains { term.hasPrefix($0) }
        }

        private static func prefixes(of names: Set<String>) -> [String] {
            names.filter { $0.hasSuffix("*") && $0.count > 1 }.map { String($0.dropLast()) }.sorted()
        }
    }

    public var all: [Target]

    public init(_ gazetteer: Gazetteer) {
        all = gazetteer.targets.map { Target(key: $0.key, label: $0.label, names: Set($0.terms.values.joined())) }
    }

    public init(_ targets: [Target]) { all = targets }

    public var keys: [String] { all.map(\.key) }

    /// Focus labels in report order: each target, then the mixed labels, then `neither`.
    public var focusOrder: [String] {
        keys + (all.count > 2 ? ["both", "several"] : ["both"]) + ["neither"]
    }

    /// Pairs of targets compared by keyness (first against second, …), in order.
    public var pairs: [(target: Target, reference: Target)] {
        var pairs: [(Target, Target)] = []
        for i in all.indices { for j in all.indices where j > i { pairs.append((all[i], all[j])) } }
        return pairs
    }
}
