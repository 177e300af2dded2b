import WaveTerms
import WaveCorpus

/// Key findings: plain sentences generated from the coverage measures. A finding
/// resting on fewer documents than the minimum n, or whose interval holds zero,
/// says so instead of claiming.
extension ReportModel {
    static func keyFindings(_ a: CorpusAnalysis, _ c: CoverageMeasures) -> ReportSection {
        let targets = a.targets.all
        var findings: [ReportFinding] = []
        let counts = a.targets.focusOrder.compactMap { f in a.counts.byFocus[f].map { "\(focusLabel(f, a.targets)) \($0)" } }
        findings.append(ReportFinding(text: "The run analysed \(a.counts.documents) document\(a.counts.documents == 1 ? "" : "s"): \(counts.joined(separator: ", ")).",
                                      claim: true, anchor: "manifest", sectionTitle: "Run manifest"))
        if targets.count >= 2 {
            findings.append(framingFinding(c, a.targets))
            findings.append(sentimentFinding(c, targets[0].label, targets[1].label))
        }
        if let f = shiftFinding(c.framingShift, c, measure: "framing index", up: "toward forward-facing", down: "toward nostalgia",
                                anchor: "framing-over-time", section: "Framing over time") { findings.append(f) }
        if let f = shiftFinding(c.sentimentShift, c, measure: "mean sentiment", up: "toward more positive", down: "toward more negative",
                                anchor: "sentiment-over-time", section: "Sentiment over time") { findings.append(f) }
        if let f = outletFinding(c) { findings.append(f) }
        return ReportSection(title: "Key findings", blocks: [
            .text("Generated from the numbers below; each finding gives its n (documents) and a bootstrap 95 % interval and links to its section. A finding on fewer than \(c.minimumDocuments) documents, or whose interval holds zero, says so instead of claiming."),
            .findings(findings),
        ], anchor: "key-findings")
    }

    static func lean(_ i: Bootstrap.Interval) -> String {
        i.upper < 0 ? "leans toward nostalgia" : i.lower > 0 ? "leans forward-facing" : "is balanced between nostalgia and forward-facing (its interval holds 0)"
    }

    static func framingFinding(_ c: CoverageMeasures, _ targets: Targets) -> ReportFinding {
        let first = targets.all[0].label, second = targets.all[1].label
        let section = "Framing by target"
        guard let d = c.framingDifference, let a = d.first.interval, let b = d.second.interval,
              a.count >= c.minimumDocuments, b.count >= c.minimumDocuments else {
            let n = c.framingByFocus.filter { targets.keys.prefix(2).contains($0.group) }.map { "\(focusLabel($0.group, targets)) n = \($0.n)" }.joined(separator: ", ")
            return ReportFinding(text: "Too few documents to compare how \(first) and \(second) are framed (\(n.isEmpty ? "no framed documents" : n)); each needs at least \(c.minimumDocuments) documents with a nostalgia or forward-facing hit.",
                                 claim: false, anchor: "framing", sectionTitle: section)
        }
        var text = "\(first)-focused coverage \(lean(a)) (framing index \(ci(a)), n = \(a.count)); \(second)-focused coverage \(lean(b)) (\(ci(b)), n = \(b.count)). "
        let diff = "\(SVGChart.signed(d.difference)) [\(SVGChart.signed(d.lower)), \(SVGChart.signed(d.upper))]"
        if d.spansZero {
            text += "The difference, \(diff), holds 0: no clear difference in framing."
        } else {
            text += "\(second)-focused coverage is more \(d.difference > 0 ? "forward-facing" : "nostalgic") than \(first)-focused coverage: the difference (\(second) − \(first)) is \(diff)."
        }
        return ReportFinding(text: text, claim: !d.spansZero, anchor: "framing", sectionTitle: section)
    }

    static func tone(_ i: Bootstrap.Interval) -> String {
        i.lower > 0 ? "positive" : i.upper < 0 ? "negative" : "neutral on balance"
    }

    static func sentimentFinding(_ c: CoverageMeasures, _ first: String, _ second: String) -> ReportFinding {
        let section = "Sentiment toward each target"
        guard let d = c.sentimentTowardDifference, let a = d.first.interval, let b = d.second.interval,
              a.count >= c.minimumDocuments, b.count >= c.minimumDocuments else {
            let n = c.sentimentToward.prefix(2).map { "n = \($0.n)" }.joined(separator: " and ")
            return ReportFinding(text: "Too few documents mention \(first) and \(second) (\(n)) to compare the sentiment toward them; each needs at least \(c.minimumDocuments).",
                                 claim: false, anchor: "sentiment", sectionTitle: section)
        }
        var text = "Sentiment toward \(first) is \(tone(a)) (\(ci(a)), n = \(a.count) documents); toward \(second) it is \(tone(b)) (\(ci(b)), n = \(b.count))"
            + ([a, b].contains { $0.lower <= 0 && $0.upper >= 0 } ? "; an interval holding 0 means neither positive nor negative. " : ". ")
        let diff = "\(SVGChart.signed(d.difference)) [\(SVGChart.signed(d.lower)), \(SVGChart.signed(d.upper))]"
        if d.spansZero {
            text += "The difference, \(diff), holds 0: no clear difference in tone."
        } else {
            text += "\(second) is written about more \(d.difference > 0 ? "positively" : "negatively") than \(first): the difference (\(second) − \(first)) is \(diff)."
        }
        return ReportFinding(text: text, claim: !d.spansZero, anchor: "sentiment", sectionTitle: section)
    }

    static func shiftFinding(_ d: CoverageMeasures.Difference?, _ c: CoverageMeasures, measure: String, up: String, down: String,
                             anchor: String, section: String) -> ReportFinding? {
        guard let d else { return nil }
        guard let a = d.first.interval, let b = d.second.interval, a.count >= c.minimumDocuments, b.count >= c.minimumDocuments else {
            return ReportFinding(text: "Too few dated documents with a \(measure) (\(d.first.n) and \(d.second.n) in the earlier and later half) to say how it moves over time.",
                                 claim: false, anchor: anchor, sectionTitle: section)
        }
        let diff = "\(SVGChart.signed(d.difference)) [\(SVGChart.signed(d.lower)), \(SVGChart.signed(d.upper))]"
        var text = "From the earlier half of the dated coverage (\(d.first.group), n = \(a.count)) to the later half (\(d.second.group), n = \(b.count)), the \(measure) went from \(SVGChart.signed(a.mean)) to \(SVGChart.signed(b.mean)): "
        text += d.spansZero ? "a change of \(diff), whose interval holds 0: no clear trend." : "a shift \(d.difference > 0 ? up : down) of \(diff)."
        return ReportFinding(text: text, claim: !d.spansZero, anchor: anchor, sectionTitle: section)
    }

    static func outletFinding(_ c: CoverageMeasures) -> ReportFinding? {
        let enough = c.framingBySite.filter { $0.n >= c.minimumDocuments && $0.group != CoverageMeasures.noOutlet }.sorted { ($0.interval?.mean ?? 0, $0.group) < ($1.interval?.mean ?? 0, $1.group) }
        guard let low = enough.first, let high = enough.last, enough.count >= 2, let l = low.interval, let h = high.interval else {
            return ReportFinding(text: "Fewer than two outlets have \(c.minimumDocuments) or more framed documents: outlets are not compared.",
                                 claim: false, anchor: "framing-by-outlet", sectionTitle: "Framing by outlet")
        }
        let overlap = l.upper >= h.lower
        let text = "Across the \(enough.count) outlets with at least \(c.minimumDocuments) framed documents, the framing index runs from \(ci(l)) at \(low.group) (n = \(l.count)) to \(ci(h)) at \(high.group) (n = \(h.count))"
            + (overlap ? "; their intervals overlap, so the outlets do not clearly differ." : ".")
        return ReportFinding(text: text, claim: !overlap, anchor: "framing-by-outlet", sectionTitle: "Framing by outlet")
    }

    /// The run manifest: files, counts, options, segmenter, version, durations.
    static func manifest(_ s: RunSummary) -> ReportSection {
        var rows: [[ReportCell]] = [
            ["program", ReportCell(code: "\(s.tool) \(s.version)")], ["corpus", ReportCell(s.corpus)],
            ["started", ReportCell(code: s.startedAt)], ["duration", "\(CSVTable.number(s.seconds, decimals: 1)) s"],
            ["files seen", "\(s.files.seen)"], ["files read", "\(s.files.ingested)"], ["files failed", "\(s.files.failed)"],
            ["files skipped", "\(s.files.skipped)"], ["documents", "\(s.documents)"], ["tokens", "\(s.tokens)"],
            ["Japanese segmenter", ReportCell(s.japaneseSegmenter)],
        ]
        for (stage, seconds) in s.stageSeconds.sorted(by: { $0.key < $1.key }) {
            rows.append(["stage \(stage)", "\(CSVTable.number(seconds, decimals: 2)) s"])
        }
        var blocks: [ReportBlock] = [.table(ReportTable(header: ["", "value"], rows: rows))]
        if !s.skippedFiles.isEmpty {
            blocks.append(.subheading("Skipped files (not a supported format)", bold: true))
            blocks.append(.table(ReportTable(header: ["file"], text: s.skippedFiles.prefix(200).map { [$0] })))
            if s.skippedFiles.count > 200 { blocks.append(.text("… and \(s.skippedFiles.count - 200) more (summary.json).")) }
        }
        if let records = s.skippedRecords, !records.isEmpty {
            blocks.append(.subheading("Skipped records (no HTML page with text)", bold: true))
            blocks.append(.table(ReportTable(header: ["file", "code", "reason"],
                                             text: records.prefix(200).map { [$0.path, $0.code, $0.reason] })))
            if records.count > 200 { blocks.append(.text("… and \(records.count - 200) more (summary.json).")) }
        }
        blocks.append(.text("Failed files are listed under \"Files that failed\"; all counts are in summary.json."))
        return ReportSection(title: "Run manifest", blocks: blocks, anchor: "manifest")
    }
}
