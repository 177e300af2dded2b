/// One article as ingest delivers it: metadata plus the main text, decoded to
/// Unicode, with page furniture (navigation, ads, comments) removed.
///
/// An HTML page gives one article; a feed gives one article per item. Every
/// later stage identifies the article by ``id``.
public struct Article: Sendable, Hashable, Codable {
    /// Stable identifier: the path relative to the corpus root, plus `#N` for
    /// the N-th item (1-based) of a feed or archive.
    public var id: String
    /// Path of the source file relative to the corpus root.
    public var path: String
    /// 1-based item number inside a feed, WARC or news-XML file; `nil` for a page.
    public var item: Int?
    /// Canonical URL, if the page or feed item gives one.
    public var url: String?
    /// Headline, without the site name.
    public var title: String?
    /// Author names, cleaned of "By" and affiliations.
    public var authors: [String]
    /// Publication date, ISO 8601 (`2024-03-05` or `2024-03-05T09:30:00Z`).
    public var date: String?
    /// Site or outlet name.
    public var site: String?
    /// Declared language (primary BCP 47 subtag, lowercased: "en", "ja", "ko"),
    /// if the source declares one. Detection happens in the text stage.
    public var declaredLanguage: String?
    /// The source format.
    public var format: SourceFormat
    /// The charset the bytes were decoded from (canonical name), e.g. "UTF-8", "Shift_JIS".
    public var encoding: String
    /// The main text, one entry per paragraph.
    public var paragraphs: [String]
    /// Non-fatal problems met while reading this article (e.g. bytes replaced
    /// during decoding).
    public var warnings: [String]
    /// What kind of page the text came from (feeds and plain text: `.article`).
    public var pageType: PageType
    /// How sure the extractor is that ``paragraphs`` is the page's main text
    /// (0–1): high for a marked article body, low for a fallback to the best
    /// text blocks of a page without one.
    public var extractionConfidence: Double

    public init(id: String, path: String, item: Int? = nil, url: String? = nil, title: String? = nil,
                authors: [String] = [], date: String? = nil, site: String? = nil,
                declaredLanguage: String? = nil, format: SourceFormat, encoding: String,
                paragraphs: [String], warnings: [String] = [], pageType: PageType = .article,
                extractionConfidence: Double = 1) {
        self.id = id; self.path = path; self.item = item; self.url = url; self.title = title
        self.authors = authors; self.date = date; self.site = site
        self.declaredLanguage = declaredLanguage; self.format = format; self.encoding = encoding
        self.paragraphs = paragraphs; self.warnings = warnings
        self.pageType = pageType; self.extractionConfidence = extractionConfidence
    }

    /// The main text: paragraphs separated by a blank line.
    public var text: String { paragraphs.joined(separator: "\n\n") }
}

/// The kind of file an article came from.
public enum SourceFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case html, rss, atom, nitf, newsml, warc, text
}

/// The kind of web page, judged by its structure (markup, repeated blocks,
/// structured data), never by its site.
public enum PageType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A story, post or essay with one main text.
    case article
    /// A discussion thread: several posts by different people.
    case forum
    /// One product for sale: name, price, description.
    case product
    /// Links to many items (search results, archives, index pages).
    case listing
    /// A category or collection page: cards or tiles of items with short blurbs.
    case collection
    /// A company's page about what it offers (services, landing pages).
    case service
    /// Technical documentation: reference, guides with code.
    case documentation
    /// None of the above.
    case other
}
