/// One analysed document, as the tables and reports show it.
public struct DocumentRecord: Sendable, Hashable, Codable {
    public var id: String
    public var path: String
    public var item: Int?
    public var url: String?
    public var title: String?
    public var authors: [String]
    public var date: String?
    public var language: String
    public var site: String?
    public var format: String
    public var encoding: String
    /// Word and number tokens, stopwords included.
    public var tokens: Int
    /// Content tokens counted as terms (stopwords removed).
    public var terms: Int
    public var sentences: Int
    /// Overall sentiment, −1…+1.
    public var sentiment: Double
    /// Sentiment of the sentences that mention Japan; nil when none does.
    public var sentimentJapan: Double?
    /// Sentiment of the sentences that mention Korea; nil when none does.
    public var sentimentKorea: Double?
    /// japan, korea, both or neither.
    public var focus: String
    /// Hits per theme path.
    public var themeHits: [String: Int]
    /// Hits per 1,000 tokens per theme path.
    public var themeRates: [String: Double]
    /// Sentiment of the sentences that hold each theme's hits.
    public var themeSentiment: [String: Double]
    /// (forward_facing − nostalgia) / (forward_facing + nostalgia), 0 when neither.
    public var framingIndex: Double
    public var warnings: [String]

    public init(id: String, path: String, item: Int?, url: String?, title: String?, authors: [String],
                date: String?, language: String, site: String?, format: String, encoding: String,
                tokens: Int, terms: Int, sentences: Int, sentiment: Double, sentimentJapan: Double?,
                sentimentKorea: Double?, focus: String, themeHits: [String: Int], themeRates: [String: Double],
                themeSentiment: [String: Double], framingIndex: Double, warnings: [String]) {
        self.id = id; self.path = path; self.item = item; self.url = url; self.title = title
        self.authors = authors; self.date = date; self.language = language; self.site = site
        self.format = format; self.encoding = encoding; self.tokens = tokens; self.terms = terms
        self.sentences = sentences; self.sentiment = sentiment; self.sentimentJapan = sentimentJapan
        self.sentimentKorea = sentimentKorea; self.focus = focus; self.themeHits = themeHits
        self.themeRates = themeRates; self.themeSentiment = themeSentiment
        self.framingIndex = framingIndex; self.warnings = warnings
    }

    /// Year and month of the date ("2023-04"), if the date has them.
    public var month: String? {
        guard let date, date.count >= 7 else { return nil }
        return String(date.prefix(7))
    }

    /// Year of the date ("2023").
    public var year: String? {
        guard let date, date.count >= 4, Int(date.prefix(4)) != nil else { return nil }
        return String(date.prefix(4))
    }
}

/// A file or document that failed at some stage, and why.
public struct FailureRecord: Sendable, Hashable, Codable {
    public var path: String
    public var stage: String
    public var code: String
    public var reason: String
    public init(path: String, stage: String, code: String, reason: String) {
        self.path = path; self.stage = stage; self.code = code; self.reason = reason
    }
}

/// A term row of `terms.csv`.
public struct TermRecord: Sendable, Hashable, Codable {
    public var term: String
    public var language: String
    public var count: Int
    public var documentFrequency: Int
    public var rank: Int
    public init(term: String, language: String, count: Int, documentFrequency: Int, rank: Int) {
        self.term = term; self.language = language; self.count = count
        self.documentFrequency = documentFrequency; self.rank = rank
    }
}

/// An example sentence for a theme (the report's evidence).
public struct EvidenceRecord: Sendable, Hashable, Codable {
    public var theme: String
    public var documentID: String
    public var title: String?
    public var sentence: String
    public init(theme: String, documentID: String, title: String?, sentence: String) {
        self.theme = theme; self.documentID = documentID; self.title = title; self.sentence = sentence
    }
}

/// A theme as the report names it.
public struct ThemeInfo: Sendable, Hashable, Codable {
    public var path: String
    public var label: String
    public var parent: String?
    public init(path: String, label: String, parent: String?) {
        self.path = path; self.label = label; self.parent = parent
    }
}
