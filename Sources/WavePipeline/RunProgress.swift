import Foundation
import Synchronization

/// Where a run is, for a progress line: the stage, files done of the total, documents so far.
///
/// ``Pipeline/run(logger:progress:)`` hands one to its progress handler at each stage change
/// and after each file of the per-document stage (from worker threads; a handler that draws
/// should throttle itself).
public struct RunProgress: Sendable, Equatable {
    public enum Stage: String, Sendable {
        case listing, reading, filtering, corpus, topics, writing
    }

    public var stage: Stage
    /// Files of the per-document stage done (read and analysed, or failed), and their total.
    public var filesDone: Int
    public var filesTotal: Int
    /// Documents analysed so far.
    public var documents: Int
    /// Time since the per-document stage began (zero before it).
    public var elapsed: Duration

    public init(stage: Stage, filesDone: Int = 0, filesTotal: Int = 0, documents: Int = 0, elapsed: Duration = .zero) {
        self.stage = stage; self.filesDone = filesDone; self.filesTotal = filesTotal
        self.documents = documents; self.elapsed = elapsed
    }

    /// Documents per second over the per-document stage so far (0 before the first second).
    public var documentsPerSecond: Double {
        let seconds = elapsed.seconds
        return seconds > 0 ? Double(documents) / seconds : 0
    }

    /// Expected time to the end of the per-document stage at the rate so far; nil until a file is done.
    public var remaining: Duration? {
        guard filesDone > 0, filesTotal >= filesDone else { return nil }
        let perFile = elapsed.seconds / Double(filesDone)
        return .milliseconds(Int64((perFile * Double(filesTotal - filesDone) * 1000).rounded()))
    }
}

/// Counts the per-document stage's files and documents from worker threads and tells the handler.
final class ProgressCounter: Sendable {
    typealias Handler = @Sendable (RunProgress) -> Void
    private let handler: Handler?
    private let total: Int
    private let start = ContinuousClock.now
    private let state = Mutex<(files: Int, documents: Int)>((0, 0))

    init(total: Int, handler: Handler?) {
        self.total = total
        self.handler = handler
        handler?(RunProgress(stage: .reading, filesTotal: total))
    }

    /// One file is done, with its outcome.
    func fileDone(_ outcome: Pipeline.FileOutcome) {
        if case .analysed(let documents, _) = outcome { fileDone(documents: documents.count) } else { fileDone(documents: 0) }
    }

    /// One file is done, with `documents` documents.
    func fileDone(documents: Int) {
        guard let handler else { return }
        let (files, docs) = state.withLock { state in
            state.files += 1
            state.documents += documents
            return (state.files, state.documents)
        }
        handler(RunProgress(stage: .reading, filesDone: files, filesTotal: total, documents: docs,
                            elapsed: ContinuousClock.now - start))
    }
}
