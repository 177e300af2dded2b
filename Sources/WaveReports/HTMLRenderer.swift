/// Lays a ``ReportModel`` out as one self-contained HTML page (`report.html`):
/// inline CSS and SVG charts, no scripts, no external resources. All text is escaped.
struct HTMLRenderer {
    let model: ReportModel

    func render() -> String {
        var body = "<h1>\(e(model.title))</h1>"
        body += "<p class=\"meta\">Corpus <code>\(e(model.corpus))</code> · started \(e(model.startedAt)) · "
            + "\(CSVTable.number(model.seconds, decimals: 1)) s · Japanese segmenter: \(e(model.japaneseSegmenter))</p>"
        for section in model.sections {
            let separator = section.htmlLayout == .lines ? "\n" : ""
            let id = section.anchor.map { " id=\"\(e($0))\"" } ?? ""
            body += "<h2\(id)>\(e(section.title))</h2>" + section.blocks.map { html($0, separator: separator) }.joined()
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>\(e(model.title))</title>
        <style>
        body{font-family:system-ui,"Noto Sans CJK JP",sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;overflow-wrap:anywhere}
        svg{max-width:100%;height:auto}figure{margin:1em 0}figcaption{font-size:13px;color:#444}details{margin:.3em 0 1em}summary{cursor:pointer;font-size:13px}
        ol.findings li{margin:.5em 0}ol.findings li.caution{color:#555;font-style:italic}mark{background:#fde68a}
        .kwic{font-size:14px}.kwic .src{color:#666;font-size:12px}
        table{border-collapse:collapse;margin:1em 0;font-size:13px;display:block;overflow-x:auto;max-width:100%}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
        th{background:#f3f3f3}.meta{color:#666}svg{display:block;margin:1em 0}cite{color:#666;font-size:12px}
        </style></head><body>
        \(body)
        </body></html>

        """
    }

    private func html(_ block: ReportBlock, separator: String) -> String {
        switch block {
        case .paragraph(let lines):
            return "<p>" + e(lines.map(\.text).joined(separator: " ")) + "</p>" + separator
        case .subheading(let text, _):
            return "<h3>\(e(text))</h3>" + separator
        case .table(let table):
            return self.table(table, separator: separator)
        case .chart(let chart):
            return svg(chart)
        case .evidence(let items):
            return "<ul>" + items.map { "<li>\(e($0.sentence)) <cite>\(e($0.source))</cite></li>" }.joined() + "</ul>"
        case .termCounts(let name, let items):
            return "<p><strong>\(e(name))</strong>: " + e(items.map { "\($0.term) (\($0.count))" }.joined(separator: ", ")) + "</p>"
        case .findings(let items):
            return "<ol class=\"findings\">" + items.map { f in
                "<li class=\"\(f.claim ? "claim" : "caution")\">\(e(f.text)) <a href=\"#\(e(f.anchor))\">\(e(f.sectionTitle)) →</a></li>"
            }.joined() + "</ol>" + separator
        case .figure(let chart, let table):
            return "<figure>" + svg(chart) + "<figcaption>\(e(chartSummary(chart)))</figcaption><details><summary>Table of the chart's numbers</summary>"
                + self.table(table, separator: separator) + "</details></figure>" + separator
        case .keywordsInContext(let items):
            return "<ul class=\"kwic\">" + items.map { k in
                "<li>\(e(k.before))" + (k.match.isEmpty ? "" : "<mark>\(e(k.match))</mark>") + "\(e(k.after)) <span class=\"src\">\(e(k.source))"
                    + (k.copies > 1 ? " · \(k.copies) copies" : "") + "</span></li>"
            }.joined() + "</ul>" + separator
        case .blankLine, .only(.markdown, _):
            return ""
        case .only(.html, let inner):
            return html(inner, separator: separator)
        }
    }

    private func table(_ table: ReportTable, separator: String) -> String {
        let head = "<tr>" + table.header.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
        let rows = table.rows.map { "<tr>" + $0.map { "<td>\(e($0.text))</td>" }.joined() + "</tr>" + separator }.joined()
        if table.sectioned {
            return "<table><thead>\(head)</thead><tbody>\(rows)</tbody></table>" + separator
        }
        return "<table>" + separator + head + separator + rows + "</table>" + separator
    }

    private func svg(_ chart: ReportChart) -> String {
        switch chart {
        case .lines(let title, let categories, let series):
            return SVGChart.lines(categories: categories, series: series, title: title)
        case .divergingBars(let title, let categories, let series):
            return SVGChart.divergingBars(categories: categories, series: series, title: title)
        case .bars(let title, let labels, let values):
            return SVGChart.bars(labels: labels, values: values, title: title)
        case .intervals(let c): return SVGChart.intervals(c)
        case .timeline(let c): return SVGChart.timeline(c)
        case .keyness(let c): return SVGChart.keyness(c)
        }
    }

    private func chartSummary(_ chart: ReportChart) -> String {
        switch chart {
        case .intervals(let c): return c.summary
        case .timeline(let c): return c.summary
        case .keyness(let c): return c.summary
        case .bars(let title, let labels, let values):
            return title + ": " + zip(labels, values).map { "\($0) \(CSVTable.number($1, decimals: 1))" }.joined(separator: ", ") + "."
        case .lines(let title, _, _), .divergingBars(let title, _, _): return title
        }
    }

    private func e(_ s: String) -> String { HTML.escape(s) }
}
