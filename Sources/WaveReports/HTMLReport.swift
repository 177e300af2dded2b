/// The report as one self-contained HTML page (`report.html`): inline CSS and
/// SVG charts, no scripts, no external resources. All article text is escaped.
struct HTMLReport {
    let data: ReportData

    func render() -> String {
        let s = data.summary
        var body = "<h1>Wavelength report</h1>"
        body += "<p class=\"meta\">Corpus <code>\(e(s.corpus))</code> · started \(e(s.startedAt)) · \(CSVTable.number(s.seconds, decimals: 1)) s · Japanese segmenter: \(e(s.japaneseSegmenter))</p>"

        body += "<h2>Corpus overview</h2><table><tr><th>files seen</th><th>read</th><th>failed</th><th>skipped</th><th>documents</th><th>tokens</th></tr>"
        body += "<tr><td>\(s.files.seen)</td><td>\(s.files.ingested)</td><td>\(s.files.failed)</td><td>\(s.files.skipped)</td><td>\(s.documents)</td><td>\(s.tokens)</td></tr></table>"
        body += "<p>By language: \(e(list(s.documentsByLanguage))). By format: \(e(list(s.documentsByFormat))). By country focus: \(e(list(s.documentsByFocus))).</p>"

        let themes = data.topThemes
        let years = data.themeRatesByYear
        body += "<h2>Themes over time</h2><p>Mean hits per 1,000 tokens per year of publication.</p>"
        body += SVGChart.lines(categories: years.map(\.year),
                               series: themes.map { t in (t.label, years.map { $0.rates[t.path] ?? 0 }) },
                               title: "Theme rate per 1,000 tokens by year")
        body += "<table><tr><th>year</th><th>documents</th>" + themes.map { "<th>\(e($0.label))</th>" }.joined() + "</tr>"
        for row in years {
            body += "<tr><td>\(e(row.year))</td><td>\(row.documents)</td>"
                + themes.map { "<td>\(CSVTable.number(row.rates[$0.path] ?? 0, decimals: 2))</td>" }.joined() + "</tr>"
        }
        body += "</table>"

        let focus = data.sentimentByFocus
        body += "<h2>Sentiment by country focus</h2><p>From −1 to +1. Toward Japan / Korea: the sentences that mention each.</p>"
        body += SVGChart.divergingBars(categories: focus.map(\.focus),
                                       series: [("overall", focus.map { Optional($0.overall) }),
                                                ("toward Japan", focus.map(\.japan)),
                                                ("toward Korea", focus.map(\.korea))],
                                       title: "Mean sentiment by country focus")
        body += "<table><tr><th>focus</th><th>documents</th><th>overall</th><th>toward Japan</th><th>toward Korea</th></tr>"
        for row in focus {
            body += "<tr><td>\(e(row.focus))</td><td>\(row.documents)</td><td>\(CSVTable.number(row.overall, decimals: 3))</td>"
                + "<td>\(row.japan.map { CSVTable.number($0, decimals: 3) } ?? "–")</td><td>\(row.korea.map { CSVTable.number($0, decimals: 3) } ?? "–")</td></tr>"
        }
        body += "</table>"

        body += "<h2>Top terms</h2>"
        for (language, rows) in MarkdownReport(data: data).topTerms(limit: 15) {
            body += SVGChart.bars(labels: rows.map(\.term), values: rows.map { Double($0.count) },
                                  title: "Top terms (\(language))")
        }

        body += "<h2>Theme evidence</h2>"
        for theme in themes {
            let examples = data.evidence.filter { $0.theme == theme.path }
            guard !examples.isEmpty else { continue }
            body += "<h3>\(e(theme.label))</h3><ul>"
            for x in examples { body += "<li>\(e(x.sentence)) <cite>\(e(x.title ?? x.documentID))</cite></li>" }
            body += "</ul>"
        }

        for section in data.sections {
            body += "<h2>\(e(section.title))</h2>\(section.html)"
        }

        body += "<h2>Files that failed</h2>"
        if s.failures.isEmpty {
            body += "<p>None.</p>"
        } else {
            body += "<table><tr><th>file</th><th>stage</th><th>code</th><th>reason</th></tr>"
            for f in s.failures {
                body += "<tr><td>\(e(f.path))</td><td>\(e(f.stage))</td><td>\(e(f.code))</td><td>\(e(f.reason))</td></tr>"
            }
            body += "</table>"
        }

        body += "<h2>Documents</h2><table><tr><th>id</th><th>date</th><th>lang</th><th>site</th><th>title</th><th>sentiment</th><th>Japan</th><th>Korea</th><th>framing</th></tr>"
        for d in data.documents {
            body += "<tr><td>\(e(d.id))</td><td>\(e(d.date ?? ""))</td><td>\(e(d.language))</td><td>\(e(d.site ?? ""))</td><td>\(e(d.title ?? ""))</td>"
                + "<td>\(CSVTable.number(d.sentiment, decimals: 3))</td><td>\(d.sentimentJapan.map { CSVTable.number($0, decimals: 3) } ?? "")</td>"
                + "<td>\(d.sentimentKorea.map { CSVTable.number($0, decimals: 3) } ?? "")</td><td>\(CSVTable.number(d.framingIndex, decimals: 2))</td></tr>"
        }
        body += "</table>"

        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>Wavelength report</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
        table{border-collapse:collapse;margin:1em 0;font-size:13px;display:block;overflow-x:auto;max-width:100%}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f3f3f3}.meta{color:#666}svg{display:block;margin:1em 0}cite{color:#666;font-size:12px}
        </style></head><body>
        \(body)
        </body></html>

        """
    }

    private func e(_ s: String) -> String { HTML.escape(s) }

    private func list(_ counts: [String: Int]) -> String { ReportData.describe(counts) }
}
