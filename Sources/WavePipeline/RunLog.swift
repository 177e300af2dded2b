import Foundation
import Logging
import Synchronization

/// The log of one run, on swift-log: every event goes to the output folder's `run.log`
/// (through ``RunLogRecorder``) and to the operator's `Logger` (the CLI's stderr handler, a
/// test's collector, or whatever a library user gives).
///
/// Per-file events (a failed file, a document read with a warning) are many on a large
/// corpus, so the operator gets them grouped: a kind that occurs more than
/// ``RunLog/groupThreshold`` times is told as one line with its count and one example,
/// unless the operator's logger is at `.debug` or below (`--verbose`), which gets every event.
/// `run.log` always holds every event, one line each.
struct RunLog: Sendable {
    /// Kinds that occur at most this often are told one by one.
    static let groupThreshold = 3

    let recorder: RunLogRecorder
    /// The operator's logger.
    let operatorLogger: Logger
    /// `run.log` only.
    let recordOnly: Logger
    /// `run.log` and the operator.
    let everywhere: Logger

    init(operator operatorLogger: Logger) {
        let recorder = RunLogRecorder()
        self.recorder = recorder
        self.operatorLogger = operatorLogger
        recordOnly = Logger(label: operatorLogger.label) { _ in recorder }
        let operatorHandler = operatorLogger.handler
        everywhere = Logger(label: operatorLogger.label) { _ in MultiplexLogHandler([recorder, operatorHandler]) }
    }

    /// Whether the operator asked for every per-file event.
    var operatorWantsEveryEvent: Bool { operatorLogger.logLevel <= .debug }

    func log(_ level: Logger.Level, _ message: String, metadata: Logger.Metadata = [:]) {
        everywhere.log(level: level, "\(message)", metadata: metadata)
    }

    /// One per-file event, for grouping: `kind` names what happened, without the file.
    struct FileEvent {
        var level: Logger.Level
        var path: String
        var kind: String
        /// The line as `run.log` shows it (without the level).
        var message: String
        var metadata: Logger.Metadata
    }

    /// Logs per-file events: every one to `run.log`; to the operator one by one, or grouped by
    /// kind when a kind occurs more than ``groupThreshold`` times.
    func log(fileEvents events: [FileEvent], noun: String, whereToLook: String) {
        if operatorWantsEveryEvent {
            for event in events { everywhere.log(level: event.level, "\(event.message)", metadata: event.metadata) }
            return
        }
        var counts: [String: Int] = [:]
        for event in events { counts[event.kind, default: 0] += 1 }
        var told = Set<String>()
        for event in events {
            let count = counts[event.kind] ?? 0
            if count <= Self.groupThreshold {
                everywhere.log(level: event.level, "\(event.message)", metadata: event.metadata)
                continue
            }
            recordOnly.log(level: event.level, "\(event.message)", metadata: event.metadata)
            guard told.insert(event.kind).inserted else { continue }
            operatorLogger.log(level: event.level,
                               "\(count) \(noun): \(event.kind) (e.g. \(event.path)); every one in \(whereToLook)",
                               metadata: ["count": "\(count)", "example": "\(event.path)", "kind": "\(event.kind)"])
        }
    }

    /// The kind of a free-text warning: numbers and quoted names blanked, so that
    /// "3 invalid byte sequences" and "12 invalid byte sequences" are one kind.
    static func kind(of reason: String) -> String {
        var out = ""
        var inQuote = false
        var lastWasDigit = false
        for character in reason {
            if character == "\"" {
                if !inQuote { out += "\"…\"" }
                inQuote.toggle()
                continue
            }
            if inQuote { continue }
            if character.isASCII && character.isNumber {
                if !lastWasDigit { out += "N" }
                lastWasDigit = true
                continue
            }
            lastWasDigit = false
            out.append(character)
        }
        return out
    }
}

/// A log handler that keeps every event of a run (info and above) as the lines of `run.log`:
/// warnings and errors prefixed with their level, other events as they are.
final class RunLogRecorder: LogHandler, @unchecked Sendable {
    private let storage = Mutex<[String]>([])
    // LogHandler requires settable properties; this handler keeps everything at info and above.
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        storage.withLock { $0.append(Self.line(level: event.level, message: "\(event.message)")) }
    }

    /// The lines recorded so far, in order.
    var lines: [String] { storage.withLock { $0 } }

    /// A run log line: `warning: …` / `error: …`, or the message alone below warning.
    static func line(level: Logger.Level, message: String) -> String {
        level >= .warning ? "\(level): \(message)" : message
    }
}

/// A log handler that hands each event, rendered as a ``RunLogRecorder`` line, to a closure
/// (for ``Pipeline/run(log:)``).
struct LineLogHandler: LogHandler {
    let body: @Sendable (String) -> Void
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        body(RunLogRecorder.line(level: event.level, message: "\(event.message)"))
    }
}
