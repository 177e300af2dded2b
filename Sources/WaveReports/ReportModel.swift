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
public struct ReportSection: Sendable {
    public var title: String
    public var blocks: [ReportBlock]
    /// How the HTML renderer separates this section's elements (the Markdown
    /// renderer ignores it).
    public var htmlLayout: HTMLLayout = .compact

    public enum HTMLLayout: Sendable { case compact, lines }

    public init(title: String, blocks: [ReportBlock], htmlLayout: HTMLLayout = .compact) {
        self.title = title; self.blocks = blocks; self.htmlLayout = htmlLayout
    }
}

/// Which renderer shows a block.
public enum ReportMedium: Sendable { case html, markdown }

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

    /// A paragraph of one line.
    public static func text(_ line: String) -> ReportBlock { .paragraph([ReportCell(line)]) }
}

/// A table: a header and rows of cells.
public struct ReportTable: Sendable {
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
