/// The report model as JSON, so that a run can store it (``StoredReport``) and
/// `wavelength report` can render it again without analysing the corpus.
///
/// The enums are written as an object with a `kind` and the case's fields; a
/// plain cell is written as a string, a `code` cell as `{"code": text}` (the
/// Documents tables hold most of a large run's cells). Any change of these
/// shapes raises ``StoredReport/version``.
extension ReportModel: Codable {
    enum CodingKeys: String, CodingKey { case title, corpus, startedAt, seconds, japaneseSegmenter, sections }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(corpus: try c.decode(String.self, forKey: .corpus), startedAt: try c.decode(String.self, forKey: .startedAt),
                  seconds: try c.decode(Double.self, forKey: .seconds),
                  japaneseSegmenter: try c.decode(String.self, forKey: .japaneseSegmenter),
                  sections: try c.decode([ReportSection].self, forKey: .sections))
        title = try c.decode(String.self, forKey: .title)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(corpus, forKey: .corpus)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(japaneseSegmenter, forKey: .japaneseSegmenter)
        try c.encode(sections, forKey: .sections)
    }
}

extension ReportCell: Codable {
    enum CodingKeys: String, CodingKey { case code }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self.init(text)
        } else {
            self.init(code: try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .code))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if code {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .code)
        } else {
            var c = encoder.singleValueContainer()
            try c.encode(text)
        }
    }
}

/// A named list of values (a chart series; the model keeps it as a tuple).
private struct Named<Value: Codable>: Codable {
    var name: String
    var values: [Value]
}

/// A term with a count (the model keeps it as a tuple).
private struct TermCount: Codable {
    var term: String
    var count: Int
}

/// An evidence sentence with its source (the model keeps it as a tuple).
private struct SourcedSentence: Codable {
    var sentence: String
    var source: String
}

/// A keyness bar (the model keeps it as a tuple).
private struct KeyTerm: Codable {
    var term: String
    var score: Double
    var targetCount: Int
    var referenceCount: Int
}

extension ReportBlock: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, cells, text, bold, table, chart, items, name, medium, block, findings
    }

    enum Kind: String, Codable {
        case paragraph, subheading, table, chart, evidence, termCounts, blankLine, only, findings, figure, keywordsInContext
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .paragraph: self = .paragraph(try c.decode([ReportCell].self, forKey: .cells))
        case .subheading: self = .subheading(try c.decode(String.self, forKey: .text), bold: try c.decode(Bool.self, forKey: .bold))
        case .table: self = .table(try c.decode(ReportTable.self, forKey: .table))
        case .chart: self = .chart(try c.decode(ReportChart.self, forKey: .chart))
        case .evidence: self = .evidence(try c.decode([SourcedSentence].self, forKey: .items).map { ($0.sentence, $0.source) })
        case .termCounts:
            self = .termCounts(try c.decode(String.self, forKey: .name),
                               try c.decode([TermCount].self, forKey: .items).map { ($0.term, $0.count) })
        case .blankLine: self = .blankLine
        case .only: self = .only(try c.decode(ReportMedium.self, forKey: .medium), try c.decode(ReportBlock.self, forKey: .block))
        case .findings: self = .findings(try c.decode([ReportFinding].self, forKey: .findings))
        case .figure: self = .figure(try c.decode(ReportChart.self, forKey: .chart), try c.decode(ReportTable.self, forKey: .table))
        case .keywordsInContext: self = .keywordsInContext(try c.decode([ReportKWIC].self, forKey: .items))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .paragraph(let cells):
            try c.encode(Kind.paragraph, forKey: .kind); try c.encode(cells, forKey: .cells)
        case .subheading(let text, let bold):
            try c.encode(Kind.subheading, forKey: .kind); try c.encode(text, forKey: .text); try c.encode(bold, forKey: .bold)
        case .table(let table):
            try c.encode(Kind.table, forKey: .kind); try c.encode(table, forKey: .table)
        case .chart(let chart):
            try c.encode(Kind.chart, forKey: .kind); try c.encode(chart, forKey: .chart)
        case .evidence(let items):
            try c.encode(Kind.evidence, forKey: .kind)
            try c.encode(items.map { SourcedSentence(sentence: $0.sentence, source: $0.source) }, forKey: .items)
        case .termCounts(let name, let items):
            try c.encode(Kind.termCounts, forKey: .kind); try c.encode(name, forKey: .name)
            try c.encode(items.map { TermCount(term: $0.term, count: $0.count) }, forKey: .items)
        case .blankLine:
            try c.encode(Kind.blankLine, forKey: .kind)
        case .only(let medium, let block):
            try c.encode(Kind.only, forKey: .kind); try c.encode(medium, forKey: .medium); try c.encode(block, forKey: .block)
        case .findings(let findings):
            try c.encode(Kind.findings, forKey: .kind); try c.encode(findings, forKey: .findings)
        case .figure(let chart, let table):
            try c.encode(Kind.figure, forKey: .kind); try c.encode(chart, forKey: .chart); try c.encode(table, forKey: .table)
        case .keywordsInContext(let items):
            try c.encode(Kind.keywordsInContext, forKey: .kind); try c.encode(items, forKey: .items)
        }
    }
}

extension ReportChart: Codable {
    enum CodingKeys: String, CodingKey { case kind, title, categories, labels, values, series, chart }
    enum Kind: String, Codable { case lines, divergingBars, bars, intervals, timeline, keyness }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .lines:
            self = .lines(title: try c.decode(String.self, forKey: .title), categories: try c.decode([String].self, forKey: .categories),
                          series: try c.decode([Named<Double>].self, forKey: .series).map { ($0.name, $0.values) })
        case .divergingBars:
            self = .divergingBars(title: try c.decode(String.self, forKey: .title),
                                  categories: try c.decode([String].self, forKey: .categories),
                                  series: try c.decode([Named<Double?>].self, forKey: .series).map { ($0.name, $0.values) })
        case .bars:
            self = .bars(title: try c.decode(String.self, forKey: .title), labels: try c.decode([String].self, forKey: .labels),
                         values: try c.decode([Double].self, forKey: .values))
        case .intervals: self = .intervals(try c.decode(IntervalChart.self, forKey: .chart))
        case .timeline: self = .timeline(try c.decode(TimelineChart.self, forKey: .chart))
        case .keyness: self = .keyness(try c.decode(KeynessChart.self, forKey: .chart))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .lines(let title, let categories, let series):
            try c.encode(Kind.lines, forKey: .kind); try c.encode(title, forKey: .title); try c.encode(categories, forKey: .categories)
            try c.encode(series.map { Named(name: $0.name, values: $0.values) }, forKey: .series)
        case .divergingBars(let title, let categories, let series):
            try c.encode(Kind.divergingBars, forKey: .kind); try c.encode(title, forKey: .title); try c.encode(categories, forKey: .categories)
            try c.encode(series.map { Named(name: $0.name, values: $0.values) }, forKey: .series)
        case .bars(let title, let labels, let values):
            try c.encode(Kind.bars, forKey: .kind); try c.encode(title, forKey: .title); try c.encode(labels, forKey: .labels)
            try c.encode(values, forKey: .values)
        case .intervals(let chart): try c.encode(Kind.intervals, forKey: .kind); try c.encode(chart, forKey: .chart)
        case .timeline(let chart): try c.encode(Kind.timeline, forKey: .kind); try c.encode(chart, forKey: .chart)
        case .keyness(let chart): try c.encode(Kind.keyness, forKey: .kind); try c.encode(chart, forKey: .chart)
        }
    }
}

extension IntervalChart: Codable {
    enum CodingKeys: String, CodingKey { case title, summary, axis, rows, series, lowest, highest }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let lowest = try c.decode(Double.self, forKey: .lowest), highest = try c.decode(Double.self, forKey: .highest)
        guard lowest <= highest else {
            throw DecodingError.dataCorruptedError(forKey: .highest, in: c, debugDescription: "the chart's domain ends before it starts")
        }
        self.init(title: try c.decode(String.self, forKey: .title), summary: try c.decode(String.self, forKey: .summary),
                  axis: try c.decode(String.self, forKey: .axis), rows: try c.decode([String].self, forKey: .rows),
                  series: try c.decode([Named<IntervalMark?>].self, forKey: .series).map { ($0.name, $0.values) },
                  domain: lowest ... highest)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title); try c.encode(summary, forKey: .summary); try c.encode(axis, forKey: .axis)
        try c.encode(rows, forKey: .rows)
        try c.encode(series.map { Named(name: $0.name, values: $0.marks) }, forKey: .series)
        try c.encode(domain.lowerBound, forKey: .lowest); try c.encode(domain.upperBound, forKey: .highest)
    }
}

extension TimelineChart: Codable {
    enum CodingKeys: String, CodingKey { case title, summary, axis, unit, periods, series }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decode(String.self, forKey: .title), summary: try c.decode(String.self, forKey: .summary),
                  axis: try c.decode(String.self, forKey: .axis), unit: try c.decode(String.self, forKey: .unit),
                  periods: try c.decode([String].self, forKey: .periods),
                  series: try c.decode([Named<IntervalMark?>].self, forKey: .series).map { ($0.name, $0.values) })
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title); try c.encode(summary, forKey: .summary); try c.encode(axis, forKey: .axis)
        try c.encode(unit, forKey: .unit); try c.encode(periods, forKey: .periods)
        try c.encode(series.map { Named(name: $0.name, values: $0.marks) }, forKey: .series)
    }
}

extension KeynessChart: Codable {
    enum CodingKeys: String, CodingKey { case title, summary, target, reference, terms }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decode(String.self, forKey: .title), summary: try c.decode(String.self, forKey: .summary),
                  target: try c.decode(String.self, forKey: .target), reference: try c.decode(String.self, forKey: .reference),
                  terms: try c.decode([KeyTerm].self, forKey: .terms).map { ($0.term, $0.score, $0.targetCount, $0.referenceCount) })
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title); try c.encode(summary, forKey: .summary)
        try c.encode(target, forKey: .target); try c.encode(reference, forKey: .reference)
        try c.encode(terms.map { KeyTerm(term: $0.term, score: $0.score, targetCount: $0.targetCount, referenceCount: $0.referenceCount) },
                     forKey: .terms)
    }
}
