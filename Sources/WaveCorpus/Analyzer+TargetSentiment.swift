import WaveText
import WaveThemes
import WaveSentiment

/// Sentiment toward one target in one document, pooled from its mentions.
public struct TargetSentiment: Sendable, Hashable, Codable {
    /// The mean of the mentions' scores, −1…+1. A mean, not a sum: an article
    /// that praises a target in one place and criticises it in another reads
    /// near 0, and many mentions do not push the score toward ±1.
    public var score: Double
    /// Mentions scored (a sentence naming the target twice counts twice).
    public var mentions: Int
    /// Distinct sentences holding them.
    public var sentences: Int

    public init(score: Double, mentions: Int, sentences: Int) {
        self.score = score; self.mentions = mentions; self.sentences = sentences
    }

    /// Per target key, the mean of `scores` (one per mention, in the order of `mentions`).
    static func pooled(_ mentions: [TargetMention], scores: [Double]) -> [String: TargetSentiment] {
        var sums: [String: (total: Double, count: Int, sentences: Set<Int>)] = [:]
        for (mention, score) in zip(mentions, scores) {
            sums[mention.target, default: (0, 0, [])].total += score
            sums[mention.target, default: (0, 0, [])].count += 1
            sums[mention.target, default: (0, 0, [])].sentences.insert(mention.sentence)
        }
        return sums.mapValues { TargetSentiment(score: $0.total / Double($0.count), mentions: $0.count,
                                                sentences: $0.sentences.count) }
    }
}

/// A mention as the target-dependent scorer sees it: a sentence's text and the
/// mention's span in it, in Unicode code points (end exclusive).
struct MentionInSentence: Sendable, Hashable {
    var sentence: Int
    var text: String
    var targets: [Range<Int>]
}

extension Analyzer {
    /// The sentiment toward each mention, in the order of `mentions`: each
    /// sentence that names a target is scored once by the target-dependent
    /// scorer (``TargetSentimentScorer``) with all its mentions' spans, so a
    /// comparison ("Korea thrived; Japan, by contrast, stalled") gives each
    /// target its own score.
    func mentionScores(_ mentions: [TargetMention], in document: TokenizedDocument) -> [Double] {
        let (groups, positions) = Self.mentionsBySentence(mentions, in: document)
        let scored = groups.map { targetSentiment.scores(text: $0.text, targets: $0.targets, language: document.language) }
        return positions.map { p in
            p.group < scored.count && p.target < scored[p.group].count ? scored[p.group][p.target] : 0
        }
    }

    /// The mentions grouped by sentence, each sentence with its text and the
    /// mentions' code-point spans in it (for a target-dependent scorer), and
    /// the index of each mention in the result (`positions[i]` = (group, target);
    /// `Int.max` as group for a mention outside the sentences, which cannot happen
    /// for the mentions of a document's own tokens).
    static func mentionsBySentence(_ mentions: [TargetMention], in document: TokenizedDocument)
        -> (groups: [MentionInSentence], positions: [(group: Int, target: Int)]) {
        var groups: [MentionInSentence] = []
        var groupOf: [Int: Int] = [:]
        var positions: [(group: Int, target: Int)] = []
        let utf8 = document.text.utf8
        for mention in mentions {
            guard mention.sentence < document.sentences.count else { positions.append((Int.max, 0)); continue }
            let sentence = document.sentences[mention.sentence]
            let g: Int
            if let known = groupOf[mention.sentence] { g = known } else {
                g = groups.count
                groupOf[mention.sentence] = g
                groups.append(MentionInSentence(sentence: mention.sentence, text: String(document.text(of: sentence)), targets: []))
            }
            let start = max(sentence.range.lowerBound, min(mention.range.lowerBound, sentence.range.upperBound))
            let end = max(start, min(mention.range.upperBound, sentence.range.upperBound))
            let base = utf8.index(utf8.startIndex, offsetBy: sentence.range.lowerBound)
            let from = utf8.index(utf8.startIndex, offsetBy: start), to = utf8.index(utf8.startIndex, offsetBy: end)
            let lower = document.text.unicodeScalars[base..<from].count
            let upper = lower + document.text.unicodeScalars[from..<to].count
            positions.append((g, groups[g].targets.count))
            groups[g].targets.append(lower..<upper)
        }
        return (groups, positions)
    }
}
