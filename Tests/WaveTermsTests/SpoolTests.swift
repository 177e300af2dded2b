import Foundation
import Testing
import WaveText
@testable import WaveTerms

/// Sentences and term lists moved into a spool read back as they were, and compare and code the same.
@Suite struct SpoolTests {
    let text = "Soft Power of Ｋ-pop: 韓流 grows café"
    var tokens: [StoredToken] {
        [StoredToken(term: "soft", range: 0..<4, isContent: true, kind: .word, isStopword: false),
         StoredToken(term: "Power", range: 5..<10, isContent: false, kind: .word, isStopword: true),
         StoredToken(term: "k-pop", range: 14..<21, isContent: true, kind: .word, isStopword: false),
         StoredToken(term: "韓流", range: 23..<29, isContent: true, kind: .word, isStopword: false),
         StoredToken(term: "soft power", range: 0..<10, isContent: true)]
    }

    func makeSpool() throws -> Spool { try Spool(folder: FileManager.default.temporaryDirectory) }

    var document: StoredDocument {
        StoredDocument(id: "a", language: "en", focus: "japan", site: "x.com", date: "2024-01-02", theme: "t", title: "T",
                       sentences: [StoredSentence(text: text, tokens: tokens), StoredSentence(text: "", tokens: []),
                                   StoredSentence(text: "Second one.", tokens: [StoredToken(term: "second", range: 0..<6, isContent: true)])])
    }

    @Test func sentencesComeBackFromTheSpool() throws {
        let spool = try makeSpool()
        var spooled = document
        spooled.spool(into: spool)
        #expect(spooled.isSpooled)
        #expect(spool.size > 0)
        #expect(spooled.sentences == document.sentences)
        #expect(spooled == document)
        #expect(spooled.hashValue == document.hashValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(spooled) == encoder.encode(document))
        #expect(spool.failure == nil)
        // Setting the sentences keeps them in memory again.
        spooled.sentences = []
        #expect(!spooled.isSpooled && spooled.sentences.isEmpty)
    }

    @Test func termsComeBackFromTheSpool() throws {
        let spool = try makeSpool()
        let terms = ["soft", "power", "韓流", "", "k-pop"]
        var sequence = TermSequence(terms)
        sequence.spool(into: spool)
        #expect(sequence.isSpooled)
        #expect(sequence.count == terms.count)
        #expect(sequence.terms == terms)
        #expect(sequence == TermSequence(terms))
        #expect(try JSONEncoder().encode(sequence) == JSONEncoder().encode(terms))
        #expect(try JSONDecoder().decode(TermSequence.self, from: JSONEncoder().encode(sequence)) == sequence)
    }

    @Test func unpackedSentencesStayInMemory() throws {
        let spool = try makeSpool()
        let far = StoredToken(term: "x", range: 0..<(Int(UInt32.max) + 2), isContent: true)
        var document = StoredDocument(id: "b", language: "en", sentences: [StoredSentence(text: "x", tokens: [far])])
        document.spool(into: spool)
        #expect(!document.isSpooled)
        #expect(document.sentences[0].tokens == [far])
    }

    @Test func bytesNotWrittenByTheSpoolAreRefused() {
        var writer = SpoolWriter()
        #expect(StoredSentence(text: text, tokens: tokens).spool(to: &writer))
        var cut = SpoolReader(Array(writer.bytes.dropLast()))
        #expect(StoredSentence(spooled: &cut) == nil)
        var whole = SpoolReader(writer.bytes)
        #expect(StoredSentence(spooled: &whole) == StoredSentence(text: text, tokens: tokens))
        #expect(whole.atEnd)
    }
}
