import Foundation
import Testing
import WaveText
@testable import WaveTerms

@Suite struct DocumentTermMatrixTests {
    func matrix() -> DocumentTermMatrix {
        var m = DocumentTermMatrix()
        m.append(documentID: "a", terms: ["soft", "power", "soft"])
        m.append(documentID: "b", terms: ["power", "korea"])
        m.append(documentID: "c", terms: [])
        return m
    }

    @Test func countsAndFrequencies() {
        let m = matrix()
        #expect(m.documentCount == 3)
        #expect(m.termCount == 3)
        #expect(m.nonZeroCount == 4)
        #expect(m.count(of: "soft", inDocument: 0) == 2)
        #expect(m.count(of: "korea", inDocument: 0) == 0)
        #expect(m.count(of: "missing", inDocument: 1) == 0)
        #expect(m.length(ofDocument: 0) == 3)
        #expect(m.length(ofDocument: 2) == 0)
        let soft = m.vocabulary.id(of: "soft")!, power = m.vocabulary.id(of: "power")!
        #expect(m.termTotals[Int(soft)] == 2)
        #expect(m.documentFrequencies[Int(power)] == 2)
    }

    @Test func tfidfMatchesTheDocumentedFormula() {
        let m = matrix()
        let idf = m.inverseDocumentFrequencies
        let soft = Int(m.vocabulary.id(of: "soft")!), power = Int(m.vocabulary.id(of: "power")!)
        // N = 3: idf(soft) = ln(4/2) + 1, idf(power) = ln(4/3) + 1
        #expect(abs(idf[soft] - (log(2.0) + 1)) < 1e-12)
        #expect(abs(idf[power] - (log(4.0 / 3) + 1)) < 1e-12)
        let row = m.tfidf(ofDocument: 0, idf: idf)
        let rawSoft = 2 * idf[soft], rawPower = idf[power]
        let norm = (rawSoft * rawSoft + rawPower * rawPower).squareRoot()
        let weights = Dictionary(uniqueKeysWithValues: row.map { (Int($0.term), $0.weight) })
        #expect(abs(weights[soft]! - rawSoft / norm) < 1e-12)
        #expect(abs(weights[power]! - rawPower / norm) < 1e-12)
        #expect(m.tfidf(ofDocument: 2, idf: idf).isEmpty)
    }

    @Test func groupedFrequencies() {
        let rows = matrix().frequencies(groupedBy: ["en", "ko", "en"])
        #expect(rows.map { "\($0.group):\($0.term):\($0.count):\($0.documentFrequency):\($0.rank)" }
                == ["en:soft:2:1:1", "en:power:1:1:2", "ko:korea:1:1:1", "ko:power:1:1:2"])
    }
}
