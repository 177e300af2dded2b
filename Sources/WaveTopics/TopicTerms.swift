/// The terms topic models see, and which of them a language's model keeps:
/// the one rule the run, `wavelength topics` and the topic benchmark share.
public enum TopicTerms {
    /// A document's content terms without digits, and without one-letter terms
    /// other than ideographs.
    public static func filter(_ terms: [String]) -> [String] {
        terms.filter { term in
            if term.unicodeScalars.contains(where: { $0.properties.numericType != nil }) { return false }
            if term.unicodeScalars.count == 1 { return term.unicodeScalars.first?.properties.isIdeographic ?? false }
            return true
        }
    }

    /// The smallest document frequency of a kept term for a corpus of `documents`:
    /// 5, 2 below 100 documents, 1 below 20.
    public static func minDocumentFrequency(documents: Int) -> Int {
        documents >= 100 ? 5 : documents >= 20 ? 2 : 1
    }

    /// The largest share of documents a kept term may be in: half, all under 10 documents.
    public static func maxDocumentShare(documents: Int) -> Double {
        documents >= 10 ? 0.5 : 1
    }

    /// The training corpus of one language's documents (terms already filtered).
    public static func corpus<Documents: Collection>(_ documents: Documents) -> TopicCorpus where Documents.Element == [String] {
        TopicCorpus(documents: documents, minDocumentFrequency: minDocumentFrequency(documents: documents.count),
                    maxDocumentShare: maxDocumentShare(documents: documents.count))
    }
}
