import Foundation

/// Stopword lists per language, read from `<directory>/<lang>.txt`: one entry
/// per line, `#` starts a comment. Entries are normalized like tokens (NFKC +
/// case folding) so that they match what the tokenizer produces.
public struct Stopwords: Sendable {
    private var lists: [Language: Set<String>]

    public init(_ lists: [Language: Set<String>] = [:]) {
        self.lists = lists.mapValues { Set($0.map { ICU.foldedNFKC($0) }) }
    }

    /// Reads every `*.txt` file in `directory`; the file name is the language code.
    public init(directory: URL) throws {
        var lists: [Language: Set<String>] = [:]
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        for file in files where file.pathExtension == "txt" {
            let language = Language(file.deletingPathExtension().lastPathComponent)
            lists[language] = try Stopwords.parse(String(contentsOf: file, encoding: .utf8))
        }
        self.init(lists)
    }

    /// Parses the list format: one entry per line, `#` comments, blank lines ignored.
    public static func parse(_ text: String) -> Set<String> {
        var entries = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let entry = content.trimmingCharacters(in: .whitespaces)
            if !entry.isEmpty { entries.insert(entry) }
        }
        return entries
    }

    /// Whether `term` (already normalized) is a stopword in `language`.
    public func contains(_ term: String, in language: Language) -> Bool {
        lists[language]?.contains(term) ?? false
    }

    /// The list of `language`, if any (for lookups in a loop).
    func list(for language: Language) -> Set<String>? { lists[language] }

    /// Languages that have a list.
    public var languages: [Language] { lists.keys.sorted() }

    /// Number of entries for `language`.
    public func count(for language: Language) -> Int { lists[language]?.count ?? 0 }
}
