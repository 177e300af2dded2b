import Foundation

/// The files under a corpus folder, as paths relative to it, sorted.
/// Hidden files and folders (names starting with ".") are left out; symbolic
/// links are not followed out of the folder.
struct CorpusListing {
    var files: [String] = []
    /// Paths that could not be listed or read, with the reason.
    var unreadable: [(String, String)] = []

    init(root: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw RunError("the corpus folder \(root.path) does not exist")
        }
        guard isDirectory.boolValue else {
            throw RunError("the corpus \(root.path) is not a folder")
        }
        let base = root.standardizedFileURL.resolvingSymlinksInPath()
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        var problems: [(String, String)] = []
        guard let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
            options: [.skipsHiddenFiles],
            errorHandler: { url, error in
                problems.append((url.path, error.localizedDescription))
                return true
            })
        else {
            throw RunError("cannot list the corpus folder \(root.path)")
        }
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            var target = url
            if values?.isSymbolicLink == true {
                target = url.resolvingSymlinksInPath()
                guard target.path.hasPrefix(prefix) else {
                    problems.append((String(url.path.dropFirst(prefix.count)), "symbolic link pointing outside the corpus folder"))
                    continue
                }
            }
            guard (try? target.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            guard url.path.hasPrefix(prefix) else { continue }
            files.append(String(url.path.dropFirst(prefix.count)))
        }
        files.sort()
        unreadable = problems.map { (path, reason) in
            (path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path, reason)
        }
    }
}
