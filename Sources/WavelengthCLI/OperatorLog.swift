import Foundation
import Logging
import Synchronization
import WavePipeline
#if canImport(Glibc)
import Glibc
#endif

/// Standard error, shared by the log lines and the progress line: a log line first clears the
/// progress line, then the progress line is drawn again under it. The progress line is drawn
/// only when stderr is a terminal (never under cron, systemd or a pipe).
final class OperatorConsole: Sendable {
    /// Whether progress lines are drawn.
    let showsProgress: Bool
    private struct State {
        var progress: String?
        var lastDraw: ContinuousClock.Instant?
        var lastStage: RunProgress.Stage?
    }
    private let state = Mutex(State())

    init(showsProgress: Bool) { self.showsProgress = showsProgress }

    /// Whether standard error is a terminal.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes one line (a newline is added).
    func write(_ line: String) {
        state.withLock { state in
            var text = ""
            if state.progress != nil { text += "\r\u{1B}[K" }
            text += line + "\n"
            if let progress = state.progress { text += progress }
            Self.emit(text)
        }
    }

    /// Shows where the run is (at most ten times a second, and at each change of stage).
    func show(_ progress: RunProgress) {
        guard showsProgress else { return }
        state.withLock { state in
            let now = ContinuousClock.now
            if progress.stage == state.lastStage, let last = state.lastDraw, now - last < .milliseconds(100),
               progress.filesDone < progress.filesTotal {
                return
            }
            state.lastDraw = now
            state.lastStage = progress.stage
            let line = String(Self.describe(progress).prefix(max(Self.width - 1, 20)))
            state.progress = line
            Self.emit("\r\u{1B}[K" + line)
        }
    }

    /// Clears the progress line (at the end of a run).
    func finish() {
        state.withLock { state in
            if state.progress != nil { Self.emit("\r\u{1B}[K") }
            state.progress = nil
        }
    }

    /// The progress line, e.g. `wavelength: reading 1,204/20,000 files · 311 documents/s · ETA 1m02s`.
    static func describe(_ p: RunProgress) -> String {
        switch p.stage {
        case .listing: return "wavelength: listing the corpus…"
        case .reading:
            var parts = ["wavelength: reading \(grouped(p.filesDone))/\(grouped(p.filesTotal)) files"]
            if p.elapsed >= .seconds(1) { parts.append("\(grouped(Int(p.documentsPerSecond.rounded()))) documents/s") }
            if let remaining = p.remaining, p.filesDone > 0 { parts.append("ETA \(duration(remaining))") }
            return parts.joined(separator: " · ")
        case .filtering: return "wavelength: filtering documents…"
        case .corpus: return "wavelength: corpus statistics…"
        case .topics: return "wavelength: topic models…"
        case .writing: return "wavelength: writing outputs…"
        }
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func duration(_ d: Duration) -> String {
        let total = max(0, Int(d.components.seconds))
        if total >= 3600 { return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m" }
        if total >= 60 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total)s"
    }

    private static var width: Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    private static func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// The operator's log handler: `wavelength: warning: …` lines, or one JSON object per line
/// (`--log-format json`: time, level, message and the event's metadata) for journald and log shippers.
struct OperatorLogHandler: LogHandler {
    let console: OperatorConsole
    let format: RunSettings.LogFormat
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level

    init(console: OperatorConsole, format: RunSettings.LogFormat, level: Logger.Level) {
        self.console = console; self.format = format; self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        switch format {
        case .text:
            let prefix = event.level >= .warning ? "\(event.level): " : ""
            console.write("wavelength: \(prefix)\(event.message)")
        case .json:
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            console.write(Self.json(level: event.level, message: "\(event.message)", metadata: merged, date: Date()))
        }
    }

    /// One JSON object: `time` (ISO 8601, UTC, milliseconds), `level`, `message`, then the
    /// metadata keys in order; values are strings (lists and nested metadata as JSON).
    static func json(level: Logger.Level, message: String, metadata: Logger.Metadata, date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var fields = [("time", quoted(formatter.string(from: date))), ("level", quoted(level.rawValue)),
                      ("message", quoted(message))]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key })
        where !["time", "level", "message"].contains(key) {
            fields.append((key, render(value)))
        }
        return "{" + fields.map { "\(quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let s): return quoted(s)
        case .stringConvertible(let c): return quoted(c.description)
        case .array(let values): return "[" + values.map(render).joined(separator: ",") + "]"
        case .dictionary(let d):
            return "{" + d.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(render($0.value))" }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
