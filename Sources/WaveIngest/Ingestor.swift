import Foundation

/// Limits and switches for reading files.
public struct IngestOptions: Sendable, Hashable {
    /// Largest file read, in bytes (after decompression for `.gz`).
    public var maxFileBytes: Int
    public init(maxFileBytes: Int = 64 << 20) {
        self.maxFileBytes = maxFileBytes
    }
}

/// Reads files of any supported format into ``Article`` values.
///
/// ```swift
/// let ingestor = Ingestor()
/// let articles = try ingestor.articles(atPath: "news/a.html", root: corpusURL)
/// ```
public struct Ingestor: Sendable {
    public var options: IngestOptions

    public init(options: IngestOptions = IngestOptions()) {
        self.options = options
    }

    /// Whether a file with this relative path is one ingest reads (by extension).
    /// Others (README.md, images...) are skipped, not failed.
    public func handles(path: String) -> Bool {
        let lower = path.lowercased()
        return [".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".txt", ".gz", ".warc"]
            .contains { lower.hasSuffix($0) }
    }

    /// Reads the file at `path` (relative to `root`) and returns its articles.
    /// - Throws: ``IngestError`` with the path, a code and a reason.
    public func articles(atPath path: String, root: URL) throws(IngestError) -> [Article] {
        let url = root.appendingPathComponent(path)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw IngestError(.unreadable, path: path, reason: "\(error.localizedDescription)")
        }
        return try articles(in: [UInt8](data), path: path)
    }

    /// Parses raw bytes that came from `path` (used for the format guess and ids).
    public func articles(in bytes: [UInt8], path: String) throws(IngestError) -> [Article] {
        if bytes.isEmpty { throw IngestError(.empty, path: path, reason: "the file is empty") }
        if bytes.count > options.maxFileBytes {
            throw IngestError(.tooLarge, path: path, reason: "\(bytes.count) bytes is over the limit of \(options.maxFileBytes)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw IngestError(.undecodable, path: path, reason: "not valid UTF-8")
        }
        let paragraphs = text.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return [Article(id: path, path: path, title: paragraphs.first, format: .text,
                        encoding: "UTF-8", paragraphs: paragraphs)]
    }
}
