import Foundation
import WaveLexicon
import WaveText

/// Fits a ``TargetSentimentModel`` for one language from sentences whose
/// mentions carry a label (negative, neutral, positive).
///
/// Multinomial logistic regression with an L2 penalty, fitted by full-batch
/// gradient descent with Adam steps from zero weights: no randomness, and
/// sums taken in input order, so the same data gives the same model bit for bit.
/// Lexical features (``TargetFeatures``: words around the target) seen in fewer
/// than `minCount` training targets are dropped; the language-independent ones are always kept.
public struct TargetSentimentTrainer: Sendable {
    /// One sentence with its targets (code-point ranges) and their labels (−1, 0, +1).
    public struct Example: Sendable {
        public var text: String
        public var targets: [Range<Int>]
        public var labels: [Int]
        public init(text: String, targets: [Range<Int>], labels: [Int]) {
            self.text = text; self.targets = targets; self.labels = labels
        }
    }

    public var minCount: Int
    public var l2: Double
    public var iterations: Int
    public var learningRate: Double

    public init(minCount: Int = 4, l2: Double = 3e-3, iterations: Int = 400, learningRate: Double = 0.05) {
        self.minCount = minCount; self.l2 = l2; self.iterations = iterations; self.learningRate = learningRate
    }

    /// The weights by feature for `language`, fitted on `examples` (featurized with `scorer`'s lexicon and tokenizer).
    public func train(_ examples: [Example], language: Language, scorer: TargetSentimentScorer) -> [String: [Double]] {
        // Featurize every target.
        var rows: [(features: [(name: String, value: Double)], label: Int)] = []
        for example in examples {
            let features = scorer.features(text: example.text, targets: example.targets, language: language)
            for (f, label) in zip(features, example.labels) {
                guard let f, (-1...1).contains(label) else { continue }
                rows.append((f.values, label + 1))
            }
        }
        var counts: [String: Int] = [:]
        for row in rows { for (name, _) in row.features { counts[name, default: 0] += 1 } }
        let kept = counts.filter { !$0.key.contains(":") || $0.value >= minCount }.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        let data: [(features: [(Int, Double)], label: Int)] = rows.map { row in
            (row.features.compactMap { f in index[f.name].map { ($0, f.value) } }, row.label)
        }
        let n = kept.count
        guard n > 0, !data.isEmpty else { return [:] }
        var w = [Double](repeating: 0, count: n * 3)
        var m = w, v = w
        let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
        let scale = 1 / Double(data.count)
        for step in 1...max(1, iterations) {
            var gradient = [Double](repeating: 0, count: n * 3)
            for row in data {
                var logits = [0.0, 0.0, 0.0]
                for (j, x) in row.features {
                    logits[0] += w[j * 3] * x; logits[1] += w[j * 3 + 1] * x; logits[2] += w[j * 3 + 2] * x
                }
                let top = logits.max() ?? 0
                let e = logits.map { exp($0 - top) }
                let total = e[0] + e[1] + e[2]
                for c in 0..<3 {
                    let error = e[c] / total - (c == row.label ? 1 : 0)
                    for (j, x) in row.features { gradient[j * 3 + c] += error * x * scale }
                }
            }
            let correction1 = 1 - pow(beta1, Double(step)), correction2 = 1 - pow(beta2, Double(step))
            for k in 0..<(n * 3) {
                let g = gradient[k] + l2 * w[k]
                m[k] = beta1 * m[k] + (1 - beta1) * g
                v[k] = beta2 * v[k] + (1 - beta2) * g * g
                w[k] -= learningRate * (m[k] / correction1) / ((v[k] / correction2).squareRoot() + epsilon)
            }
        }
        var table: [String: [Double]] = [:]
        for (j, name) in kept.enumerated() {
            let weights = [w[j * 3], w[j * 3 + 1], w[j * 3 + 2]]
            // Weights too small to change a decision are left out of the file.
            if name == "bias" || !name.contains(":") || weights.contains(where: { abs($0) >= 0.01 }) {
                table[name] = weights.map { ($0 * 10_000).rounded() / 10_000 }
            }
        }
        return table
    }
}
