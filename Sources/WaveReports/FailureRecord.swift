/// A file or document that failed at some stage, and why.
public struct FailureRecord: Sendable, Hashable, Codable {
    public var path: String
    public var stage: String
    public var code: String
    public var reason: String
    public init(path: String, stage: String, code: String, reason: String) {
        self.path = path; self.stage = stage; self.code = code; self.reason = reason
    }
}
