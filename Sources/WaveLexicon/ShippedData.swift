import Foundation

/// The data files that ship inside the package (theme dictionary, lexicons,
/// gazetteer), so a run needs no configuration.
public enum ShippedData {
    /// URL of a shipped resource file.
    public static func url(_ name: String) throws -> URL {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        if let url = Bundle.module.url(forResource: parts[0], withExtension: parts.count > 1 ? parts[1] : nil,
                                       subdirectory: "Resources") {
            return url
        }
        throw LexiconError(.missingResource, source: name, reason: "the shipped resource is missing from the build")
    }
}
