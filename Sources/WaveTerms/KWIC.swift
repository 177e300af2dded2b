import Foundation

/// One occurrence of a term or phrase in its context (a keyword-in-context line).
public struct ConcordanceLine: Sendable, Hashable {
    public var documentID: String
    /// Index of the sentence in the document.
    public var sentence: Int
    public var left: String
    /// The occurrence as it stands in the text.
    public var keyword: String
    public var right: String
}

/// Keyword in context over a run's stored documents (quanteda's `kwic`, AntConc's Concordance).
///
/// A match is a run of consecutive stored tokens (stopwords included) whose terms
/// equal the query's terms; a single query term also matches a promoted
/// multiword term equal to it. The context is `window` tokens each side, taken from
/// the original text (so spacing and punctuation stay) and crossing sentence edges.
public enum KWIC {
    /// - Parameters:
    ///   - terms: the query as normalized terms (tokenize it like the documents).
    ///   - window: tokens of context each side.
    /// - Complexity: O(tokens × query length).
    public static func lines(for terms: [String], in documents: [StoredDocument], window: Int = 5) -> [ConcordanceLine] {
        guard !terms.isEmpty else { return [] }
        var result: [ConcordanceLine] = []
        for document in documents {
            // Flat (sentence, token) positions of the document.
            var flat: [(sentence: Int, token: StoredToken)] = []
            for (s, sentence) in document.sentences.enumerated() {
                for token in sentence.tokens { flat.append((s, token)) }
            }
            var i = 0
            while i + terms.count <= flat.count {
                let matches = (0..<terms.count).allSatisfy { flat[i + $0].token.term == terms[$0] }
                    && flat[i].sentence == flat[i + terms.count - 1].sentence
                guard matches else { i += 1; continue }
                let end = i + terms.count - 1
                let s = flat[i].sentence
                let text = document.sentences[s].text
                let keyword = slice(text, flat[i].token.range.lowerBound, flat[end].token.range.upperBound)
                let reach = min(max(window, 0), flat.count)  // a huge window is the whole document, never an overflow
                let leftStart = max(0, i - reach), rightEnd = min(flat.count - 1, end + reach)
                let left = i == 0 ? "" : span(document, from: flat[leftStart], fromStart: true, to: flat[i], toStart: true)
                let right = end == flat.count - 1 ? "" : span(document, from: flat[end], fromStart: false, to: flat[rightEnd], toStart: false)
                result.append(ConcordanceLine(documentID: document.id, sentence: s, left: clean(left),
                                              keyword: clean(keyword), right: clean(right)))
                i = end + 1
            }
        }
        return result
    }

    /// KWIC over the store in a run's output `folder`, read one document at a time
    /// (``TokenStore/forEachDocument(folder:_:)``), so memory stays at one document's
    /// tokens whatever the store's size. Same lines as ``lines(for:in:window:)``.
    public static func lines(for terms: [String], inStoreAt folder: URL, window: Int = 5) throws -> [ConcordanceLine] {
        guard !terms.isEmpty else { return [] }
        var result: [ConcordanceLine] = []
        try TokenStore.forEachDocument(folder: folder) { document in
            // Skip documents without the first term before building their flat positions.
            guard document.sentences.contains(where: { $0.tokens.contains { $0.term == terms[0] } }) else { return }
            result += lines(for: terms, in: [document], window: window)
        }
        return result
    }

    /// The text from one token edge to another, sentences joined by a space.
    static func span(_ document: StoredDocument, from a: (sentence: Int, token: StoredToken), fromStart: Bool,
                     to b: (sentence: Int, token: StoredToken), toStart: Bool) -> String {
        let start = fromStart ? a.token.range.lowerBound : a.token.range.upperBound
        let end = toStart ? b.token.range.lowerBound : b.token.range.upperBound
        if a.sentence == b.sentence { return slice(document.sentences[a.sentence].text, start, end) }
        var parts = [slice(document.sentences[a.sentence].text, start, nil)]
        for s in (a.sentence + 1)..<b.sentence { parts.append(document.sentences[s].text) }
        parts.append(slice(document.sentences[b.sentence].text, 0, end))
        return parts.joined(separator: " ")
    }

    static func slice(_ text: String, _ start: Int, _ end: Int?) -> String {
        let utf8 = Array(text.utf8)
        let upper = min(end ?? utf8.count, utf8.count)
        let lower = min(max(0, start), upper)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }

    /// Collapses runs of white space (newlines included) to one space and trims the ends.
    static func clean(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
