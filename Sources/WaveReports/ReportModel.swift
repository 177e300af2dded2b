/// The report as data: sections of blocks (text, tables, charts, evidence),
/// built once from a run's ``CorpusAnalysis`` and laid out by one HTML and one
/// Markdown renderer. Nothing here computes a figure; every number comes from
/// the corpus stage.
public struct ReportModel: Sendable {
    public var title = "Wavelength report"
    /// The run's corpus folder, start time, duration and Japanese segmenter (the header line).
    public var corpus: String
    public var startedAt: String
    public var seconds: Double
    public var japaneseSegmenter: String
    public var sections: [ReportSection]

    public init(corpus: String, startedAt: String, seconds: Double, japaneseSegmenter: String,
                sections: [ReportSection]) {
        self.corpus = corpus; self.startedAt = startedAt; self.seconds = seconds
        self.japaneseSegmenter = japaneseSegmenter; self.sections = sections
    }
}

/// One section (a second-level heading) and its blocks.
public struct ReportSection: Sendable, Codable {
    public var title: String
    public var blocks: [ReportBlock]
    /// How the HTML renderer separates this section's elements (the Markdown
    /// renderer ignores it).
    public var htmlLayout: HTMLLayout = .compact
    /// The section's fragment id (`#framing`), which key findings link to.
    public var anchor: String?

    public enum HTMLLayout: String, Sendable, Codable { case compact, lines }

    public init(title: String, blocks: [ReportBlock], htmlLayout: HTMLLayout = .compact, anchor: String? = nil) {
        self.title = title; self.blocks = blocks; self.htmlLayout = htmlLayout; self.anchor = anchor
    }
}

/// Which renderer shows a block.
public enum ReportMedium: String, Sendable, Codable { case html, markdown }

/// A piece of a section. Text is plain: the renderers escape it.
public indirect enum ReportBlock: Sendable {
    /// A paragraph; its lines are joined by hard line breaks in Markdown.
    case paragraph([ReportCell])
    /// A third-level heading; Markdown writes it as a bold line when `bold`.
    case subheading(String, bold: Bool)
    case table(ReportTable)
    /// A chart (HTML only: the Markdown report carries the numbers as tables).
    case chart(ReportChart)
    /// Example sentences with their source.
    case evidence([(sentence: String, source: String)])
    /// Terms with counts in one line under a bold name (Markdown's top terms).
    case termCounts(String, [(term: String, count: Int)])
    /// An empty line (Markdown only).
    case blankLine
    /// A block only one renderer shows.
    case only(ReportMedium, ReportBlock)
    /// Key findings: sentences with a link to the section that shows their numbers.
    case findings([ReportFinding])
    /// A chart with the table of its numbers (HTML: the chart, its text alternative and
    /// the table under it; Markdown: the table).
    case figure(ReportChart, ReportTable)
    /// Sentences in context (KWIC) with the matched term marked and their source.
    case keywordsInContext([ReportKWIC])

    /// A paragraph of one line.
    public static func text(_ line: String) -> ReportBlock { .paragraph([ReportCell(line)]) }
}

/// A table: a header and rows of cells.
public struct ReportTable: Sendable, Codable {
    public var header: [String]
    public var rows: [[ReportCell]]
    /// HTML: head and body in `<thead>`/`<tbody>`.
    public var sectioned: Bool

    public init(header: [String], rows: [[ReportCell]], sectioned: Bool = false) {
        self.header = header; self.rows = rows; self.sectioned = sectioned
    }

    public init(header: [String], text rows: [[String]], sectioned: Bool = false) {
        self.init(header: header, rows: rows.map { $0.map { ReportCell($0) } }, sectioned: sectioned)
    }
}

/// A table cell or a line of text. `code` marks text that Markdown shows as it
/// is instead of escaping it: identifiers (failure codes, ISO dates) and text
/// that holds its own Markdown (a file name in backticks).
public struct ReportCell: Sendable, ExpressibleByStringInterpolation {
    public var text: String
    public var code: Bool
    public init(_ text: String) { self.text = text; self.code = false }
    public init(code text: String) { self.text = text; self.code = true }
    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }
}

/// A chart for the HTML report (inline SVG).
public enum ReportChart: Sendable {
    case lines(title: String, categories: [String], series: [(name: String, values: [Double])])
    case divergingBars(title: String, categories: [String], series: [(name: String, values: [Double?])])
    case bars(title: String, labels: [String], values: [Double])
    /// Means with intervals, one row each (a dot plot).
    case intervals(IntervalChart)
    /// Means with intervals over a time axis whose periods are evenly spaced in time.
    case timeline(TimelineChart)
    /// Signed scores per term (keyness), bars left for the reference, right for the target.
    case keyness(KeynessChart)
}

/// A key finding: a sentence generated from the numbers, whether it claims
/// something or says why it cannot, and the section holding its numbers.
public struct ReportFinding: Sendable, Hashable, Codable {
    public var text: String
    /// False when the finding says the data do not support a claim (small n, interval spanning zero).
    public var claim: Bool
    public var anchor: String
    public var sectionTitle: String
    public init(text: String, claim: Bool, anchor: String, sectionTitle: String) {
        self.text = text; self.claim = claim; self.anchor = anchor; self.sectionTitle = sectionTitle
    }
}

/// A mean with its interval and n, as a chart mark.
public struct IntervalMark: Sendable, Hashable, Codable {
    public var mean: Double
    public var lower: Double
    public var upper: Double
    public var n: Int
    /// Below the report's minimum n: drawn grey and labelled.
    public var few: Bool
    public init(mean: Double, lower: Double, upper: Double, n: Int, few: Bool) {
        self.mean = mean; self.lower = lower; self.upper = upper; self.n = n; self.few = few
    }
}

/// A dot plot: a row per group, a mark per series.
public struct IntervalChart: Sendable {
    public var title: String
    /// The text alternative (what the chart shows, in words).
    public var summary: String
    /// The value axis' label with its unit.
    public var axis: String
    public var rows: [String]
    public var series: [(name: String, marks: [IntervalMark?])]
    /// Where the axis starts and ends at least (e.g. −1…+1 for an index; widened to hold every interval).
    public var domain: ClosedRange<Double>
    public init(title: String, summary: String, axis: String, rows: [String], series: [(name: String, marks: [IntervalMark?])],
                domain: ClosedRange<Double>) {
        self.title = title; self.summary = summary; self.axis = axis; self.rows = rows; self.series = series; self.domain = domain
    }
}

/// A line chart over periods (every period of the span, so gaps are periods without data).
public struct TimelineChart: Sendable {
    public var title: String
    public var summary: String
    public var axis: String
    /// The time unit ("month", "quarter", "year").
    public var unit: String
    public var periods: [String]
    public var series: [(name: String, marks: [IntervalMark?])]
    public init(title: String, summary: String, axis: String, unit: String, periods: [String],
                series: [(name: String, marks: [IntervalMark?])]) {
        self.title = title; self.summary = summary; self.axis = axis; self.unit = unit; self.periods = periods; self.series = series
    }
}

/// Keyness as diverging bars: G² to the right for the target, to the left for the reference, raw counts beside.
public struct KeynessChart: Sendable {
    public var title: String
    public var summary: String
    public var target: String
    public var reference: String
    public var terms: [(term: String, score: Double, targetCount: Int, referenceCount: Int)]
    public init(title: String, summary: String, target: String, reference: String,
                terms: [(term: String, score: Double, targetCount: Int, referenceCount: Int)]) {
        self.title = title; self.summary = summary; self.target = target; self.reference = reference; self.terms = terms
    }
}

/// A sentence in context: the text before the match, the match, the text after, and its source.
public struct ReportKWIC: Sendable, Hashable, Codable {
    public var before: String
    public var match: String
    public var after: String
    public var source: String
    /// Copies of the sentence (syndicated documents) shown once.
    public var copies: Int
    public init(before: String, match: String, after: String, source: String, copies: Int) {
        self.before = before; self.match = match; self.after = after; self.source = source; self.copies = copies
    }
}

/// A table written into the output folder (a plain file name, e.g. `keyness.csv`).
public struct OutputTable: Sendable {
    public var name: String
    public var text: String
    public init(name: String, text: String) { self.name = name; self.text = text }
}

/// "en 3, ja 2" for a count table, "none" when empty.
func describe(_ counts: [String: Int], empty: String = "none") -> String {
    counts.isEmpty ? empty : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
}
