import Foundation
import WaveTerms
import WaveCorpus

extension ReportModel {
    /// Means per group with their intervals, one table per dimension.
    static func groups(_ g: GroupMeasures, themes: [ThemeInfo]) -> ReportSection {
        let b = g.bootstrap
        let topThemes = themes.map(\.path)
        let columns = ["framing_index", "sentiment"] + topThemes.map { "rate:\($0)" }
        let headers = ["group", "docs", "framing index", "sentiment"] + topThemes
        var blocks: [ReportBlock] = [
            .only(.markdown, .paragraph([ReportCell(code: "Means per group with bootstrap 95 % intervals (\(b.resamples) resamples, seed "
                + "\(b.seed)). Theme columns are hits per 1,000 tokens; the framing index runs from −1 "
                + "(nostalgia) to +1 (forward-facing), over documents with at least one hit of either. "
                + "Full table: `themes_by_group.csv`.")])),
            .only(.html, .text("Means per group with bootstrap 95 % intervals (\(b.resamples) resamples, seed \(b.seed)). Theme columns are hits per 1,000 tokens; the framing index runs from −1 (nostalgia) to +1 (forward-facing). Full table: themes_by_group.csv.")),
        ]
        for dimension in GroupMeasures.dimensions.map(\.name) {
            let rows = g.rows(of: dimension)
            guard !rows.isEmpty else { continue }
            blocks.append(.subheading("By \(dimension)", bold: true))
            blocks.append(.table(ReportTable(header: headers, text: rows.map { row in
                [row.group, String(row.documents)]
                    + columns.map { interval(row.measures[$0], decimals: $0.hasPrefix("rate:") ? 1 : 2) }
            })))
        }
        blocks.append(.blankLine)
        return ReportSection(title: "Themes and framing by group", blocks: blocks, htmlLayout: .lines)
    }

    /// "0.12 [0.01, 0.30]", or "–" when the group has no value.
    static func interval(_ interval: Bootstrap.Interval?, decimals: Int) -> String {
        guard let interval else { return "–" }
        let f = { (v: Double) in String(format: "%.\(decimals)f", v) }
        return "\(f(interval.mean)) [\(f(interval.lower)), \(f(interval.upper))]"
    }
}
