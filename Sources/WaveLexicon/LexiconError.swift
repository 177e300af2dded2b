/// A problem with a theme dictionary, sentiment lexicon, rules file or gazetteer,
/// naming the file and, where it applies, the line.
public struct LexiconError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The file cannot be read as UTF-8 text.
        public static let unreadable = Code(rawValue: "unreadable")
        /// Not valid YAML, or not the layout the format expects.
        public static let syntax = Code(rawValue: "syntax")
        /// A well-formed entry with a value that is not allowed.
        public static let invalidEntry = Code(rawValue: "invalid_entry")
        /// A shipped data file is missing from the build.
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
