import Foundation
import WaveIngest

extension Pipeline {
    /// The stage name of the records of documents `--require-target` left out (kept with a
    /// file's failures in its outcome, so that the run state and shards carry them; never
    /// reported as failures).
    static let prefilterStage = "prefilter"
    /// The summary's `filteredOut` reason for those documents.
    static let prefilterReason = "no_target"
    /// The stage name of the records of WARC records skipped by ingest (not an HTML page, an
    /// empty or binary body, a page without text): kept with a file's failures in its outcome
    /// like the prefilter's, reported in the summary's `skippedRecords`, never as failures.
    static let skippedRecordStage = "skipped"
}

extension Array {
    /// The elements that satisfy `belongs`, and the others, each in order.
    func partitioned(by belongs: (Element) -> Bool) -> (matching: [Element], rest: [Element]) {
        var matching: [Element] = [], rest: [Element] = []
        for element in self {
            if belongs(element) { matching.append(element) } else { rest.append(element) }
        }
        return (matching, rest)
    }
}
