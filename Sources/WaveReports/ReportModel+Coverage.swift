import WaveTerms
import WaveCorpus

/// The framing and sentiment sections: by target focus, over time and by outlet,
/// every mark a mean with its bootstrap interval and n.
extension ReportModel {
    /// Outlets shown one by one in the by-outlet charts; the rest are pooled.
    static let outletRows = 25

    static func mark(_ g: CoverageMeasures.Group, _ c: CoverageMeasures) -> IntervalMark? {
        g.interval.map { IntervalMark(mean: $0.mean, lower: $0.lower, upper: $0.upper, n: $0.count, few: $0.count < c.minimumDocuments) }
    }

    /// "+0.12 [+0.02, +0.20]".
    static func ci(_ i: Bootstrap.Interval?) -> String {
        guard let i else { return "–" }
        return "\(SVGChart.signed(i.mean)) [\(SVGChart.signed(i.lower)), \(SVGChart.signed(i.upper))]"
    }

    static func groupRows(_ groups: [CoverageMeasures.Group], _ c: CoverageMeasures, label: (String) -> String = { $0 }) -> [[String]] {
        groups.map { g in
            [label(g.group), String(g.documents), String(g.n), ci(g.interval),
             g.interval == nil ? "no value" : g.n < c.minimumDocuments ? "few documents (n < \(c.minimumDocuments))" : ""]
        }
    }

    static let groupHeader = ["group", "documents", "n", "mean [95 % interval]", "note"]

    static func focusLabel(_ focus: String, _ targets: Targets) -> String {
        if let t = targets.all.first(where: { $0.key == focus }) { return "\(t.label) focus" }
        return focus == "both" ? "both targets" : focus == "neither" ? "no target" : focus
    }

    static func intervalNote(_ c: CoverageMeasures) -> String {
        "Means with seeded bootstrap 95 % intervals (\(c.bootstrap.resamples) resamples, seed \(c.bootstrap.seed)); n is the number of documents a mean is over. Groups with fewer than \(c.minimumDocuments) documents are drawn grey and hollow and marked \"few\": read them as anecdotes."
    }

    static func framing(_ a: CorpusAnalysis, _ c: CoverageMeasures) -> [ReportSection] {
        let targets = a.targets
        let rows = c.framingByFocus.map { focusLabel($0.group, targets) }
        let chart = IntervalChart(
            title: "Framing index by target focus", summary: summary(c.framingByFocus, c, label: { focusLabel($0, targets) }),
            axis: "framing index (−1 nostalgia … +1 forward-facing)", rows: rows,
            series: [("framing index", c.framingByFocus.map { mark($0, c) })], domain: -1...1)
        let byTarget = ReportSection(title: "Framing: nostalgia or forward-facing, by target", blocks: [
            .text("The framing index of a document is (forward-facing − nostalgia) / (forward-facing + nostalgia) theme hits: −1 all nostalgia (heritage, classics, the golden age), +1 all forward-facing (innovation, the next generation). Documents without an index (no hit of either, or about no target) are left out; focus is the target a document is about (gazetteer mentions)."),
            .text(intervalNote(c)),
            .figure(.intervals(chart), ReportTable(header: groupHeader, text: groupRows(c.framingByFocus, c) { focusLabel($0, targets) })),
        ], anchor: "framing")
        return [byTarget,
                timeSection("Framing over time", anchor: "framing-over-time", c, c.framingByPeriod,
                            axis: "framing index", measure: "framing index"),
                outletSection("Framing by outlet", anchor: "framing-by-outlet", c, c.framingBySite,
                              axis: "framing index (−1 nostalgia … +1 forward-facing)", domain: -1...1)]
    }

    static func sentiment(_ a: CorpusAnalysis, _ c: CoverageMeasures) -> [ReportSection] {
        let targets = a.targets
        let overall = [c.sentimentOverall] + c.sentimentToward
        let label: (String) -> String = { g in targets.all.first { $0.key == g }.map { "toward \($0.label)" } ?? g }
        let overallChart = IntervalChart(
            title: "Sentiment overall and toward each target", summary: summary(overall, c, label: label),
            axis: "sentiment (−1 … +1)", rows: overall.map { label($0.group) },
            series: [("sentiment", overall.map { mark($0, c) })], domain: -0.2...0.2)
        let focusRows = c.sentimentByFocus.map { focusLabel($0.group, targets) }
        var series: [(name: String, marks: [IntervalMark?])] = [("overall", c.sentimentByFocus.map { mark($0, c) })]
        for t in targets.all { series.append(("toward \(t.label)", (c.sentimentTowardByFocus[t.key] ?? []).map { mark($0, c) })) }
        var focusTable: [[String]] = []
        for (name, groups) in [("overall", c.sentimentByFocus)] + targets.all.map({ ("toward \($0.label)", c.sentimentTowardByFocus[$0.key] ?? []) }) {
            focusTable += groupRows(groups, c) { focusLabel($0, targets) + ", " + name }
        }
        let focusChart = IntervalChart(
            title: "Sentiment by target focus", summary: "Mean sentiment per target focus, overall and toward each target. " + summary(c.sentimentByFocus, c, label: { focusLabel($0, targets) }),
            axis: "sentiment (−1 … +1)", rows: focusRows, series: series, domain: -0.2...0.2)
        let main = ReportSection(title: "Sentiment overall and toward each target", blocks: [
            .text("Document sentiment runs from −1 to +1; sentiment toward a target is scored at each of its mentions (the sentence's sentiment toward that mention, not the whole sentence's), pooled per document and averaged over the documents that mention it (n)."),
            .text(intervalNote(c)),
            .figure(.intervals(overallChart), ReportTable(header: groupHeader, text: groupRows(overall, c, label: label))),
            .figure(.intervals(focusChart), ReportTable(header: groupHeader, text: focusTable)),
        ], anchor: "sentiment")
        return [main,
                timeSection("Sentiment over time", anchor: "sentiment-over-time", c, c.sentimentByPeriod,
                            axis: "sentiment", measure: "mean document sentiment"),
                outletSection("Sentiment by outlet", anchor: "sentiment-by-outlet", c, c.sentimentBySite,
                              axis: "sentiment (−1 … +1)", domain: -0.2...0.2)]
    }

    static func timeSection(_ title: String, anchor: String, _ c: CoverageMeasures, _ groups: [CoverageMeasures.Group],
                            axis: String, measure: String) -> ReportSection {
        let withData = groups.filter { $0.interval != nil }
        var blocks: [ReportBlock] = [.text("Per \(c.period.rawValue) (chosen from the span of the dates: month up to 3 years, quarter up to 10, year beyond). The axis runs through every \(c.period.rawValue) of the span, so a \(c.period.rawValue) without documents is a gap in the line. \(c.undated) document\(c.undated == 1 ? "" : "s") without a date precise enough \(c.undated == 1 ? "is" : "are") left out.")]
        if withData.isEmpty {
            blocks.append(.text("No dated document has a value."))
        } else {
            let chart = TimelineChart(title: "\(title) (per \(c.period.rawValue))",
                                      summary: "\(measure.prefix(1).uppercased() + measure.dropFirst()) per \(c.period.rawValue), \(groups.first?.group ?? "") to \(groups.last?.group ?? ""); \(withData.count) of \(groups.count) periods have data. " + summary(withData, c),
                                      axis: axis, unit: c.period.rawValue, periods: groups.map(\.group),
                                      series: [(measure, groups.map { mark($0, c) })])
            blocks.append(.figure(.timeline(chart), ReportTable(header: [c.period.rawValue] + groupHeader.dropFirst(), text: groupRows(withData, c))))
        }
        return ReportSection(title: title, blocks: blocks, anchor: anchor)
    }

    static func outletSection(_ title: String, anchor: String, _ c: CoverageMeasures, _ groups: [CoverageMeasures.Group],
                              axis: String, domain: ClosedRange<Double>) -> ReportSection {
        // Outlets with enough documents by mean; then the small ones by size, greyed; beyond the cap, a count;
        // last the documents without an outlet, pooled and labelled as such (not an outlet).
        let valued = groups.filter { $0.interval != nil && $0.group != CoverageMeasures.noOutlet }
        let enough = valued.filter { $0.n >= c.minimumDocuments }.sorted { ($0.interval?.mean ?? 0, $0.group) < ($1.interval?.mean ?? 0, $1.group) }
        let small = valued.filter { $0.n < c.minimumDocuments }.sorted { ($1.n, $0.group) < ($0.n, $1.group) }
        let unnamed = groups.filter { $0.interval != nil && $0.group == CoverageMeasures.noOutlet }
        let shown = Array((enough + small).prefix(outletRows)) + unnamed
        let hidden = valued.count + unnamed.count - shown.count
        var text = "\(enough.count) outlet\(enough.count == 1 ? "" : "s") with at least \(c.minimumDocuments) documents, ordered by mean; outlets with fewer are greyed below them"
            + (hidden > 0 ? "; \(hidden) more small outlets are in themes_by_group.csv." : ".")
        if let u = unnamed.first {
            text += u.documents == 1
                ? " The document whose outlet is not known (no site in the page or feed) is in the last row, \(outletLabel(u.group)); it is not an outlet and is not compared."
                : " The \(u.documents) documents whose outlet is not known (no site in the page or feed) are pooled in the last row, \(outletLabel(u.group)); they are not an outlet and are not compared."
        }
        var blocks: [ReportBlock] = [.text(text)]
        if shown.isEmpty {
            blocks.append(.text("No outlet has a value."))
        } else {
            let chart = IntervalChart(title: title, summary: summary(shown, c, label: outletLabel), axis: axis, rows: shown.map { outletLabel($0.group) },
                                      series: [(title, shown.map { mark($0, c) })], domain: domain)
            blocks.append(.figure(.intervals(chart), ReportTable(header: ["outlet"] + groupHeader.dropFirst(), text: groupRows(shown, c, label: outletLabel))))
        }
        return ReportSection(title: title, blocks: blocks, anchor: anchor)
    }

    /// An outlet's name; the pooled documents without one are "(outlet not known)".
    static func outletLabel(_ group: String) -> String {
        group == CoverageMeasures.noOutlet ? "(outlet not known)" : group
    }

    /// The text alternative of a chart of groups: each group's mean, interval and n.
    static func summary(_ groups: [CoverageMeasures.Group], _ c: CoverageMeasures, label: (String) -> String = { $0 }) -> String {
        let parts = groups.map { g in
            g.interval.map { "\(label(g.group)) \(ci($0)), n = \($0.count)" + ($0.count < c.minimumDocuments ? " (few)" : "") }
                ?? "\(label(g.group)) no value"
        }
        return parts.isEmpty ? "No groups." : parts.joined(separator: "; ") + "."
    }
}
