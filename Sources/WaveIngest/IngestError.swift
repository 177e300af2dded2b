/// A per-file ingest failure: what went wrong, where, and why.
public struct IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let unreadable = Code(rawValue: "unreadable")        // I/O error
        public static let empty = Code(rawValue: "empty")                  // zero bytes or no text
        public static let tooLarge = Code(rawValue: "too_large")           // over the size cap
        public static let binary = Code(rawValue: "binary")                // not text at all
        public static let undecodable = Code(rawValue: "undecodable")      // charset problems
        public static let malformed = Code(rawValue: "malformed")          // parse failure
        public static let unsafe = Code(rawValue: "unsafe")                // entity bombs, DTDs...
        public static let truncated = Code(rawValue: "truncated")          // cut-off gzip etc.
        public static let unsupported = Code(rawValue: "unsupported")      // unknown format
        public static let noArticle = Code(rawValue: "no_article")         // parsed, nothing found
    }

    public var code: Code
    /// Path of the file, relative to the corpus root where known.
    public var path: String
    /// Human-readable reason.
    public var reason: String

    public init(_ code: Code, path: String, reason: String) {
        self.code = code; self.path = path; self.reason = reason
    }

    public var description: String { "\(path): \(code.rawValue): \(reason)" }
}
