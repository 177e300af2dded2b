/// The report as Markdown (`report.md`).
struct MarkdownReport {
    let data: ReportData

    func render() -> String {
        let s = data.summary
        var out = "# Wavelength report\n\n"
        out += "Corpus `\(cell(s.corpus))`, run started \(s.startedAt), \(CSVTable.number(s.seconds, decimals: 1)) s.\n\n"
        out += "## Corpus overview\n\n"
        out += "| | count |\n|---|---|\n"
        out += "| files seen | \(s.files.seen) |\n| files read | \(s.files.ingested) |\n"
        out += "| files failed | \(s.files.failed) |\n| files skipped (not a supported format) | \(s.files.skipped) |\n"
        out += "| documents | \(s.documents) |\n| tokens | \(s.tokens) |\n\n"
        out += "Documents by language: " + list(s.documentsByLanguage) + ".  \n"
        out += "By format: " + list(s.documentsByFormat) + ".  \n"
        out += "By country focus: " + list(s.documentsByFocus) + ".  \n"
        out += "Japanese segmenter: \(s.japaneseSegmenter).\n\n"

        out += "## Themes over time\n\nMean hits per 1,000 tokens of each theme, per year of publication.\n\n"
        let themes = data.topThemes
        out += "| year | documents | " + themes.map { cell($0.label) }.joined(separator: " | ") + " |\n"
        out += "|---|---|" + themes.map { _ in "---|" }.joined() + "\n"
        for row in data.themeRatesByYear {
            out += "| \(row.year) | \(row.documents) | "
                + themes.map { CSVTable.number(row.rates[$0.path] ?? 0, decimals: 2) }.joined(separator: " | ") + " |\n"
        }
        out += "\nTheme totals (hits): " + themes.map { "\($0.label) \(s.themeTotals[$0.path] ?? 0)" }.joined(separator: ", ") + ".\n\n"

        out += "## Sentiment by country focus\n\nScores run from −1 to +1; \"toward Japan\" averages the sentences that mention Japan, \"toward Korea\" those that mention Korea.\n\n"
        out += "| focus | documents | overall | toward Japan | toward Korea |\n|---|---|---|---|---|\n"
        for row in data.sentimentByFocus {
            out += "| \(row.focus) | \(row.documents) | \(CSVTable.number(row.overall, decimals: 3)) | "
                + "\(row.japan.map { CSVTable.number($0, decimals: 3) } ?? "–") | \(row.korea.map { CSVTable.number($0, decimals: 3) } ?? "–") |\n"
        }

        out += "\n## Top terms\n\n"
        for (language, rows) in topTerms() {
            out += "**\(language)**: " + rows.map { "\(cell($0.term)) (\($0.count))" }.joined(separator: ", ") + "\n\n"
        }

        out += "## Theme evidence\n\n"
        for theme in themes {
            let examples = data.evidence.filter { $0.theme == theme.path }
            guard !examples.isEmpty else { continue }
            out += "**\(cell(theme.label))**\n\n"
            for e in examples { out += "- \(cell(e.sentence)) — *\(cell(e.title ?? e.documentID))*\n" }
            out += "\n"
        }

        for section in data.sections {
            out += "## \(cell(section.title))\n\n\(section.markdown)\n\n"
        }

        out += "## Files that failed\n\n"
        if s.failures.isEmpty {
            out += "None.\n"
        } else {
            out += "| file | stage | code | reason |\n|---|---|---|---|\n"
            for f in s.failures { out += "| \(cell(f.path)) | \(f.stage) | \(f.code) | \(cell(f.reason)) |\n" }
        }
        out += "\n## Documents\n\n| id | date | language | title | sentiment | framing |\n|---|---|---|---|---|---|\n"
        for d in data.documents {
            out += "| \(cell(d.id)) | \(d.date ?? "") | \(d.language) | \(cell(d.title ?? "")) | \(CSVTable.number(d.sentiment, decimals: 3)) | \(CSVTable.number(d.framingIndex, decimals: 2)) |\n"
        }
        return out
    }

    func topTerms(limit: Int = 20) -> [(String, [TermRecord])] {
        Dictionary(grouping: data.terms, by: \.language).keys.sorted().map { language in
            (language, Array(data.terms.filter { $0.language == language && $0.rank <= limit }.sorted { $0.rank < $1.rank }))
        }
    }

    private func list(_ counts: [String: Int]) -> String { ReportData.describe(counts) }

    func cell(_ text: String) -> String { MarkdownText.cell(text) }
}

/// Escaping for text placed in Markdown.
public enum MarkdownText {
    /// Makes text safe inside a Markdown table cell and inert as Markdown/HTML.
    public static func cell(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "*", "_", "`", "[", "]", "\\": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }
}
