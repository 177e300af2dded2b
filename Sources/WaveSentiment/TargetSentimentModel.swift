import Foundation
import WaveLexicon
import WaveText

/// Weights of a linear model over ``TargetFeatures`` (fitted by
/// ``TargetSentimentTrainer``: multinomial logistic regression, NB-LR or their
/// mean), per language: for each feature, one weight per class (negative,
/// neutral, positive); softmax over the three sums gives the probabilities.
///
/// File format (`target-sentiment-model.tsv`, UTF-8): lines starting with `#`
/// are comments; every other line is `language<TAB>feature<TAB>negative<TAB>neutral<TAB>positive`.
/// A language without lines is scored with the fixed ``rules`` weights.
public struct TargetSentimentModel: Sendable {

    /// Weights by language and feature name.
    public var weights: [Language: [String: [Double]]]

    public init(weights: [Language: [String: [Double]]] = [:]) { self.weights = weights }

    /// Where a score stops counting as neutral.
    public static let neutralBand = 0.05

    /// Fixed weights on the language-independent features, for a language with
    /// no trained model (Korean): a hit in the target's clause counts fully,
    /// one in another clause a third, one across a contrast or comparison
    /// marker a half *against* the target, quoted words less; below a total
    /// evidence of about 0.35 the sentence is neutral toward the target.
    public static let rules: [String: [Double]] = {
        let positive: [String: Double] = ["same+": 2.4, "same-": 2.8, "other+": 0.8, "other-": 1.0,
                                          "cross+": -1.2, "cross-": -1.2, "own": 0.6, "quoted": -0.6, "near": 0.8]
        var table: [String: [Double]] = ["bias": [0, 0.9, 0]]
        for (name, w) in positive { table[name] = [-w, 0, w] }
        return table
    }()

    /// How much the fixed ``rules`` add to a trained language's logits. The
    /// English training data seldom holds an explicit contrast between two
    /// mentions (NewsMTSC: 8 % of targets are in sentences whose targets
    /// disagree), so its fitted weights of the scope features stay small and
    /// the rules are added at a quarter to keep "X thrived, but Y failed"
    /// apart, at a cost measured on held-out sentences (`BENCHMARKS.md`,
    /// section 7). chABSA is full of such sentences (42 %): Japanese keeps its
    /// fitted weights alone.
    public static let ruleBlend: [Language: Double] = [.english: 0.25]

    /// The class probabilities (negative, neutral, positive) of `features` in `language`.
    func probabilities(_ features: [(name: String, value: Double)], language: Language) -> [Double] {
        var logits = [0.0, 0.0, 0.0]
        func add(_ table: [String: [Double]], _ scale: Double) {
            for (name, value) in features {
                guard let w = table[name], w.count == 3 else { continue }
                logits[0] += w[0] * value * scale; logits[1] += w[1] * value * scale; logits[2] += w[2] * value * scale
            }
        }
        if let table = weights[language] {
            add(table, 1)
            if let blend = Self.ruleBlend[language] { add(Self.rules, blend) }
        } else {
            add(Self.rules, 1)
        }
        let top = logits.max() ?? 0
        let e = logits.map { exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    /// The score of `features`: P(positive) − P(negative), kept inside the
    /// neutral band when neutral is the most likely class and outside it otherwise.
    func score(_ features: TargetFeatures?, language: Language) -> Double {
        guard let features else { return 0 }
        let p = probabilities(features.values, language: language)
        let s = p[2] - p[0]
        let band = Self.neutralBand
        if p[1] >= p[0] && p[1] >= p[2] { return s * (band - 0.001) }
        return p[2] > p[0] ? max(s, band) : min(s, -band)
    }

    /// Reads a model file.
    /// - Throws: ``LexiconError`` (`syntax`) for a line that is not five
    ///   tab-separated fields with three finite numbers.
    public static func parse(_ text: String, source: String) throws -> TargetSentimentModel {
        var weights: [Language: [String: [Double]]] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let numbers = fields.dropFirst(2).compactMap { Double($0) }.filter(\.isFinite)
            guard fields.count == 5, !fields[0].isEmpty, !fields[1].isEmpty, numbers.count == 3 else {
                throw LexiconError(.syntax, source: source, line: n + 1,
                                   reason: "expected language, feature and three numbers separated by tabs")
            }
            weights[Language(String(fields[0])), default: [:]][String(fields[1])] = numbers
        }
        return TargetSentimentModel(weights: weights)
    }

    /// The model file that ships with Wavelength.
    public static func shipped() throws -> TargetSentimentModel {
        let name = "target-sentiment-model.tsv"
        guard ShippedData.names.contains(name) else { return TargetSentimentModel() }
        return try parse(ShippedData.text(name), source: ShippedData.label(name))
    }

    static let shippedOrRules: TargetSentimentModel = (try? shipped()) ?? TargetSentimentModel()

    /// The model as file text, features sorted, weights to four decimals.
    public func fileText(header: String) -> String {
        var out = header.split(separator: "\n").map { "# \($0)\n" }.joined()
        for language in weights.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            for (name, w) in weights[language, default: [:]].sorted(by: { $0.key < $1.key }) {
                out += "\(language.rawValue)\t\(name)\t" + w.map { String(format: "%.4f", $0) }.joined(separator: "\t") + "\n"
            }
        }
        return out
    }
}
