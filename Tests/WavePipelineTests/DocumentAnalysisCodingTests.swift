import Foundation
import Testing
import WaveCorpus
import WaveReports
import WaveTerms
import WaveText
@testable import WavePipeline

/// A document's analysis survives encoding and decoding unchanged (the ground of a store of
/// analyses that gives back what a fresh analysis would).
@Suite struct DocumentAnalysisCodingTests {
    @Test func roundTripsThroughJSONAndPropertyLists() throws {
        let fixtures = PipelineEndToEndTests.fixtures
        let config = RunConfiguration(corpus: fixtures.appendingPathComponent("corpus"),
                                      output: FileManager.default.temporaryDirectory.appendingPathComponent("wl-coding"))
        let documents = try Workbench(configuration: config).documents()
        #expect(documents.count >= 4)
        #expect(documents.contains { $0.language.rawValue == "ja" })
        let json = try JSONDecoder().decode([DocumentAnalysis].self, from: JSONEncoder().encode(documents))
        #expect(json == documents)
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        let plist = try PropertyListDecoder().decode([DocumentAnalysis].self, from: encoder.encode(documents))
        #expect(plist == documents)
        for (a, b) in zip(documents, json) {
            #expect(a.sentiment.bitPattern == b.sentiment.bitPattern)
            #expect(a.framingIndex?.bitPattern == b.framingIndex?.bitPattern)
            #expect(a.targetSentiment.mapValues(\.bitPattern) == b.targetSentiment.mapValues(\.bitPattern))
            #expect(a.themeSentiment.mapValues(\.bitPattern) == b.themeSentiment.mapValues(\.bitPattern))
        }
    }

    @Test func roundTripsThroughTheStateCoding() throws {
        let fixtures = PipelineEndToEndTests.fixtures
        let config = RunConfiguration(corpus: fixtures.appendingPathComponent("corpus"),
                                      output: FileManager.default.temporaryDirectory.appendingPathComponent("wl-coding"))
        let documents = try Workbench(configuration: config).documents()
        let outcomes: [Pipeline.FileOutcome] = [
            .analysed(documents, failures: [FailureRecord(path: "a.warc", stage: "ingest", code: "bad_record", reason: "no header")]),
            .failed(FailureRecord(path: "b.html", stage: "ingest", code: "too_large", reason: "over the limit")),
        ]
        for outcome in outcomes {
            let bytes = try StateCoding.encode(outcome)
            let back = try StateCoding.decode(Pipeline.FileOutcome.self, from: bytes)
            switch (outcome, back) {
            case (.analysed(let a, let fa), .analysed(let b, let fb)):
                #expect(a == b && fa == fb)
                for (x, y) in zip(a, b) {
                    #expect(x.sentiment.bitPattern == y.sentiment.bitPattern)
                    #expect(x.framingIndex?.bitPattern == y.framingIndex?.bitPattern)
                    #expect(x.targetSentiment.mapValues(\.bitPattern) == y.targetSentiment.mapValues(\.bitPattern))
                }
            case (.failed(let a), .failed(let b)): #expect(a == b)
            default: Issue.record("the outcome changed its kind")
            }
        }
    }

    /// The run state's form of an outcome (bulky parts in the spool's byte form) gives back the
    /// same documents into a spool, or into memory without one; cut or changed bytes are an error.
    @Test func roundTripsThroughTheStoredOutcome() throws {
        let fixtures = PipelineEndToEndTests.fixtures
        let config = RunConfiguration(corpus: fixtures.appendingPathComponent("corpus"),
                                      output: FileManager.default.temporaryDirectory.appendingPathComponent("wl-coding"))
        var documents = try Workbench(configuration: config).documents()
        documents[0].topicTerms = ["a", "b"]
        documents[1].terms = []
        let outcome = Pipeline.FileOutcome.analysed(documents, failures: [])
        let bytes = try StoredOutcome.encode(outcome)
        #expect(bytes.first == StoredOutcome.mark)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-stored-outcome-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spool = try Spool(folder: folder)
        for target in [spool, nil] {
            guard case .analysed(let back, let failures) = try StoredOutcome.decode(bytes, spool: target) else {
                Issue.record("the outcome changed its kind"); continue
            }
            #expect(back == documents && failures.isEmpty)
            #expect(back.contains { $0.stored.isSpooled } == (target != nil))
            #expect(back.map(\.topicTerms) == documents.map(\.topicTerms))
        }
        #expect(spool.failure == nil)
        // The generic form (a failed file) still reads back.
        let failed = Pipeline.FileOutcome.failed(FailureRecord(path: "b.html", stage: "ingest", code: "too_large", reason: "x"))
        guard case .failed = try StoredOutcome.decode(StoredOutcome.encode(failed), spool: spool) else {
            Issue.record("a failure changed its kind"); return
        }
        for cut in [bytes.count - 1, bytes.count / 2, 3] {
            #expect(throws: (any Error).self) { try StoredOutcome.decode(Array(bytes.prefix(cut)), spool: nil) }
        }
        #expect(throws: (any Error).self) { try StoredOutcome.decode(bytes + [0], spool: nil) }
    }

    /// A stored sentence's tokens, kept as columns: every kind, known or not, stopword or not, come back.
    @Test func storedSentencesKeepEveryTokenField() throws {
        var tokens = TokenKind.allCases.enumerated().map { i, kind in
            StoredToken(term: "t\(i)", range: i..<(i + 2), isContent: i % 2 == 0, kind: kind, isStopword: i % 3 == 0)
        }
        tokens.append(StoredToken(term: "read back", range: 0..<9, isContent: true))   // from the token store: kind and stopword unknown
        tokens.append(StoredToken(term: "", range: 3..<3, isContent: false, kind: nil, isStopword: false))
        let sentence = StoredSentence(text: "a sentence of ten tokens", tokens: tokens)
        #expect(try StateCoding.decode(StoredSentence.self, from: StateCoding.encode(sentence)) == sentence)
        #expect(try JSONDecoder().decode(StoredSentence.self, from: JSONEncoder().encode(sentence)) == sentence)
        // Columns that do not fit together are an error.
        for broken in [#"{"text":"x","terms":["a"],"offsets":[0],"flags":[1]}"#, #"{"text":"x","terms":["a"],"offsets":[2,1],"flags":[1]}"#,
                       #"{"text":"x","terms":["a"],"offsets":[0,1],"flags":[255]}"#, #"{"text":"x","terms":[],"offsets":[],"flags":[0]}"#] {
            #expect(throws: (any Error).self) { try JSONDecoder().decode(StoredSentence.self, from: Data(broken.utf8)) }
        }
    }

    /// Bytes the coding did not write (cut short, or changed) are an error or another value, never a crash.
    @Test func damagedStateBytesAreAnErrorNotACrash() throws {
        let fixtures = PipelineEndToEndTests.fixtures
        let config = RunConfiguration(corpus: fixtures.appendingPathComponent("corpus"),
                                      output: FileManager.default.temporaryDirectory.appendingPathComponent("wl-coding"))
        let document = try #require(try Workbench(configuration: config).documents().first)
        let bytes = try StateCoding.encode(Pipeline.FileOutcome.analysed([document], failures: []))
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            #expect(throws: (any Error).self) { try StateCoding.decode(Pipeline.FileOutcome.self, from: Array(bytes[..<cut])) }
            var changed = bytes
            changed[cut] ^= 0xA5
            _ = try? StateCoding.decode(Pipeline.FileOutcome.self, from: changed)
        }
        #expect(throws: (any Error).self) { try StateCoding.decode(Pipeline.FileOutcome.self, from: bytes + [0]) }
    }
}
