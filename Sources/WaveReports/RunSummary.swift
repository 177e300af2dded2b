/// What a run did, written as `summary.json`: counts, theme totals, failures.
public struct RunSummary: Sendable, Hashable, Codable {
    public struct FileCounts: Sendable, Hashable, Codable {
        /// Files found under the corpus folder.
        public var seen = 0
        /// Files read into at least one document.
        public var ingested = 0
        /// Files that failed (listed in ``RunSummary/failures``).
        public var failed = 0
        /// Files of a kind ingest does not read (README.md, images…), left alone.
        public var skipped = 0
        public init() {}
    }

    public var tool = "wavelength"
    /// The run that wrote this set of outputs (also in `manifest.json`).
    public var runId: String? = nil
    public var version: String
    public var corpus: String
    public var output: String
    /// ISO 8601 start time of the run.
    public var startedAt: String
    public var seconds: Double
    /// Seconds per stage: ingest and analyze are summed over worker threads; report is wall time.
    public var stageSeconds: [String: Double] = [:]
    public var files = FileCounts()
    public var documents = 0
    public var tokens = 0
    public var documentsByLanguage: [String: Int] = [:]
    public var documentsByFormat: [String: Int] = [:]
    public var documentsByFocus: [String: Int] = [:]
    /// Total hits per theme path.
    public var themeTotals: [String: Int] = [:]
    /// Mean sentiment per country focus.
    public var sentimentByFocus: [String: Double] = [:]
    /// The Japanese segmenter used: "mecab" or "icu".
    public var japaneseSegmenter: String
    public var failures: [FailureRecord] = []
    public var skippedFiles: [String] = []
    /// Why each skipped entry that is not merely of an unread format was skipped
    /// (hidden names, FIFOs, devices, links to folders, the output folder); absent when none.
    public var skippedReasons: [String: String]? = nil
    /// Parts of files read that are neither documents nor failures, with the reason: WARC
    /// records that are not an HTML page, have an empty or binary body or a page without
    /// text (path: the file; stage `skipped`; the reason names the record by ordinal, target
    /// URI and WARC-Record-ID); absent when none.
    public var skippedRecords: [FailureRecord]? = nil
    /// Documents with non-fatal warnings (e.g. bytes replaced while decoding).
    public var warnings: [FailureRecord] = []
    public var outputs: [String] = []
    /// What in the run's setting changed its results (nil when nothing did; then the key is absent).
    public var resultWarnings: [RunWarning]?
    /// Documents left out by the run's filters, per reason (`before_since`, `after_until`,
    /// `undated`, `language`); nil when the run has no filter.
    public var filteredOut: [String: Int]?

    public init(version: String, corpus: String, output: String, startedAt: String, seconds: Double,
                japaneseSegmenter: String) {
        self.version = version; self.corpus = corpus; self.output = output
        self.startedAt = startedAt; self.seconds = seconds; self.japaneseSegmenter = japaneseSegmenter
    }
}

/// Something about the run's setting that changes its results (the Japanese segmenter fell back
/// to ICU, a language of the corpus had no stopword list, …): written to `summary.json` and
/// shown at the top of the report whatever the log level.
public struct RunWarning: Sendable, Hashable, Codable {
    /// A stable name for scripts (`japanese_segmenter_fallback`, `no_stopwords`, …).
    public var code: String
    public var message: String
    public init(code: String, message: String) { self.code = code; self.message = message }
}
