import Testing
import WaveLexicon
import WaveText
@testable import WaveSentiment

/// Target-dependent sentiment on sentences written for these tests.
@Suite struct TargetSentimentTests {
    static let scorer = TargetSentimentScorer(lexicon: try! SentimentLexicon.shipped(), tokenizer: ShippedSentiment.tokenizer)
    static let rulesOnly = TargetSentimentScorer(lexicon: try! SentimentLexicon.shipped(), tokenizer: ShippedSentiment.tokenizer,
                                                 model: TargetSentimentModel())

    /// The scores of `text` toward each of `mentions` (each the first occurrence of that string).
    static func scores(_ text: String, _ mentions: [String], _ language: Language,
                       scorer: TargetSentimentScorer = scorer) -> [Double] {
        let scalars = Array(text.unicodeScalars)
        let ranges = mentions.map { mention -> Range<Int> in
            let m = Array(mention.unicodeScalars)
            let start = (0...(scalars.count - m.count)).first { Array(scalars[$0..<($0 + m.count)]) == m } ?? 0
            return start..<(start + m.count)
        }
        return scorer.scores(text: text, targets: ranges, language: language)
    }

    static let comparisons: [(String, Language, String, String)] = [
        ("Korea's cultural strategy was a brilliant success, but Japan's approach was a disastrous failure.", .english, "Korea", "Japan"),
        ("Critics said Tanaka ruined the project, while Park was praised for saving it.", .english, "Park", "Tanaka"),
        ("韓国の戦略は大成功を収めた一方、日本の政策は失敗に終わった。", .japanese, "韓国", "日本"),
        ("한국의 전략은 훌륭했던 반면 일본의 정책은 실패했다.", .korean, "한국", "일본"),
    ]

    @Test(arguments: [false, true])
    func comparativeSentencesGiveTheTwoTargetsOppositeSigns(rules: Bool) {
        for (text, language, good, bad) in Self.comparisons {
            let s = Self.scores(text, [good, bad], language, scorer: rules ? Self.rulesOnly : Self.scorer)
            #expect(s[0] > 0.05 && s[1] < -0.05, "\(text): \(s)")
        }
    }

    @Test func aScorerSharingTheDocumentScorersTablesScoresAlike() {
        let shared = TargetSentimentScorer(sharing: SentimentScorer(lexicon: Self.scorer.lexicon, tokenizer: ShippedSentiment.tokenizer))
        for (text, language, good, bad) in Self.comparisons {
            #expect(Self.scores(text, [good, bad], language, scorer: shared) == Self.scores(text, [good, bad], language))
        }
    }

    @Test func scoresStayInRangeAndFollowTheTargetsOrder() {
        let text = "Japan's exports fell sharply, but Korea's exports rose strongly."
        let forward = Self.scores(text, ["Japan", "Korea"], .english)
        let backward = Self.scores(text, ["Korea", "Japan"], .english)
        #expect(forward.count == 2 && forward.allSatisfy { (-1...1).contains($0) })
        #expect(forward[0] == backward[1] && forward[1] == backward[0])
    }

    @Test func negationReachingTheTargetTurnsItAround() {
        let plain = Self.scores("The minister said Smith is honest and capable.", ["Smith"], .english)[0]
        let negated = Self.scores("The minister said Smith is not honest and not capable.", ["Smith"], .english)[0]
        #expect(plain > 0.05)
        #expect(negated < plain)
    }

    @Test func aTargetOutsideTheQuotedPraiseIsNotItsObject() {
        let s = Self.scores("Reporters asked Lee about a rival's claim that \"Kim is a liar and a fraud\".", ["Lee", "Kim"], .english)
        #expect(s[1] < -0.05)
        #expect(s[0] > s[1])
    }

    @Test func englishRoleAndShapeFeaturesPlaceEachTarget() throws {
        let text = "Tanaka was praised by Park on Monday, and Kim, a critic, did not agree."
        let names = ["Tanaka", "Park", "Monday", "Kim"]
        let ranges = names.map { name -> Range<Int> in
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex,
                                                     to: text.range(of: name)?.lowerBound ?? text.startIndex)
            return start..<(start + name.unicodeScalars.count)
        }
        let features = Self.scorer.targetFeatures(text: text, targets: ranges, language: .english)
        let sets = features.map { Set(($0 ?? []).map(\.name)) }
        #expect(sets[0].isSuperset(of: ["PASS:praised", "START", "ORD:first", "SH:cap1", "G2:TGT was", "POS:0"]))
        #expect(sets[1].isSuperset(of: ["BY:praised", "ORD:mid", "G3:praised by TGT"]))
        #expect(sets[2].isSuperset(of: ["SH:day", "PREP:park_on"]))
        #expect(sets[3].isSuperset(of: ["ORD:last", "APP:a critic"]))
        #expect(!sets[3].contains("START") && !sets[1].contains("PASS:praised") && !sets[3].contains("NEGAFTER"))
        let negated = Self.scorer.targetFeatures(text: "Smith did not agree.", targets: [0..<5], language: .english)
        #expect((negated.first??.map(\.name) ?? []).contains("NEGAFTER"))
        // Japanese targets get none of them (measured for English only).
        let japanese = Self.scorer.targetFeatures(text: "韓国の戦略は成功した。", targets: [0..<2], language: .japanese)
        let prefixes = ["G2:", "G3:", "PASS:", "SUBJ:", "SH:", "ORD:", "POS:", "START"]
        #expect(!(japanese.first??.map(\.name) ?? []).contains { name in prefixes.contains { name.hasPrefix($0) } })
    }

    @Test func rangesOutsideTheTextScoreZero() {
        let s = TargetSentimentTests.scorer.scores(text: "A fine day.", targets: [20..<25, 3..<3], language: .english)
        #expect(s == [0, 0])
        #expect(TargetSentimentTests.scorer.scores(text: "", targets: [], language: .english).isEmpty)
    }

    @Test func theShippedModelHasEnglishAndJapaneseWeightsAndKoreanUsesTheRules() throws {
        let model = try TargetSentimentModel.shipped()
        #expect((model.weights[.english]?.count ?? 0) > 100 && (model.weights[.japanese]?.count ?? 0) > 100)
        #expect(model.weights[.korean] == nil)
        #expect(model.weights.values.allSatisfy { $0.values.allSatisfy { $0.count == 3 && $0.allSatisfy(\.isFinite) } })
    }

    /// Every fit: multinomial logistic regression, NB-LR and their blend.
    @Test(arguments: TargetSentimentTrainer.Fit.allCases)
    func trainingIsDeterministicAndLearnsTheFixtureSigns(fit: TargetSentimentTrainer.Fit) {
        let examples = [
            TargetSentimentTrainer.Example(text: "Alice is wonderful and Bob is awful.", targets: [0..<5, 23..<26], labels: [1, -1]),
            TargetSentimentTrainer.Example(text: "Ivan is awful and Judy is wonderful.", targets: [0..<4, 18..<22], labels: [-1, 1]),
            TargetSentimentTrainer.Example(text: "Carol met Dave on Monday.", targets: [0..<5, 10..<14], labels: [0, 0]),
            TargetSentimentTrainer.Example(text: "Erin is awful, but Frank is wonderful.", targets: [0..<4, 19..<24], labels: [-1, 1]),
        ]
        let trainer = TargetSentimentTrainer(minCount: 1, l2: 1e-3, iterations: 200, fit: fit)
        let first = trainer.train(examples, language: .english, scorer: Self.rulesOnly)
        let second = trainer.train(examples, language: .english, scorer: Self.rulesOnly)
        #expect(first == second)
        let scorer = TargetSentimentScorer(lexicon: Self.rulesOnly.lexicon, tokenizer: ShippedSentiment.tokenizer,
                                           model: TargetSentimentModel(weights: [.english: first]))
        let s = scorer.scores(text: "Gina is wonderful, but Hank is awful.", targets: [0..<4, 23..<27], language: .english)
        #expect(s[0] > 0.05 && s[1] < -0.05, "\(s)")
        // The fitted weights alone, without the rules blended into English: positive minus negative logit.
        let features = scorer.targetFeatures(text: "Gina is wonderful, but Hank is awful.", targets: [0..<4, 23..<27],
                                             language: .english)
        let learned = features.map { f in
            (f ?? []).reduce(0.0) { sum, x in sum + ((first[x.name]?[2] ?? 0) - (first[x.name]?[0] ?? 0)) * x.value }
        }
        #expect(learned[0] > 0 && learned[1] < 0, "\(learned)")
    }

    @Test func crossValidationScoresEachCandidateOnHeldOutDocumentsAndIsDeterministic() {
        // Twelve one-sentence documents: the evaluative word, not the name, carries the label.
        let names = ["Alice", "Bruno", "Chen", "Dara", "Emil", "Fatou", "Goran", "Hana", "Ines", "Jonas", "Kofi", "Lena"]
        let frames = [("%@ is wonderful.", 1), ("%@ is awful.", -1), ("%@ met reporters on Monday.", 0)]
        let examples = names.enumerated().map { n, name in
            let (frame, label) = frames[n % 3]
            return TargetSentimentTrainer.Example(text: frame.replacingOccurrences(of: "%@", with: name),
                                                  targets: [0..<name.count], labels: [label])
        }
        let loose = TargetSentimentTrainer(minCount: 1, l2: 1e-3, iterations: 100)
        var balanced = loose
        balanced.balanced = true
        let first = TargetSentimentTrainer.crossValidate(examples, groups: names, folds: 3, candidates: [loose, balanced],
                                                         language: .english, scorer: Self.rulesOnly)
        let second = TargetSentimentTrainer.crossValidate(examples, groups: names, folds: 3, candidates: [loose, balanced],
                                                          language: .english, scorer: Self.rulesOnly)
        #expect(first.count == 2 && first == second)
        #expect(first.allSatisfy { (0...1).contains($0) })
        #expect(first[0] > 0.9, "\(first)")
    }

    @Test func droppedPrefixesAreLeftOutOfTheFit() {
        let examples = [
            TargetSentimentTrainer.Example(text: "Alice is wonderful and Bob is awful.", targets: [0..<5, 23..<26], labels: [1, -1]),
            TargetSentimentTrainer.Example(text: "Carol met Dave on Monday.", targets: [0..<5, 10..<14], labels: [0, 0]),
        ]
        var trainer = TargetSentimentTrainer(minCount: 1, l2: 1e-3, iterations: 50)
        let all = trainer.train(examples, language: .english, scorer: Self.rulesOnly)
        trainer.drop = ["same", "S:"]
        let some = trainer.train(examples, language: .english, scorer: Self.rulesOnly)
        #expect(all.keys.contains { $0.hasPrefix("same") } && all.keys.contains { $0.hasPrefix("S:") })
        #expect(!some.keys.contains { $0.hasPrefix("same") || $0.hasPrefix("S:") })
        #expect(some["bias"] != nil && some.keys.contains { $0.hasPrefix("C:") })
    }

    @Test func balancedClassesRaiseTheRareClass() {
        // Four neutral mentions for one positive one: unweighted, the bias leans neutral.
        var examples = (0..<4).map { _ in
            TargetSentimentTrainer.Example(text: "Carol met Dave on Monday.", targets: [0..<5], labels: [0])
        }
        examples.append(TargetSentimentTrainer.Example(text: "Alice met Bob on Friday.", targets: [0..<5], labels: [1]))
        let plain = TargetSentimentTrainer(minCount: 100, l2: 1e-3, iterations: 200)
        var balanced = plain
        balanced.balanced = true
        let p = plain.train(examples, language: .english, scorer: Self.rulesOnly)["bias"] ?? []
        let b = balanced.train(examples, language: .english, scorer: Self.rulesOnly)["bias"] ?? []
        #expect(p.count == 3 && b.count == 3)
        #expect(b[2] - b[1] > p[2] - p[1], "plain \(p), balanced \(b)")
    }

    @Test func macroF1OfAConfusionMatrix() {
        #expect(TargetSentimentTrainer.macroF1([[2, 0, 0], [0, 3, 0], [0, 0, 1]]) == 1)
        #expect(TargetSentimentTrainer.macroF1([[0, 0, 0], [0, 0, 0], [0, 0, 0]]) == 0)
        let f = TargetSentimentTrainer.macroF1([[1, 1, 0], [0, 2, 0], [0, 0, 0]])
        #expect(abs(f - (2.0 / 3 + 0.8 + 0) / 3) < 1e-12)
    }

    @Test func modelFilesAreReadAndBadLinesNamed() throws {
        let model = try TargetSentimentModel.parse("# comment\nen\tbias\t0\t1\t0\nen\tsame+\t-1\t0\t1\n", source: "m.tsv")
        #expect(model.weights[.english]?["same+"] == [-1, 0, 1])
        let reparsed = try TargetSentimentModel.parse(model.fileText(header: "again"), source: "m2.tsv")
        #expect(reparsed.weights[.english]?["bias"] == [0, 1, 0])
        #expect(throws: LexiconError.self) { try TargetSentimentModel.parse("en\tbias\t0\tx\t0\n", source: "bad.tsv") }
        do {
            _ = try TargetSentimentModel.parse("en\tbias\t0\t1\t0\nen\tbias\t0\n", source: "bad.tsv")
        } catch let error as LexiconError {
            #expect(error.line == 2 && error.source == "bad.tsv")
        }
    }
}
