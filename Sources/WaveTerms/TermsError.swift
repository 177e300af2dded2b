/// A problem with a run's token store (`tokens.wlt`), naming the file and, where
/// it applies, the line.
public struct TermsError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The store cannot be read (missing: run `wavelength run` first).
        public static let unreadable = Code(rawValue: "unreadable")
        /// A record (segment, sentence, token) that is not well formed, or a foreign file.
        public static let malformed = Code(rawValue: "malformed")
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
