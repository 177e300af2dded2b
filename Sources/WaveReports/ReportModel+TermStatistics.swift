import WaveTerms
import WaveCorpus

extension ReportModel {
    /// Keyness between each pair of targets, collocations and syndicated copies.
    static func termStatistics(_ t: CorpusTermStatistics, targets: Targets) -> [ReportSection] {
        t.keyness.map(keyness) + [collocations(t.collocations, targets: targets), duplicates(t.statistics, finder: t.settings.duplicates)]
    }

    /// A section of an intro and a table ("None." when it has no rows).
    static func tableSection(_ title: String, _ intro: String, _ header: [String], _ rows: [[String]]) -> ReportSection {
        let body: ReportBlock = rows.isEmpty ? .text("None.") : .table(ReportTable(header: header, text: rows, sectioned: true))
        return ReportSection(title: title, blocks: [.text(intro), body, .blankLine])
    }

    static func keyness(_ k: TargetKeyness) -> ReportSection {
        let scores = k.raw, n = 15
        let key = scores.filter { $0.logLikelihood > 0 }.prefix(n)
        let negative = scores.filter { $0.logLikelihood < 0 }.sorted { $0.logLikelihood < $1.logLikelihood }.prefix(n)
        let rows = (key + negative).map {
            [$0.term, $0.logLikelihood > 0 ? k.target : k.reference, String($0.targetCount), String($0.referenceCount),
             TermStatisticsTables.num($0.logLikelihood, 2), TermStatisticsTables.pValue($0.pLogLikelihood),
             TermStatisticsTables.num($0.logRatio, 2)]
        }
        let t = scores.first?.targetTotal ?? 0, r = scores.first?.referenceTotal ?? 0
        let shown = 12
        let forTarget = scores.filter { $0.logLikelihood > 0 && meaningful($0.term) }.prefix(shown)
        let forReference = scores.filter { $0.logLikelihood < 0 && meaningful($0.term) }.sorted { $0.logLikelihood < $1.logLikelihood }.prefix(shown)
        let bars = (Array(forTarget) + forReference.reversed()).map { ($0.term, $0.logLikelihood, $0.targetCount, $0.referenceCount) }
        var section = tableSection("Keyness: \(k.target) vs \(k.reference) (\(k.variable))",
                            "Key terms of the \(k.target) documents (\(t) tokens) against the \(k.reference) documents (\(r) tokens): signed G² (log-likelihood), its p-value (χ², 1 df) and the log ratio (log₂ of the relative-frequency ratio). All terms with their χ² are in keyness.csv, raw and with each syndicated cluster counted once.",
                            ["term", "key for", k.target, k.reference, "G²", "p", "log ratio"], rows)
        if !bars.isEmpty {
            let summary = "Key for \(k.target): " + forTarget.map { "\($0.term) (\($0.targetCount) : \($0.referenceCount))" }.joined(separator: ", ")
                + ". Key for \(k.reference): " + forReference.map { "\($0.term) (\($0.targetCount) : \($0.referenceCount))" }.joined(separator: ", ") + "."
            section.blocks.insert(.chart(.keyness(KeynessChart(title: "Key terms: \(k.target) against \(k.reference) documents", summary: summary,
                                                               target: k.target, reference: k.reference, terms: bars))), at: 1)
        }
        section.anchor = "keyness-\(k.target)-\(k.reference)"
        return section
    }

    /// Collocations per target: the bigrams one of whose terms is a name of the target
    /// (a gazetteer entry) and the other a meaningful term that is not, strongest first;
    /// a bigram that is itself a name (cool japan, south korea) is left out.
    static func targetCollocations(_ collocations: [Collocation], _ target: Targets.Target, count: Int = 12) -> [Collocation] {
        Array(collocations.lazy.filter { c in
            guard c.terms.count == 2, c.logLikelihood > 0, !target.isName(c.text) else { return false }
            let named = c.terms.map(target.isName)
            guard named[0] != named[1] else { return false }
            return meaningful(named[0] ? c.terms[1] : c.terms[0])
        }.prefix(count))
    }

    static func collocations(_ collocations: [Collocation], targets: Targets) -> ReportSection {
        let row: (Collocation) -> [String] = {
            [$0.text, String($0.count), String($0.documentFrequency), TermStatisticsTables.num($0.logLikelihood, 2),
             TermStatisticsTables.num($0.pointwiseMutualInformation, 2), TermStatisticsTables.num($0.tScore, 2)]
        }
        let header = ["collocation", "count", "documents", "G²", "PMI", "t-score"]
        var blocks: [ReportBlock] = [.text("Adjacent content terms within sentences, by log-likelihood G² (the words most bound to each other); trigrams and the 2×2 tables are in collocations.csv.")]
        for target in targets.all {
            let found = targetCollocations(collocations, target)
            blocks.append(.subheading("With the names of \(target.label)", bold: true))
            blocks.append(found.isEmpty
                ? .text("No collocation of a name of \(target.label) (a gazetteer entry) with another content term.")
                : .table(ReportTable(header: header, text: found.map(row), sectioned: true)))
        }
        let all = collocations.filter { $0.terms.count == 2 }.prefix(20).map(row)
        blocks.append(.subheading("All collocations", bold: true))
        blocks.append(all.isEmpty ? .text("None.") : .table(ReportTable(header: header, text: Array(all), sectioned: true)))
        return ReportSection(title: "Collocations", blocks: blocks + [.blankLine], anchor: "collocations")
    }

    static func duplicates(_ stats: TermStatistics, finder f: NearDuplicateFinder) -> ReportSection {
        let inClusters = stats.clusters.reduce(0) { $0 + $1.members.count }
        let rows = stats.clusters.prefix(10).enumerated().map { k, c in
            let d = stats.documents[c.representative]
            return [String(k + 1), String(c.members.count), d.title.isEmpty ? d.id : d.title, d.date,
                    TermStatisticsTables.num(c.similarities.min() ?? 1, 2)]
        }
        return tableSection("Syndicated copies",
                            "\(stats.clusters.count) clusters of near-duplicate documents hold \(inClusters) of \(stats.documents.count) documents; counted once each, the corpus has \(stats.corpus.counted.filter { $0 }.count) documents. MinHash over \(f.shingleSize)-term shingles, linked at exact Jaccard ≥ \(f.threshold). Members are in duplicates.csv.",
                            ["cluster", "documents", "representative", "date", "lowest Jaccard"], rows)
    }
}
