import WaveCorpus
import WaveTerms

/// The form of a file's outcome in the run state (``StateStore``): the bulky parts of each
/// document — its sentences and both term lists — in the byte form of the run's ``Spool``,
/// apart from the rest of the outcome (``StateCoding``). A rerun appends those bytes to its
/// spool as they are instead of decoding every stored sentence and term only to write them to
/// the spool again; what the corpus stage reads back is the same.
///
/// Layout: the byte `0xF1`; the rest of the outcome (its documents with no sentences and
/// empty term lists) as a varint byte count and its ``StateCoding`` bytes; then per document
/// its sentences (varint byte count, bytes), its terms (varint term count, varint byte count,
/// bytes) and its topic terms (a byte 0 when it has none, else 1 and the same as its terms).
/// An outcome with a sentence the packed form cannot hold is stored whole in ``StateCoding``
/// (its first byte is a container tag, never `0xF1`); both are read back.
enum StoredOutcome {
    static let mark: UInt8 = 0xF1
    /// Part of the fingerprint of every stored analysis (``Pipeline/fingerprintParts(of:segmenter:)``):
    /// raise it when the layout changes, so that rows stored before are analysed again.
    static let format = 2

    static func encode(_ outcome: Pipeline.FileOutcome) throws -> [UInt8] {
        guard case .analysed(let documents, let failures) = outcome else { return try StateCoding.encode(outcome) }
        var light: [DocumentAnalysis] = []
        light.reserveCapacity(documents.count)
        var parts = SpoolWriter()
        for document in documents {
            guard let sentences = document.stored.spoolForm else { return try StateCoding.encode(outcome) }
            parts.varint(sentences.count)
            append(sentences, to: &parts)
            terms(document.termSequence, to: &parts)
            if let topic = document.topicTermSequence {
                append([1], to: &parts)
                terms(topic, to: &parts)
            } else {
                append([0], to: &parts)
            }
            var copy = document
            copy.stored.sentences = []
            copy.replaceTermSequences(TermSequence([]), topic: document.topicTermSequence.map { _ in TermSequence([]) })
            light.append(copy)
        }
        let rest = try StateCoding.encode(Pipeline.FileOutcome.analysed(light, failures: failures))
        var out = SpoolWriter()
        append([mark], to: &out)
        out.varint(rest.count)
        append(rest, to: &out)
        append(parts.bytes, to: &out)
        return out.bytes
    }

    private static func terms(_ sequence: TermSequence, to writer: inout SpoolWriter) {
        let bytes = sequence.spoolForm
        writer.varint(sequence.count)
        writer.varint(bytes.count)
        append(bytes, to: &writer)
    }

    private static func append(_ bytes: [UInt8], to writer: inout SpoolWriter) {
        bytes.withUnsafeBytes { writer.raw($0) }
    }

    /// The outcome `bytes` hold, its bulky parts appended to `spool` (in memory without one).
    static func decode(_ bytes: [UInt8], spool: Spool?) throws -> Pipeline.FileOutcome {
        guard bytes.first == mark else {
            var outcome = try StateCoding.decode(Pipeline.FileOutcome.self, from: bytes)
            if let spool { outcome.spool(into: spool) }
            return outcome
        }
        var reader = SpoolReader(bytes)
        _ = reader.raw(1) { _ in true }
        guard let restCount = reader.count(), let rest = reader.raw(restCount, { [UInt8]($0) }) else { throw damaged }
        guard case .analysed(var documents, let failures) = try StateCoding.decode(Pipeline.FileOutcome.self, from: rest) else {
            throw damaged
        }
        func termSequence() throws -> TermSequence {
            guard let count = reader.count(), let n = reader.count(), let part = reader.raw(n, { [UInt8]($0) }),
                  let sequence = TermSequence(spoolForm: part, count: count, spool: spool) else { throw damaged }
            return sequence
        }
        for i in documents.indices {
            guard let n = reader.count(), let sentences = reader.raw(n, { [UInt8]($0) }),
                  documents[i].stored.adoptSentences(spoolForm: sentences, spool: spool) else { throw damaged }
            let terms = try termSequence()
            guard let hasTopic = reader.raw(1, { $0[0] }), hasTopic <= 1 else { throw damaged }
            documents[i].replaceTermSequences(terms, topic: hasTopic == 1 ? try termSequence() : nil)
        }
        guard reader.atEnd else { throw damaged }
        return .analysed(documents, failures: failures)
    }

    private static var damaged: StateCoding.Failure { StateCoding.Failure(description: "a stored outcome is damaged") }
}
