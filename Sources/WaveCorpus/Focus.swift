import WaveLexicon
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

/// The targets of a run, from the gazetteer, in its order.
public struct Targets: Sendable, Hashable {
    public struct Target: Sendable, Hashable {
        /// The gazetteer key (`japan`), used in column names (`sentiment_japan`).
        public var key: String
        /// The display name (`Japan`).
        public var label: String
    }

    public var all: [Target]

    public init(_ gazetteer: Gazetteer) {
        all = gazetteer.targets.map { Target(key: $0.key, label: $0.label) }
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
