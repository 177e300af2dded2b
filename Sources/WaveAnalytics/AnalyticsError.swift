/// A problem with a dictionary, lexicon or other analytics input file,
/// naming the file and, where it applies, the line.
public struct AnalyticsError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let unreadable = Code(rawValue: "unreadable")
        public static let syntax = Code(rawValue: "syntax")
        public static let invalidEntry = Code(rawValue: "invalid_entry")
        public static let missingResource = Code(rawValue: "missing_resource")
    }

    public var code: Code
    /// The file the problem is in.
    public var source: String
    /// 1-based line number, when known.
    public var line: Int?
    public var reason: String

    public init(_ code: Code, source: String, line: Int? = nil, reason: String) {
        self.code = code; self.source = source; self.line = line; self.reason = reason
    }

    public var description: String {
        if let line { return "\(source):\(line): \(reason)" }
        return "\(source): \(reason)"
    }
}
