/// Per-group means of document measures (theme rates, the framing index,
/// sentiment) with bootstrap confidence intervals.
///
/// Groups are formed by a dimension (year, site, language, country focus);
/// each group holds the documents that share a value. Every measure is averaged
/// over the group's documents and given a deterministic percentile bootstrap
/// interval (``Bootstrap``).
///
/// ```swift
/// let stats = GroupStatistics(bootstrap: Bootstrap(seed: 7))
/// let rows = stats.summarize(["2020": [["nostalgia": 1.5], ["nostalgia": 0.5]]])
/// rows[0].measures["nostalgia"]?.mean   // 1.0
/// ```
public struct GroupStatistics: Sendable {
    /// One group's figures.
    public struct Row: Sendable, Hashable {
        /// The dimension ("year", "site", "language", "focus").
        public var dimension: String
        /// The group's value ("2021", "en", "japan").
        public var group: String
        public var documents: Int
        /// Measure name → mean with interval (over documents that have the measure).
        public var measures: [String: Bootstrap.Interval]
    }

    public var bootstrap: Bootstrap

    public init(bootstrap: Bootstrap = Bootstrap()) {
        self.bootstrap = bootstrap
    }

    /// Summarizes groups of documents, each document a mapping measure → value.
    /// Groups come out sorted by name; a measure missing from a document is
    /// left out of that document's contribution (not counted as 0). The result
    /// does not depend on the order of the documents within a group.
    ///
    /// - Complexity: O(groups · measures · `resamples` · n).
    public func summarize(_ groups: [String: [[String: Double]]], dimension: String = "") -> [Row] {
        groups.keys.sorted().map { key in
            let docs = groups[key]!
            var values: [String: [Double]] = [:]
            for doc in docs { for (measure, v) in doc { values[measure, default: []].append(v) } }
            var measures: [String: Bootstrap.Interval] = [:]
            for (measure, list) in values {
                // Sorted first, so the interval does not depend on the order documents arrive in.
                measures[measure] = bootstrap.meanInterval(list.sorted())
            }
            return Row(dimension: dimension, group: key, documents: docs.count, measures: measures)
        }
    }
}
