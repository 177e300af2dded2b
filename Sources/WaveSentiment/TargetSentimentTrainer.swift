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
/// With `balanced`, each class weighs in inversely to its frequency, so the
/// rarest class is not given up for macro-F1.
///
/// The fit (``Fit``): `.multinomial` is the logistic regression above; with
/// `.naiveBayes`, each class gets its own binary logistic regression (that
/// class against the other two) over the features scaled by their naive-Bayes
/// log-count ratio for the class (NB-LR, Wang & Manning 2012), and the three
/// decision values are the logits: the fitted weights times the ratios, so the
/// model file and the scorer stay the same; `.blend` fits both and keeps the mean
/// of their weights, so its logits are the mean of the two models' logits (a
/// geometric mean of their probabilities, a product of experts): still one
/// linear table, and the two fits err on different targets.
///
/// ``crossValidate(_:groups:folds:candidates:language:scorer:)`` measures
/// settings (penalty, class weighting) on the training sentences alone (folds by document, so the
/// sentences of one article never sit on both sides), which is how the shipped
/// settings are chosen: never on the held-out sentences.
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

    /// A featurized target: its features and its class (0 negative, 1 neutral, 2 positive).
    struct Row {
        var features: [(name: String, value: Double)]
        var label: Int
        var sentence: Int
    }

    public var minCount: Int
    public var l2: Double
    public var iterations: Int
    public var learningRate: Double
    public var balanced: Bool
    public var fit: Fit
    /// Name prefixes of features left out of the fit (to measure a feature family by cross-validation).
    public var drop: [String] = []

    /// How the weights are fitted.
    public enum Fit: String, Sendable, CaseIterable {
        /// Multinomial logistic regression.
        case multinomial = "lr"
        /// NB-LR: one-vs-rest logistic regressions over naive-Bayes-scaled features.
        case naiveBayes = "nb"
        /// The mean of the two fits' weights (and so of their logits).
        case blend = "blend"
    }

    public init(minCount: Int = 4, l2: Double = 3e-3, iterations: Int = 400, learningRate: Double = 0.05,
                balanced: Bool = false, fit: Fit = .multinomial) {
        self.minCount = minCount; self.l2 = l2; self.iterations = iterations; self.learningRate = learningRate
        self.balanced = balanced; self.fit = fit
    }

    /// The weights by feature for `language`, fitted on `examples` (featurized with `scorer`'s lexicon and tokenizer).
    public func train(_ examples: [Example], language: Language, scorer: TargetSentimentScorer) -> [String: [Double]] {
        fit(Self.rows(examples, language: language, scorer: scorer))
    }

    /// Every labelled target of `examples` as a row, in input order.
    static func rows(_ examples: [Example], language: Language, scorer: TargetSentimentScorer) -> [Row] {
        var rows: [Row] = []
        for (n, example) in examples.enumerated() {
            let features = scorer.features(text: example.text, targets: example.targets, language: language)
            for (f, label) in zip(features, example.labels) {
                guard let f, (-1...1).contains(label) else { continue }
                rows.append(Row(features: f.values, label: label + 1, sentence: n))
            }
        }
        return rows
    }

    /// The weights fitted on `rows`.
    func fit(_ rows: [Row]) -> [String: [Double]] {
        var counts: [String: Int] = [:]
        for row in rows { for (name, _) in row.features { counts[name, default: 0] += 1 } }
        let kept = counts.filter { entry in
            (!entry.key.contains(":") || entry.value >= minCount) && !drop.contains { entry.key.hasPrefix($0) }
        }.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        // The rows as flat arrays (feature index, value), row k at starts[k]..<starts[k + 1].
        var columns: [Int] = [], values: [Double] = [], starts: [Int] = [0], labels: [Int] = []
        for row in rows {
            for f in row.features { if let j = index[f.name] { columns.append(j); values.append(f.value) } }
            starts.append(columns.count)
            labels.append(row.label)
        }
        let n = kept.count
        guard n > 0, !labels.isEmpty else { return [:] }
        var classWeight = [1.0, 1.0, 1.0]
        if balanced {
            var perClass = [0, 0, 0]
            for label in labels { perClass[label] += 1 }
            for c in 0..<3 where perClass[c] > 0 { classWeight[c] = Double(labels.count) / (3 * Double(perClass[c])) }
        }
        let sparse = SparseRows(columns: columns, values: values, starts: starts, labels: labels)
        let w: [Double]
        switch fit {
        case .multinomial: w = fitMultinomial(sparse, features: n, classWeight: classWeight)
        case .naiveBayes: w = fitNaiveBayes(sparse, features: n, classWeight: classWeight)
        case .blend:
            let a = fitMultinomial(sparse, features: n, classWeight: classWeight)
            let b = fitNaiveBayes(sparse, features: n, classWeight: classWeight)
            w = zip(a, b).map { ($0 + $1) / 2 }
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

    /// Training rows as flat arrays: row k's (feature index, value) pairs at starts[k]..<starts[k + 1].
    struct SparseRows {
        var columns: [Int], values: [Double], starts: [Int], labels: [Int]
    }

    /// Multinomial logistic regression: weights [feature * 3 + class].
    func fitMultinomial(_ rows: SparseRows, features: Int, classWeight: [Double]) -> [Double] {
        var w = [Double](repeating: 0, count: features * 3)
        var m = w, v = w
        var gradient = w
        let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
        let scale = 1 / Double(rows.labels.count)
        for step in 1...max(1, iterations) {
            for k in gradient.indices { gradient[k] = 0 }
            for r in rows.labels.indices {
                var l0 = 0.0, l1 = 0.0, l2 = 0.0
                for k in rows.starts[r]..<rows.starts[r + 1] {
                    let j = rows.columns[k] * 3, x = rows.values[k]
                    l0 += w[j] * x; l1 += w[j + 1] * x; l2 += w[j + 2] * x
                }
                let top = max(l0, l1, l2)
                let e0 = exp(l0 - top), e1 = exp(l1 - top), e2 = exp(l2 - top)
                let total = e0 + e1 + e2
                let label = rows.labels[r], weight = classWeight[label] * scale
                let error0 = (e0 / total - (label == 0 ? 1 : 0)) * weight
                let error1 = (e1 / total - (label == 1 ? 1 : 0)) * weight
                let error2 = (e2 / total - (label == 2 ? 1 : 0)) * weight
                for k in rows.starts[r]..<rows.starts[r + 1] {
                    let j = rows.columns[k] * 3, x = rows.values[k]
                    gradient[j] += error0 * x; gradient[j + 1] += error1 * x; gradient[j + 2] += error2 * x
                }
            }
            let correction1 = 1 - pow(beta1, Double(step)), correction2 = 1 - pow(beta2, Double(step))
            for k in 0..<(features * 3) {
                let g = gradient[k] + l2 * w[k]
                m[k] = beta1 * m[k] + (1 - beta1) * g
                v[k] = beta2 * v[k] + (1 - beta2) * g * g
                w[k] -= learningRate * (m[k] / correction1) / ((v[k] / correction2).squareRoot() + epsilon)
            }
        }
        return w
    }

    /// Mean macro-F1 over `folds` folds of `examples` for each of `candidates`
    /// (trainers with their own penalty and class weighting), each fold held
    /// out in turn and the model fitted on the others. Sentences with the same
    /// `groups` value (their document) share a fold: fold = FNV-1a(group) mod
    /// `folds`. Features are computed once, with this trainer's `scorer`.
    public static func crossValidate(_ examples: [Example], groups: [String], folds: Int,
                                     candidates: [TargetSentimentTrainer], language: Language,
                                     scorer: TargetSentimentScorer) -> [Double] {
        let rows = Self.rows(examples, language: language, scorer: scorer)
        let folds = max(folds, 1)
        let foldOf = rows.map { $0.sentence < groups.count ? Int(fnv1a(groups[$0.sentence]) % UInt64(folds)) : 0 }
        return candidates.map { trainer in
            var confusion = [[Int]](repeating: [0, 0, 0], count: 3)
            for fold in 0..<folds {
                let training = rows.indices.filter { foldOf[$0] != fold }.map { rows[$0] }
                let model = TargetSentimentModel(weights: [language: trainer.fit(training)])
                for k in rows.indices where foldOf[k] == fold {
                    let p = model.probabilities(rows[k].features, language: language)
                    let predicted = p[1] >= p[0] && p[1] >= p[2] ? 1 : (p[2] > p[0] ? 2 : 0)
                    confusion[rows[k].label][predicted] += 1
                }
            }
            return macroF1(confusion)
        }
    }

    /// Macro-F1 of a 3 × 3 confusion matrix (rows: true class, columns: predicted).
    static func macroF1(_ confusion: [[Int]]) -> Double {
        var sum = 0.0
        for c in 0..<3 {
            let tp = Double(confusion[c][c])
            let predicted = Double(confusion.reduce(0) { $0 + $1[c] }), actual = Double(confusion[c].reduce(0, +))
            let p = predicted == 0 ? 0 : tp / predicted, r = actual == 0 ? 0 : tp / actual
            sum += p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
        return sum / 3
    }

    /// FNV-1a, 64 bits, of the UTF-8 bytes of `s` (the split of the dev data by id).
    public static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
