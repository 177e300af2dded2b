import WaveTerms

/// Theme rates, the framing index and sentiment per group of documents (year,
/// site, language, focus), each a mean with a seeded bootstrap 95 % interval
/// (`themes_by_group.csv`).
public struct GroupMeasures: Sendable {
    /// Dimensions the documents are grouped by, in report order.
    public static let dimensions: [(name: String, key: @Sendable (DocumentAnalysis) -> String)] = [
        ("year", { $0.year ?? "undated" }),
        ("site", { ($0.article.site?.isEmpty == false ? $0.article.site : nil) ?? "unknown" }),
        ("language", { $0.language.rawValue }),
        ("focus", { $0.focus.label }),
    ]

    public var bootstrap: Bootstrap
    /// The measures in table order: `rate:<theme>` per top-level theme, then
    /// `framing_index` and `sentiment`.
    public var measures: [String]
    /// Rows of every dimension, dimensions in ``dimensions`` order, groups sorted.
    public var rows: [GroupStatistics.Row]

    /// - Complexity: O(groups · measures · resamples · n).
    public init(_ documents: [DocumentAnalysis], topThemes: [String], bootstrap: Bootstrap = Bootstrap()) {
        self.bootstrap = bootstrap
        measures = topThemes.map { "rate:\($0)" } + ["framing_index", "sentiment"]
        let statistics = GroupStatistics(bootstrap: bootstrap)
        rows = []
        for dimension in Self.dimensions {
            var groups: [String: [[String: Double]]] = [:]
            for document in documents {
                var values: [String: Double] = ["sentiment": document.sentiment]
                for theme in topThemes { values["rate:\(theme)"] = document.themeRate(theme) }
                // Left out where undefined (no hit of either framing theme).
                if let index = document.framingIndex { values["framing_index"] = index }
                groups[dimension.key(document), default: []].append(values)
            }
            rows += statistics.summarize(groups, dimension: dimension.name)
        }
    }

    /// The rows of one dimension.
    public func rows(of dimension: String) -> [GroupStatistics.Row] {
        rows.filter { $0.dimension == dimension }
    }
}
