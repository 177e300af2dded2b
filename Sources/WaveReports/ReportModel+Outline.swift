/// A plain-text outline of the report model: what it says, not how it is drawn.
/// Snapshot tests compare it with an expected text, so a change of content shows as
/// a readable diff while a change of SVG layout does not.
extension ReportModel {
    /// The outline of the sections whose anchors are in `anchors` (all when nil).
    public func outline(anchors: Set<String>? = nil) -> String {
        sections.filter { anchors == nil || $0.anchor.map { anchors!.contains($0) } == true }.map { section in
            "## \(section.title)" + (section.anchor.map { " {#\($0)}" } ?? "") + "\n"
                + section.blocks.map { Self.outline($0) }.joined()
        }.joined(separator: "\n")
    }

    static func outline(_ block: ReportBlock) -> String {
        switch block {
        case .paragraph(let lines): return lines.map { "p: \($0.text)\n" }.joined()
        case .subheading(let text, _): return "### \(text)\n"
        case .table(let t): return outline(t)
        case .chart(let c): return outline(c)
        case .figure(let c, let t): return outline(c) + outline(t)
        case .evidence(let items): return items.map { "evidence: \($0.sentence) — \($0.source)\n" }.joined()
        case .keywordsInContext(let items):
            return items.map { "kwic: \($0.before)[\($0.match)]\($0.after) — \($0.source) ×\($0.copies)\n" }.joined()
        case .termCounts(let name, let items): return "terms \(name): " + items.map { "\($0.term) \($0.count)" }.joined(separator: ", ") + "\n"
        case .findings(let items):
            return items.map { "finding (\($0.claim ? "claim" : "caution"), #\($0.anchor)): \($0.text)\n" }.joined()
        case .blankLine: return ""
        case .only(let medium, let inner): return "[\(medium == .html ? "html" : "markdown") only] " + outline(inner)
        }
    }

    static func outline(_ t: ReportTable) -> String {
        "table: " + t.header.joined(separator: " | ") + "\n" + t.rows.map { "  " + $0.map(\.text).joined(separator: " | ") + "\n" }.joined()
    }

    static func outline(_ c: ReportChart) -> String {
        switch c {
        case .intervals(let c): return "chart (dot plot): \(c.title) — \(c.summary)\n"
        case .timeline(let c): return "chart (timeline, \(c.periods.count) \(c.unit)s): \(c.title) — \(c.summary)\n"
        case .keyness(let c): return "chart (keyness): \(c.title) — \(c.summary)\n"
        case .lines(let title, let categories, _): return "chart (lines): \(title) — \(categories.joined(separator: ", "))\n"
        case .divergingBars(let title, let categories, _): return "chart (bars): \(title) — \(categories.joined(separator: ", "))\n"
        case .bars(let title, let labels, _): return "chart (bars): \(title) — \(labels.joined(separator: ", "))\n"
        }
    }
}
