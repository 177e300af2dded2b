import ArgumentParser
import Foundation
import WaveLexicon
import WaveSentiment
import WaveText

/// `WaveBench target-sentiment-train [--data DIR] [--out FILE]`: fits the
/// target-dependent sentiment model (``TargetSentimentTrainer``) for English
/// (`newsmtsc-train.jsonl`) and Japanese (`chabsa-targets.jsonl`) on the
/// training part of the development data, prints the figures on the held-out
/// part, and with `--out` writes the model file that ships
/// (`Sources/WaveLexicon/Resources/target-sentiment-model.tsv`).
///
/// Split: by document. A sentence is held out when FNV-1a (64-bit) of its
/// document (``document(ofID:)``), modulo 5, equals `--fold` (0 by default):
/// about 20 % of the articles (reports), held out whole, the same ones in every
/// run and in `scripts/eval_target_sentiment.py`, so no held-out sentence shares
/// a document with a training sentence. `--unit sentence` hashes the sentence id
/// instead (the split before 2026-12-07, kept only to compare with older figures).
struct TargetSentimentTrain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "target-sentiment-train",
                                                    abstract: "Train and measure the target sentiment model.")

    @Option(help: "Folder with newsmtsc-train.jsonl and chabsa-targets.jsonl.")
    var data = "../shared/data/target-sentiment-dev"
    @Option(help: "Write the model trained on the training part here.") var out: String?
    @Option(help: "Which fifth of the sentences (by the --unit hash) is held out, 0–4.") var fold = 0
    @Option(help: "What the held-out split hashes: document (default) or sentence (its id; the old split).")
    var unit = "document"
    @Option(help: "Gradient descent iterations.") var iterations = 400
    @Option(help: "L2 penalty (with --cv: the candidates, comma-separated).") var l2 = "3e-3"
    @Option(help: "Choose the L2 penalty by K-fold cross-validation on the training part (folds by document), 0 = off.")
    var cv = 0
    @Option(help: "Weigh the classes inversely to their frequency: yes, no, or cv (let --cv choose per language); or per language, `en:no,ja:yes`.")
    var balanced = "no"
    @Option(help: "Minimum count of a lexical feature.") var minCount = 4
    @Option(help: "The fit: lr (multinomial logistic regression), nb (NB-LR: one-vs-rest over naive-Bayes-scaled features), blend (the mean of both fits' weights), or cv (let --cv choose per language).")
    var fit = "lr"
    @Option(help: "Feature name prefixes to leave out, comma-separated (`same,other,cross`; `S:` the sentence's words). With --cv: alternatives separated by `;` (an empty one keeps every feature), chosen by cross-validation.")
    var drop = ""
    @Option(help: "Write every target's features as JSON lines here (for prototyping outside Swift), then stop.")
    var dumpFeatures: String?

    private struct Line: Decodable {
        struct Target: Decodable { var from: Int, to: Int, polarity: String }
        var id: String, text: String, targets: [Target]
    }

    static func fnv1a(_ s: String) -> UInt64 { TargetSentimentTrainer.fnv1a(s) }

    static func describe(_ fit: TargetSentimentTrainer.Fit) -> String {
        switch fit {
        case .multinomial: "multinomial LR"
        case .naiveBayes: "NB-LR"
        case .blend: "mean of multinomial LR and NB-LR"
        }
    }

    /// The document a dev sentence comes from: NewsMTSC ids are `source_article_n_…`
    /// (the first three `_` fields), chABSA ids `report-sentence` (before the `-`).
    static func document(ofID id: String) -> String {
        if let dash = id.firstIndex(of: "-"), !id[..<dash].contains("_") { return String(id[..<dash]) }
        return id.split(separator: "_", omittingEmptySubsequences: false).prefix(3).joined(separator: "_")
    }

    /// The `--drop` alternatives, each a list of name prefixes.
    var dropSets: [[String]] {
        drop.split(separator: ";", omittingEmptySubsequences: false).map { set in
            set.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// The `--balanced` setting (yes, no or cv) for `language`: the one value, or that language's in `en:no,ja:yes`.
    func balancing(_ language: Language) -> String {
        guard balanced.contains(":") else { return balanced }
        for item in balanced.split(separator: ",") {
            let parts = item.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 && parts[0] == language.rawValue { return parts[1] }
        }
        return "no"
    }

    var penalties: [Double] { l2.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        if !(0..<5).contains(fold) { throw ValidationError("--fold must be 0 to 4") }
        if !["document", "sentence"].contains(unit) { throw ValidationError("--unit must be document or sentence") }
        if !(0...20).contains(cv) || cv == 1 { throw ValidationError("--cv must be 0 (off) or 2 to 20") }
        if penalties.isEmpty || penalties.contains(where: { !$0.isFinite || $0 < 0 }) {
            throw ValidationError("--l2 must be one or more non-negative numbers separated by commas")
        }
        let balancings = [Language.english, .japanese].map(balancing)
        if !balancings.allSatisfy({ ["yes", "no", "cv"].contains($0) }) {
            throw ValidationError("--balanced must be yes, no or cv, or per language (en:no,ja:yes)")
        }
        if fit != "cv" && TargetSentimentTrainer.Fit(rawValue: fit) == nil {
            throw ValidationError("--fit must be lr, nb, blend or cv")
        }
        if cv == 0 && (penalties.count > 1 || balancings.contains("cv") || fit == "cv" || dropSets.count > 1) {
            throw ValidationError("several --l2 values or --drop alternatives, --balanced cv or --fit cv need --cv")
        }
    }

    func run() throws {
        let lexicon = try SentimentLexicon.shipped()
        let tokenizer = Tokenizer()
        let featurizer = TargetSentimentScorer(lexicon: lexicon, tokenizer: tokenizer, model: TargetSentimentModel())
        let whole = SentimentScorer(lexicon: lexicon, tokenizer: tokenizer)
        var model = TargetSentimentModel()
        var heldOut: [Language: [TargetSentimentTrainer.Example]] = [:]
        var base = TargetSentimentTrainer(minCount: minCount, l2: penalties[0], iterations: iterations,
                                          balanced: false,
                                          fit: TargetSentimentTrainer.Fit(rawValue: fit) ?? .multinomial)
        base.drop = dropSets.first ?? []
        var chosen: [Language: TargetSentimentTrainer] = [:]
        for (file, language) in [("newsmtsc-train.jsonl", Language.english), ("chabsa-targets.jsonl", .japanese)] {
            let path = URL(fileURLWithPath: data).appendingPathComponent(file).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BenchError("cannot read \(path)") }
            var train: [TargetSentimentTrainer.Example] = [], test: [TargetSentimentTrainer.Example] = []
            var groups: [String] = []
            for (n, raw) in text.split(separator: "\n").enumerated() {
                guard let line = try? JSONDecoder().decode(Line.self, from: Data(raw.utf8)) else {
                    throw BenchError("\(path):\(n + 1): not a dev-data line")
                }
                let labels = line.targets.map { ["negative": -1, "neutral": 0, "positive": 1][$0.polarity] ?? 9 }
                let example = TargetSentimentTrainer.Example(text: line.text, targets: line.targets.map { $0.from..<$0.to },
                                                             labels: labels)
                let key = unit == "document" ? Self.document(ofID: line.id) : line.id
                if Self.fnv1a(key) % 5 == UInt64(fold) {
                    test.append(example)
                } else {
                    train.append(example)
                    groups.append(Self.document(ofID: line.id))
                }
            }
            if let dumpFeatures {
                try dump(train: train, groups: groups, test: test, language: language, featurizer: featurizer,
                         to: dumpFeatures + "." + language.rawValue + ".jsonl")
                continue
            }
            let started = Date()
            var trainer = base
            trainer.balanced = balancing(language) == "yes"
            if cv > 0 {
                var candidates: [TargetSentimentTrainer] = []
                let fits = fit == "cv" ? TargetSentimentTrainer.Fit.allCases : [TargetSentimentTrainer.Fit(rawValue: fit) ?? .multinomial]
                for dropped in dropSets {
                    for kind in fits {
                        for weighing in balancing(language) == "cv" ? [false, true] : [balancing(language) == "yes"] {
                            for penalty in penalties {
                                var candidate = base
                                candidate.l2 = penalty
                                candidate.balanced = weighing
                                candidate.fit = kind
                                candidate.drop = dropped
                                candidates.append(candidate)
                            }
                        }
                    }
                }
                let results = TargetSentimentTrainer.crossValidate(train, groups: groups, folds: cv, candidates: candidates,
                                                                   language: language, scorer: featurizer)
                for (candidate, f1) in zip(candidates, results) {
                    print("\(language.rawValue) cross-validation (\(cv) folds by document, training part only)  l2 \(candidate.l2)"
                          + " classes \(candidate.balanced ? "balanced" : "as found")"
                          + " fit \(candidate.fit.rawValue)"
                          + " drop [\(candidate.drop.joined(separator: ","))]" + String(format: "  macro-F1 %.3f", f1))
                }
                if let best = results.indices.max(by: { results[$0] < results[$1] }) { trainer = candidates[best] }
            }
            chosen[language] = trainer
            model.weights[language] = trainer.train(train, language: language, scorer: featurizer)
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            FileHandle.standardError.write(Data("\(language.rawValue): \(train.count) training sentences, \(model.weights[language]?.count ?? 0) features, \(seconds) s\n".utf8))
            heldOut[language] = test
        }
        let trained = TargetSentimentScorer(lexicon: lexicon, tokenizer: tokenizer, model: model)
        for language in [Language.english, .japanese] {
            let test = heldOut[language] ?? []
            var rows: [String: Evaluation] = ["target-trained": Evaluation(), "target-rules": Evaluation(), "whole-sentence": Evaluation()]
            for example in test {
                let sentence = whole.sentiment(of: tokenizer.tokenize(example.text, language: language))
                let wholeScore = sentence.sentences.count == 1 ? sentence.sentences[0] : sentence.overall
                rows["target-trained"]?.add(trained.scores(text: example.text, targets: example.targets, language: language), example.labels)
                rows["target-rules"]?.add(featurizer.scores(text: example.text, targets: example.targets, language: language), example.labels)
                rows["whole-sentence"]?.add(example.targets.map { _ in wholeScore }, example.labels)
            }
            for name in rows.keys.sorted() {
                let e = rows[name] ?? Evaluation()
                let name = name.padding(toLength: 15, withPad: " ", startingAt: 0)
                print("\(language.rawValue) held-out (fold \(fold), \(test.count) sentences, \(e.total) targets)  \(name)"
                      + String(format: " macro-F1 %.3f  accuracy %.3f  disagreeing %.3f (%d)",
                               e.macroF1, e.accuracy, e.disagreeingAccuracy, e.disagreeing))
            }
        }
        if dumpFeatures != nil { return }
        if let out {
            var settings = chosen.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue): \(Self.describe($0.value.fit)), l2 \($0.value.l2), classes \($0.value.balanced ? "balanced" : "as found")"
                    + ($0.value.drop.isEmpty ? "" : ", without \($0.value.drop.joined(separator: " "))") }
                .joined(separator: "; ")
            if cv > 0 {
                settings += " (chosen by \(cv)-fold cross-validation on the training part, folds by document,"
                    + " from l2 \(l2), classes balanced \(balanced), fit \(fit)\(drop.isEmpty ? "" : ", drop \(drop)"))"
            }
            let header = """
            Target-dependent sentiment model (WaveSentiment TargetSentimentModel): language, feature, weights for
            negative, neutral, positive. Written by `swift run WaveBench target-sentiment-train --out <this file>`
            from ../shared/data/target-sentiment-dev (NewsMTSC train split, MIT; chABSA, CC BY 4.0), trained on the
            sentences whose \(unit == "document" ? "document" : "id") hash (FNV-1a 64, mod 5) is not \(fold); iterations \(iterations), min count \(minCount);
            \(settings).
            Contains learned weights only, no text of the data.
            """
            try model.fileText(header: header).write(toFile: out, atomically: true, encoding: .utf8)
        }
    }

    /// Writes one JSON line per labelled target: split, document, sentence number, text, target range, label, features.
    func dump(train: [TargetSentimentTrainer.Example], groups: [String], test: [TargetSentimentTrainer.Example],
              language: Language, featurizer: TargetSentimentScorer, to path: String) throws {
        var out = ""
        for (split, examples) in [("train", train), ("test", test)] {
            for (n, example) in examples.enumerated() {
                let features = featurizer.targetFeatures(text: example.text, targets: example.targets, language: language)
                for (k, f) in features.enumerated() {
                    guard let f else { continue }
                    var object: [String: Any] = ["split": split, "sentence": n, "text": example.text,
                                                 "from": example.targets[k].lowerBound, "to": example.targets[k].upperBound,
                                                 "label": example.labels[k], "k": k,
                                                 "targets": example.targets.map { [$0.lowerBound, $0.upperBound] }]
                    if split == "train" { object["group"] = groups[n] }
                    object["f"] = Dictionary(f.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                    out += String(decoding: data, as: UTF8.self) + "\n"
                }
            }
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Macro-F1 over three classes (|score| < 0.05 neutral) and accuracy on targets of sentences whose labels differ.
    struct Evaluation {
        var confusion = [[Int]](repeating: [0, 0, 0], count: 3)
        var total = 0, correct = 0, disagreeing = 0, disagreeingCorrect = 0

        mutating func add(_ scores: [Double], _ labels: [Int]) {
            let disagree = Set(labels).count > 1
            for (score, label) in zip(scores, labels) where (-1...1).contains(label) {
                let predicted = score >= 0.05 ? 1 : (score <= -0.05 ? -1 : 0)
                confusion[label + 1][predicted + 1] += 1
                total += 1
                if predicted == label { correct += 1 }
                if disagree {
                    disagreeing += 1
                    if predicted == label { disagreeingCorrect += 1 }
                }
            }
        }

        var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
        var disagreeingAccuracy: Double { disagreeing == 0 ? 0 : Double(disagreeingCorrect) / Double(disagreeing) }
        var macroF1: Double {
            var sum = 0.0
            for c in 0..<3 {
                let tp = Double(confusion[c][c])
                let predicted = Double(confusion.reduce(0) { $0 + $1[c] }), actual = Double(confusion[c].reduce(0, +))
                let p = predicted == 0 ? 0 : tp / predicted, r = actual == 0 ? 0 : tp / actual
                sum += p + r == 0 ? 0 : 2 * p * r / (p + r)
            }
            return sum / 3
        }
    }
}
