import Foundation
import WaveIngest

/// A file to read: named on the command line, or found under a named folder by
/// the corpus listing.
public struct InputFile: Sendable, Hashable {
    /// The name shown and written: the folder as given joined with the listed path
    /// (bytes that are not UTF-8 written `\xNN`), or the file as given.
    public var path: String
    /// The path handed to `open`, as bytes.
    let fileSystemPath: [CChar]
}

/// The files of the paths given to `extract`, `themes` or `sentiment`, listed by
/// the same policy as `run` (``CorpusListing``): links never lead out of a
/// folder, FIFOs and devices are skipped, nothing is left out silently.
public struct InputListing: Sendable {
    public var files: [InputFile] = []
    /// Entries not read, with the reason.
    public var skipped: [(path: String, reason: String)] = []
    /// Entries that could not be listed or followed, with the reason.
    public var failures: [(path: String, reason: String)] = []
}

extension Workbench {
    /// Lists `paths`: a file is read as named (whatever its extension); a folder is
    /// listed recursively and its files of a format ingest reads are taken.
    /// - Throws: ``RunError`` for a path that does not exist.
    public func inputs(_ paths: [String]) throws -> InputListing {
        var result = InputListing()
        let ingestor = Ingestor()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw RunError("no such file or folder: \(path)")
            }
            guard isDirectory.boolValue else {
                result.files.append(InputFile(path: path, fileSystemPath: Array(path.utf8CString)))
                continue
            }
            let listing = try CorpusListing(root: URL(fileURLWithPath: path))
            let prefix = path.hasSuffix("/") ? path : path + "/"
            for file in listing.files {
                if ingestor.handles(path: file) {
                    result.files.append(InputFile(path: prefix + file, fileSystemPath: listing.fileSystemPath(of: file)))
                } else {
                    result.skipped.append((prefix + file, "not a format wavelength reads"))
                }
            }
            result.skipped += listing.skipped.map { (prefix + $0.path, $0.reason) }
            result.failures += listing.unreadable.map { (prefix + $0.path, $0.reason) }
        }
        return result
    }

    /// Reads one listed file with the configured size limit.
    public func read(_ file: InputFile) -> Result<IngestResult, IngestError> {
        let ingestor = Ingestor(options: IngestOptions(maxFileBytes: configuration.maxFileBytes, articlesOnly: configuration.articlesOnly))
        return Result { () throws(IngestError) in try ingestor.read(fileSystemPath: file.fileSystemPath, path: file.path) }
    }
}
