import Foundation

extension CorpusListing {
    /// The largest manifest read (about ten million paths).
    static let maximumManifestBytes = 1 << 30

    /// Lists the files a manifest names (`wavelength run --files-from FILE`), by the same
    /// policy as a folder listing: each line is one path, relative to `root` (or absolute
    /// inside it, or a `file://` URL); empty lines and lines starting with `#` are ignored.
    ///
    /// Every named entry is accounted for once: a regular file is listed (by its path relative to
    /// the root, so document ids do not depend on where the manifest was written); an entry
    /// that does not exist, leads out of the corpus folder (`..`, an absolute path elsewhere, a
    /// symbolic link pointing outside), or is a URL of another scheme is unreadable with the
    /// reason; a folder, FIFO, socket or device is skipped with the reason. A path named twice
    /// is listed once. Files are sorted by their bytes whatever the manifest's order, so a
    /// manifest and the folder it lists give the same run.
    ///
    /// - Throws: ``RunError`` when the root is not a folder or the manifest cannot be read.
    init(root: URL, manifest: URL, excluding: [URL] = []) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunError("the corpus folder \(root.path) (the root of the paths in \(manifest.path)) does not exist or is not a folder")
        }
        guard let base = Self.realPath(Array(root.path.utf8)) else {
            throw RunError("cannot resolve the corpus folder \(root.path)")
        }
        let bytes: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: manifest.path)
            if let size = attributes[.size] as? Int, size > Self.maximumManifestBytes {
                throw RunError("the manifest \(manifest.path) is larger than 1 GiB; split the job into several manifests")
            }
            bytes = try Data(contentsOf: manifest)
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError("cannot read the manifest \(manifest.path): \(error.localizedDescription)")
        }
        self.init(rootPath: String(decoding: base, as: UTF8.self))
        let excluded = excluding.compactMap { Self.realPath(Array($0.path.utf8)) ?? Array($0.standardizedFileURL.path.utf8) }
        var seen: Set<[UInt8]> = []
        for var line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map(Array.init) {
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            while let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { line.removeFirst() }
            while let last = line.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { line.removeLast() }
            guard !line.isEmpty, line.first != UInt8(ascii: "#") else { continue }
            let shownLine = Self.display(line)
            guard let relative = Self.relativePath(of: line, base: base) else {
                unreadable.append((shownLine, Self.refusal(of: line)))
                continue
            }
            guard seen.insert(relative).inserted else { continue }
            add(relative: relative, base: base, excluded: excluded)
        }
        files.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        skipped.sort { $0.path < $1.path }
        unreadable.sort { $0.path < $1.path }
    }

    /// An empty listing of `rootPath`.
    init(rootPath: String) {
        self.rootPath = rootPath
    }

    /// Why a manifest line gives no path inside the corpus.
    private static func refusal(of line: [UInt8]) -> String {
        let text = display(line)
        if text.contains("://") && !text.hasPrefix("file://") {
            return "not a local path: only paths and file:// URLs are read (copy remote objects to a shared file system first)"
        }
        return "leads out of the corpus folder (paths in a manifest are read only inside the corpus)"
    }

    /// The path of a manifest line relative to `base`, with `.` and empty components removed and
    /// `..` resolved by name; nil when it leaves `base` or names another URL scheme.
    private static func relativePath(of line: [UInt8], base: [UInt8]) -> [UInt8]? {
        var path = line
        let scheme = Array("file://".utf8)
        if path.starts(with: scheme) {
            path.removeFirst(scheme.count)
            // file://host/path: only the local host.
            if let slash = path.firstIndex(of: UInt8(ascii: "/")), slash > 0 {
                let host = String(decoding: path[..<slash], as: UTF8.self)
                guard host == "localhost" else { return nil }
                path.removeFirst(slash)
            }
            guard let decoded = String(decoding: path, as: UTF8.self).removingPercentEncoding else { return nil }
            path = Array(decoded.utf8)
        } else if String(decoding: path.prefix(64), as: UTF8.self).contains("://") {
            return nil
        }
        var components: [[UInt8]] = []
        if path.first == UInt8(ascii: "/") {
            // Absolute: must lie under the root (as given or resolved).
            let baseComponents = base.split(separator: UInt8(ascii: "/")).map(Array.init)
            var absolute: [[UInt8]] = []
            for part in path.split(separator: UInt8(ascii: "/")).map(Array.init) {
                if part == [46] { continue }
                if part == [46, 46] { if absolute.popLast() == nil { return nil }; continue }
                absolute.append(part)
            }
            if absolute.starts(with: baseComponents) {
                components = Array(absolute.dropFirst(baseComponents.count))
            } else if let resolvedParent = realPath(Array(("/" + absolute.dropLast().map { String(decoding: $0, as: UTF8.self) }
                                                            .joined(separator: "/")).utf8)),
                      let last = absolute.last {
                // The root given through a link: compare resolved paths.
                let parent = resolvedParent.split(separator: UInt8(ascii: "/")).map(Array.init)
                guard (parent + [last]).starts(with: baseComponents) else { return nil }
                components = Array((parent + [last]).dropFirst(baseComponents.count))
            } else {
                return nil
            }
        } else {
            for part in path.split(separator: UInt8(ascii: "/")).map(Array.init) {
                if part == [46] { continue }
                if part == [46, 46] { if components.popLast() == nil { return nil }; continue }
                components.append(part)
            }
        }
        guard !components.isEmpty else { return nil }
        return Array(components.joined(separator: [UInt8(ascii: "/")]))
    }

    /// Lists one named entry (`relative` to `base`).
    private mutating func add(relative: [UInt8], base: [UInt8], excluded: [[UInt8]]) {
        let shown = Self.display(relative)
        let full = base + [UInt8(ascii: "/")] + relative
        let c = full.map { CChar(bitPattern: $0) } + [0]
        var st = stat()
        guard c.withUnsafeBufferPointer({ lstat($0.baseAddress!, &st) }) == 0 else {
            let why = errno == ENOENT ? "listed in the manifest but does not exist" : "cannot read its file status: \(String(cString: strerror(errno)))"
            unreadable.append((shown, why))
            return
        }
        // Every component resolved: a link anywhere on the way must stay inside the corpus.
        guard let target = Self.realPath(full) else {
            unreadable.append((shown, errno == ELOOP ? "symbolic link loop" : "symbolic link that cannot be followed: \(String(cString: strerror(errno)))"))
            return
        }
        guard target.starts(with: base + [UInt8(ascii: "/")]) else {
            unreadable.append((shown, "symbolic link pointing outside the corpus folder"))
            return
        }
        if excluded.contains(where: { target == $0 || target.starts(with: $0 + [UInt8(ascii: "/")]) }) {
            skipped.append((shown, "part of the output (never read as input)"))
            return
        }
        let resolved = target.map { CChar(bitPattern: $0) } + [0]
        guard resolved.withUnsafeBufferPointer({ stat($0.baseAddress!, &st) }) == 0 else {
            unreadable.append((shown, "cannot read its file status: \(String(cString: strerror(errno)))"))
            return
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            if String(validatingCString: relative.map { CChar(bitPattern: $0) } + [0]) == nil { rawNames[shown] = relative }
            files.append(shown)
        case S_IFDIR: skipped.append((shown, "a folder (a manifest names files; list its files, or run on the folder)"))
        case S_IFIFO: skipped.append((shown, "FIFO (named pipe), not a regular file"))
        case S_IFSOCK: skipped.append((shown, "socket, not a regular file"))
        case S_IFCHR: skipped.append((shown, "character device, not a regular file"))
        case S_IFBLK: skipped.append((shown, "block device, not a regular file"))
        default: skipped.append((shown, "not a regular file"))
        }
    }
}
