/// Interns term strings to dense integer ids, so counting works on integers.
///
/// Ids are assigned in first-seen order; a vocabulary built from the same
/// documents in the same order always gives the same ids.
public struct Vocabulary: Sendable {
    public typealias TermID = Int32

    private var ids: [String: TermID] = [:]
    private(set) public var terms: [String] = []

    public init() {}

    public var count: Int { terms.count }

    /// The id of `term`, adding it if new.
    public mutating func intern(_ term: String) -> TermID {
        if let id = ids[term] { return id }
        let id = TermID(terms.count)
        ids[term] = id
        terms.append(term)
        return id
    }

    /// The id of `term`, or nil if the vocabulary does not hold it.
    public func id(of term: String) -> TermID? { ids[term] }

    public subscript(id: TermID) -> String { terms[Int(id)] }
}
