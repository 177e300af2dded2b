import WaveTerms

/// The measures the report's key findings and its framing and sentiment charts
/// rest on: the framing index and sentiment per target focus, per period of a
/// true time axis and per outlet, and the differences the findings state, each
/// a mean with a seeded bootstrap interval and its n.
///
/// Computed from the documents by ``CorpusAnalysis/coverage(minimumDocuments:)``;
/// the report only lays it out.
public struct CoverageMeasures: Sendable, Hashable {
    /// A group's mean with its interval; `interval` is nil when no document of
    /// the group has the measure (a gap in a chart).
    public struct Group: Sendable, Hashable {
        public var group: String
        /// Documents in the group (whether or not they have the measure).
        public var documents: Int
        public var interval: Bootstrap.Interval?
        /// Documents the mean is over.
        public var n: Int { interval?.count ?? 0 }
    }

    /// `second − first` with a bootstrap interval (each group resampled on its own).
    public struct Difference: Sendable, Hashable {
        public var first: Group
        public var second: Group
        public var difference: Double
        public var lower: Double
        public var upper: Double
        /// The interval holds zero: no clear difference.
        public var spansZero: Bool { lower <= 0 && upper >= 0 }
    }

    /// The time unit of the time axis, chosen from the span of the dates.
    public enum Period: String, Sendable, Hashable { case month, quarter, year }

    public var bootstrap: Bootstrap
    /// Groups with fewer documents than this are greyed in charts and findings
    /// resting on them say so instead of claiming.
    public var minimumDocuments: Int
    public var period: Period
    /// Documents without a date precise enough for the period (left off the time axis).
    public var undated: Int
    /// Framing index per focus (focus order), over documents that have one.
    public var framingByFocus: [Group]
    /// Framing index of the second target's focus minus the first's.
    public var framingDifference: Difference?
    /// Every period from the first dated document to the last, empty ones included.
    public var framingByPeriod: [Group]
    /// Later half of the dated documents minus the earlier half.
    public var framingShift: Difference?
    /// Per outlet (site), outlets in name order; documents without an outlet pooled in
    /// the group ``noOutlet``, which is not an outlet.
    public var framingBySite: [Group]
    public var sentimentOverall: Group
    /// Sentiment of the sentences mentioning each target (group = target key).
    public var sentimentToward: [Group]
    /// Sentiment toward the second target minus toward the first.
    public var sentimentTowardDifference: Difference?
    /// Overall sentiment per focus.
    public var sentimentByFocus: [Group]
    /// Sentiment toward each target per focus: `[target key: groups in focus order]`.
    public var sentimentTowardByFocus: [String: [Group]]
    public var sentimentByPeriod: [Group]
    public var sentimentShift: Difference?
    public var sentimentBySite: [Group]

    /// The group of the documents that name no outlet in the by-outlet measures (an empty
    /// name, which no outlet has).
    public static let noOutlet = ""
}

extension CorpusAnalysis {
    /// The report's measures (see ``CoverageMeasures``).
    ///
    /// - Complexity: O(measures · resamples · documents).
    public func coverage(minimumDocuments: Int = 10) -> CoverageMeasures {
        let b = groups.bootstrap
        let docs = documents
        let focusOrder = targets.focusOrder
        func measure(_ groups: [(String, [DocumentAnalysis])], _ value: (DocumentAnalysis) -> Double?) -> [CoverageMeasures.Group] {
            groups.map { name, members in
                CoverageMeasures.Group(group: name, documents: members.count,
                                       interval: b.meanInterval(members.compactMap(value).sorted()))
            }
        }
        let byFocusMap = Dictionary(grouping: docs) { $0.focus.label }
        let byFocus = focusOrder.compactMap { f in byFocusMap[f].map { (f, $0) } }
        let period = Self.period(for: docs)
        let periodKeys = docs.map { Self.periodKey($0.article.date, period) }
        let dated = zip(docs, periodKeys).compactMap { d, k in k.map { (k: $0, d: d) } }
        let byPeriodMap = Dictionary(grouping: dated, by: \.k).mapValues { $0.map(\.d) }
        let axis = Self.axis(Array(byPeriodMap.keys), period)
        let byPeriod = axis.map { ($0, byPeriodMap[$0] ?? []) }
        let bySiteMap = Dictionary(grouping: docs) { d in (d.article.site?.isEmpty == false ? d.article.site : nil) ?? CoverageMeasures.noOutlet }
        let bySite = bySiteMap.keys.sorted().map { ($0, bySiteMap[$0] ?? []) }
        // Earlier and later half of the dated documents, by date then id.
        let chronological = dated.map(\.d).sorted { ($0.article.date ?? "", $0.id) < ($1.article.date ?? "", $1.id) }
        let half = chronological.count / 2
        let halves = [Array(chronological.prefix(half)), Array(chronological.dropFirst(half))]
        let halfNames = halves.map { h in "\(h.first?.article.date?.prefix(10) ?? "")–\(h.last?.article.date?.prefix(10) ?? "")" }
        func compare(_ groups: [(String, [DocumentAnalysis])], _ value: (DocumentAnalysis) -> Double?) -> CoverageMeasures.Difference? {
            Self.difference(measure(groups, value), values: groups.map { $0.1.compactMap(value).sorted() }, b)
        }
        func shift(_ value: (DocumentAnalysis) -> Double?) -> CoverageMeasures.Difference? {
            half > 0 ? compare(zip(halfNames, halves).map { ($0, $1) }, value) : nil
        }
        let framing: (DocumentAnalysis) -> Double? = { $0.framingIndex }
        let sentiment: (DocumentAnalysis) -> Double? = { $0.sentiment }
        let framingByFocus = measure(byFocus, framing)
        let keys = targets.keys
        let pairFocus = keys.count >= 2 ? keys.prefix(2).map { ($0, byFocusMap[$0] ?? []) } : []
        let toward = keys.map { key in measure([(key, docs)]) { $0.targetSentiment[key] }[0] }
        let towardDifference: CoverageMeasures.Difference? = keys.count >= 2
            ? Self.difference(Array(toward.prefix(2)), values: keys.prefix(2).map { k in docs.compactMap { $0.targetSentiment[k] }.sorted() }, b)
            : nil
        var towardByFocus: [String: [CoverageMeasures.Group]] = [:]
        for key in keys { towardByFocus[key] = measure(byFocus) { $0.targetSentiment[key] } }
        return CoverageMeasures(
            bootstrap: b, minimumDocuments: minimumDocuments, period: period, undated: docs.count - dated.count,
            framingByFocus: framingByFocus,
            framingDifference: pairFocus.count == 2 ? compare(pairFocus, framing) : nil,
            framingByPeriod: measure(byPeriod, framing), framingShift: shift(framing),
            framingBySite: measure(bySite, framing),
            sentimentOverall: measure([("all documents", docs)], sentiment)[0],
            sentimentToward: toward,
            sentimentTowardDifference: towardDifference,
            sentimentByFocus: measure(byFocus, sentiment), sentimentTowardByFocus: towardByFocus,
            sentimentByPeriod: measure(byPeriod, sentiment), sentimentShift: shift(sentiment),
            sentimentBySite: measure(bySite, sentiment))
    }

    /// Month for a span of dates up to 3 years, quarter up to 10 years, year beyond;
    /// year when most dated documents give no month.
    static func period(for documents: [DocumentAnalysis]) -> CoverageMeasures.Period {
        let months = documents.compactMap { monthIndex($0.article.date) }
        let years = documents.compactMap { $0.article.year.flatMap { Int($0) } }
        guard let first = months.min(), let last = months.max(), months.count * 2 >= years.count else { return .year }
        let span = last - first + 1
        return span <= 36 ? .month : span <= 120 ? .quarter : .year
    }

    /// Months since year 0 of an ISO date that has a valid month.
    static func monthIndex(_ date: String?) -> Int? {
        guard let date, date.count >= 7 else { return nil }
        let parts = date.prefix(7).split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), (0...9999).contains(y) else {
            return nil
        }
        return y * 12 + (m - 1)
    }

    /// "2023-04", "2023-Q2" or "2023"; nil when the date is not precise enough.
    public static func periodKey(_ date: String?, _ period: CoverageMeasures.Period) -> String? {
        if period == .year {
            guard let date, date.count >= 4, let y = Int(date.prefix(4)), (0...9999).contains(y) else { return nil }
            return label(y * 12, period)
        }
        return monthIndex(date).map { label($0, period) }
    }

    static func label(_ month: Int, _ period: CoverageMeasures.Period) -> String {
        let y = month / 12, m = month % 12 + 1
        let year = String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y)
        switch period {
        case .month: return year + "-" + (m < 10 ? "0\(m)" : "\(m)")
        case .quarter: return year + "-Q\((m - 1) / 3 + 1)"
        case .year: return year
        }
    }

    /// Every period from the first key to the last (keys sort chronologically).
    public static func axis(_ keys: [String], _ period: CoverageMeasures.Period) -> [String] {
        guard let first = keys.min(), let last = keys.max(), let from = periodStart(first), let end = periodStart(last), from <= end else {
            return keys.sorted()
        }
        let step = period == .month ? 1 : period == .quarter ? 3 : 12
        // A hostile date range cannot make the axis huge: 10,000 years of months at most.
        return stride(from: from, through: end, by: step).prefix(120_000).map { label($0, period) }
    }

    /// The first month of a period key.
    static func periodStart(_ key: String) -> Int? {
        let parts = key.split(separator: "-")
        guard let y = parts.first.flatMap({ Int($0) }) else { return nil }
        guard parts.count == 2 else { return y * 12 }
        if parts[1].hasPrefix("Q"), let q = Int(parts[1].dropFirst()) { return y * 12 + (q - 1) * 3 }
        return Int(parts[1]).map { y * 12 + $0 - 1 }
    }

    /// `second − first` for two groups and their values, with the bootstrap interval of
    /// ``Bootstrap/differenceInterval(_:_:)`` (each group resampled on its own, seeded).
    static func difference(_ groups: [CoverageMeasures.Group], values: [[Double]], _ b: Bootstrap) -> CoverageMeasures.Difference? {
        guard groups.count == 2, values.count == 2, groups[0].interval != nil, groups[1].interval != nil,
              let d = b.differenceInterval(values[0], values[1]) else { return nil }
        return CoverageMeasures.Difference(first: groups[0], second: groups[1], difference: d.mean, lower: d.lower, upper: d.upper)
    }
}
