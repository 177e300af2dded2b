/// Lays a ``ReportModel`` out as Markdown (`report.md`). Text is escaped so
/// that article content stays inert as Markdown and as HTML.
struct MarkdownRenderer {
    let model: ReportModel

    func render() -> String {
        var out = "# \(cell(model.title))\n\n"
        out += "Corpus `\(cell(model.corpus))`, run started \(model.startedAt), \(CSVTable.number(model.seconds, decimals: 1)) s.\n\n"
        for section in model.sections {
            let anchor = section.anchor.map { "<a id=\"\($0)\"></a>\n\n" } ?? ""
            out += anchor + "## \(cell(section.title))\n\n" + section.blocks.map(markdown).joined()
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    private func markdown(_ block: ReportBlock) -> String {
        switch block {
        case .paragraph(let lines):
            return lines.map(text).joined(separator: "  \n") + "\n\n"
        case .subheading(let title, let bold):
            return bold ? "**\(cell(title))**\n\n" : "### \(cell(title))\n\n"
        case .table(let table):
            let head = "|" + table.header.map { $0.isEmpty ? " " : " \(cell($0)) " }.joined(separator: "|") + "|\n"
                + "|" + String(repeating: "---|", count: table.header.count) + "\n"
            return head + table.rows.map { "| " + $0.map(text).joined(separator: " | ") + " |\n" }.joined() + "\n"
        case .evidence(let items):
            return items.map { "- \(cell($0.sentence)) — *\(cell($0.source))*\n" }.joined() + "\n"
        case .termCounts(let name, let items):
            return "**\(cell(name))**: " + items.map { "\(cell($0.term)) (\($0.count))" }.joined(separator: ", ") + "\n\n"
        case .blankLine:
            return "\n"
        case .findings(let items):
            return items.enumerated().map { i, f in
                "\(i + 1). " + (f.claim ? "" : "*(not a claim)* ") + cell(f.text) + " ([\(cell(f.sectionTitle))](#\(f.anchor)))\n"
            }.joined() + "\n"
        case .figure(_, let table):
            return markdown(.table(table))
        case .keywordsInContext(let items):
            return items.map { k in
                "- \(cell(k.before))" + (k.match.isEmpty ? "" : "**\(cell(k.match))**") + "\(cell(k.after)) — *\(cell(k.source))*" + (k.copies > 1 ? " (\(k.copies) copies)" : "") + "\n"
            }.joined() + "\n"
        case .chart, .only(.html, _):
            return ""
        case .only(.markdown, let inner):
            return markdown(inner)
        }
    }

    private func text(_ cell: ReportCell) -> String { cell.code ? cell.text : self.cell(cell.text) }

    private func cell(_ text: String) -> String { MarkdownText.cell(text) }
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
