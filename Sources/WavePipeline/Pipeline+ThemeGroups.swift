import Foundation
import WaveReports
import WaveTerms
import WaveThemes

extension Pipeline {
    /// Dimensions the documents are grouped by, in report order.
    static let groupDimensions: [(name: String, key: @Sendable (DocumentRecord) -> String)] = [
        ("year", { $0.year ?? "undated" }),
        ("site", { ($0.site?.isEmpty == false ? $0.site : nil) ?? "unknown" }),
        ("language", { $0.language }),
        ("focus", { $0.focus }),
    ]

    /// Theme rates, the framing index and sentiment per group (year, site,
    /// language, country focus), each a mean over the group's documents with a
    /// seeded bootstrap 95 % interval: `themes_by_group.csv` and a report section.
    ///
    /// - Complexity: O(groups · measures · resamples · n).
    static func themeGroups(documents: [DocumentRecord], themes: [ThemeInfo],
                            bootstrap: Bootstrap = Bootstrap()) -> (section: ReportSection, table: OutputTable) {
        let topThemes = themes.filter { $0.parent == nil }.map(\.path)
        let measures = topThemes.map { "rate:\($0)" } + ["framing_index", "sentiment"]
        let statistics = GroupStatistics(bootstrap: bootstrap)
        var rows: [GroupStatistics.Row] = []
        for dimension in groupDimensions {
            var groups: [String: [[String: Double]]] = [:]
            for document in documents {
                var values: [String: Double] = ["sentiment": document.sentiment]
                for theme in topThemes { values["rate:\(theme)"] = document.themeRates[theme] ?? 0 }
                // The index is undefined for documents with neither nostalgia nor forward-facing hits.
                let n = document.themeHits[ThemeScorer.nostalgia] ?? 0
                let f = document.themeHits[ThemeScorer.forwardFacing] ?? 0
                if n + f > 0 { values["framing_index"] = document.framingIndex }
                groups[dimension.key(document), default: []].append(values)
            }
            rows += statistics.summarize(groups, dimension: dimension.name)
        }

        var csv = CSVTable(header: ["dimension", "group", "documents", "measure", "n", "mean", "ci_low", "ci_high"])
        for row in rows {
            for measure in measures {
                guard let interval = row.measures[measure] else {
                    csv.append([row.dimension, row.group, String(row.documents), measure, "0", "", "", ""])
                    continue
                }
                csv.append([row.dimension, row.group, String(row.documents), measure, String(interval.count),
                            CSVTable.number(interval.mean), CSVTable.number(interval.lower),
                            CSVTable.number(interval.upper)])
            }
        }

        func cell(_ interval: Bootstrap.Interval?, decimals: Int) -> String {
            guard let interval else { return "–" }
            let f = { (v: Double) in String(format: "%.\(decimals)f", v) }
            return "\(f(interval.mean)) [\(f(interval.lower)), \(f(interval.upper))]"
        }
        let columns = ["framing_index", "sentiment"] + topThemes.map { "rate:\($0)" }
        let headers = ["group", "docs", "framing index", "sentiment"] + topThemes
        var markdown = "Means per group with bootstrap 95 % intervals (\(bootstrap.resamples) resamples, seed "
            + "\(bootstrap.seed)). Theme columns are hits per 1,000 tokens; the framing index runs from −1 "
            + "(nostalgia) to +1 (forward-facing), over documents with at least one hit of either. "
            + "Full table: `themes_by_group.csv`.\n"
        var html = "<p>" + HTML.escape("Means per group with bootstrap 95 % intervals (\(bootstrap.resamples) resamples, seed \(bootstrap.seed)). Theme columns are hits per 1,000 tokens; the framing index runs from −1 (nostalgia) to +1 (forward-facing). Full table: themes_by_group.csv.") + "</p>\n"
        for dimension in groupDimensions {
            let dimensionRows = rows.filter { $0.dimension == dimension.name }
            guard !dimensionRows.isEmpty else { continue }
            markdown += "\n**By \(dimension.name)**\n\n| " + headers.map(MarkdownText.cell).joined(separator: " | ") + " |\n|"
                + String(repeating: "---|", count: headers.count) + "\n"
            html += "<h3>By \(HTML.escape(dimension.name))</h3>\n<table>\n<tr>"
                + headers.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>\n"
            for row in dimensionRows {
                let cells = [row.group, String(row.documents)]
                    + columns.map { cell(row.measures[$0], decimals: $0.hasPrefix("rate:") ? 1 : 2) }
                markdown += "| " + cells.map(MarkdownText.cell).joined(separator: " | ") + " |\n"
                html += "<tr>" + cells.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
            }
            html += "</table>\n"
        }
        return (ReportSection(title: "Themes and framing by group", markdown: markdown, html: html),
                OutputTable(name: "themes_by_group.csv", text: csv.text))
    }
}
