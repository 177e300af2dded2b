import WaveTopics

/// Where a run keeps the topic models it trained, so that a later run whose language has the
/// same training corpus and the same options takes the model instead of training it again
/// (``TopicAnalysis/train(_:options:store:log:)``). Training is deterministic, so a model taken
/// from the store gives the outputs a fresh training gives.
public protocol TopicModelStore {
    /// `language`'s model kept under `key`, if there is one and it can be read.
    func trainedModel(language: String, key: String) -> TrainedTopicModel?
    /// Keeps `model` under `key` (a store may keep only the last model of each language).
    func keep(_ model: TrainedTopicModel, key: String)
}

/// One language's trained model with what training gave besides it: each training document's
/// topic proportions and the sampling time.
public struct TrainedTopicModel: Sendable, Codable, Equatable {
    public var language: String
    public var terms: [String]
    public var topicCount: Int
    public var alpha: [Double]
    public var beta: Double
    /// Word-major topic-word counts (``LDAModel/topicWordCounts``).
    public var topicWordCounts: [Int32]
    public var documentCount: Int
    public var iterations: Int
    public var seed: UInt64
    /// Document-major proportions θ of the training documents, `topicCount` per document.
    public var proportions: [Double]
    /// Wall-clock seconds the training took when it was made.
    public var seconds: Double

    public init(model: LDAModel, proportions: [[Double]], seconds: Double) {
        language = model.language; terms = model.terms; topicCount = model.topicCount; alpha = model.alpha
        beta = model.beta; topicWordCounts = model.topicWordCounts; documentCount = model.documentCount
        iterations = model.iterations; seed = model.seed
        self.proportions = proportions.flatMap { $0 }
        self.seconds = seconds
    }

    /// The model, or nil when the stored shape does not hold together (a damaged store).
    public var model: LDAModel? {
        let (cells, overflow) = terms.count.multipliedReportingOverflow(by: topicCount)
        guard topicCount > 0, alpha.count == topicCount, !overflow, cells == topicWordCounts.count else { return nil }
        return LDAModel(language: language, terms: terms, topicCount: topicCount, alpha: alpha, beta: beta,
                        topicWordCounts: topicWordCounts, documentCount: documentCount, iterations: iterations, seed: seed)
    }

    /// The proportions of each of `documents` training documents, or nil when they were not stored for that many.
    func proportions(documents: Int) -> [[Double]]? {
        let (cells, overflow) = documents.multipliedReportingOverflow(by: topicCount)
        guard topicCount > 0, !overflow, proportions.count == cells else { return nil }
        return (0..<documents).map { Array(proportions[$0 * topicCount ..< ($0 + 1) * topicCount]) }
    }

    /// The key of a language's training: the language, the sampler's options and the training
    /// corpus (its vocabulary and every document's term ids, in order). Two trainings with one
    /// key give the same model.
    static func key(language: String, options: LDAOptions, corpus: TopicCorpus) -> String {
        var hash = KeyHash()
        hash.add(Array("topics \(language)\n\(String(reflecting: options))\n".utf8))
        for term in corpus.terms { hash.add(Array(term.utf8)); hash.add([0]) }
        hash.add(integers: corpus.documentStarts.map { Int64($0) })
        hash.add(integers: corpus.words.map { Int64($0) })
        return hash.text
    }
}

/// Two 64-bit FNV-1a lanes with different offsets and the byte count: a key for what went into a
/// training, not a defence against crafted collisions.
struct KeyHash {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142
    private var count: UInt64 = 0

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes { mix(byte) }
    }

    mutating func add(integers: [Int64]) {
        for value in integers {
            var v = UInt64(bitPattern: value)
            for _ in 0..<8 { mix(UInt8(truncatingIfNeeded: v)); v >>= 8 }
        }
    }

    private mutating func mix(_ byte: UInt8) {
        a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        b = b &+ (b >> 29)
        count &+= 1
    }

    var text: String { String(count, radix: 16) + ":" + String(a, radix: 16) + String(b, radix: 16) }
}
