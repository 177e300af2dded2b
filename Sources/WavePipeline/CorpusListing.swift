import Foundation

/// Every entry under a corpus folder, each accounted for exactly once: a file to
/// read, an entry skipped with its reason, or an entry that could not be listed
/// or followed (a failure). The one listing policy of every command that reads a
/// folder (`run`, `extract`, `themes`, `sentiment`, `topics`).
///
/// - Names are read as bytes: a name that is not UTF-8 (a cp932 or EUC-KR name
///   from an old archive) is listed with its undecodable bytes written `\xNN`, and
///   read by its bytes (``fileSystemPath(of:)``).
/// - A symbolic link is followed only to a regular file inside the corpus; links
///   out of the corpus, dangling links and link loops are failures; a link to a
///   folder inside the corpus is skipped (its files are listed under their own path).
/// - FIFOs, sockets and devices are skipped (reading them could block or never end).
/// - Hidden names (starting with ".") and the excluded folders (the run's output
///   folder and its staging folders) are skipped without going into them.
public struct CorpusListing: Sendable {
    /// Regular files, relative to the root, sorted by their bytes.
    public var files: [String] = []
    /// Entries not read, with the reason (files of an unread format are not here:
    /// the caller decides those by name).
    public var skipped: [(path: String, reason: String)] = []
    /// Entries that could not be listed or followed, with the reason.
    public var unreadable: [(path: String, reason: String)] = []
    /// The root as a file-system path (links resolved).
    public let rootPath: String
    /// Raw relative names of files whose name is not UTF-8, keyed by the listed (escaped) name.
    var rawNames: [String: [UInt8]] = [:]

    /// Lists `root`. Entries in `excluding` (the output folder and its lock; folders
    /// with their contents) are skipped as "part of the output".
    /// - Throws: ``RunError`` when the root is missing or not a folder.
    public init(root: URL, excluding: [URL] = []) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw RunError("the corpus folder \(root.path) does not exist")
        }
        guard isDirectory.boolValue else {
            throw RunError("the corpus \(root.path) is not a folder")
        }
        guard let base = Self.realPath(Array(root.path.utf8)) else {
            throw RunError("cannot resolve the corpus folder \(root.path)")
        }
        rootPath = String(decoding: base, as: UTF8.self)
        // Resolved where they exist; as given (under the resolved parent) otherwise.
        let excluded = Set(excluding.flatMap { url -> [[UInt8]] in
            let parent = Self.realPath(Array(url.deletingLastPathComponent().path.utf8))
            return [Self.realPath(Array(url.path.utf8)),
                    parent.map { $0 + [UInt8(ascii: "/")] + Array(url.lastPathComponent.utf8) }].compactMap { $0 }
        })
        var visiting: Set<[UInt8]> = []
        walk(base: base, relative: [], excluded: excluded, visiting: &visiting)
        files.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        skipped.sort { $0.path < $1.path }
        unreadable.sort { $0.path < $1.path }
    }

    /// The file-system path of a listed file, as bytes (NUL-terminated), for `open`.
    public func fileSystemPath(of path: String) -> [CChar] {
        let relative = rawNames[path] ?? Array(path.utf8)
        var bytes = Array(rootPath.utf8)
        if bytes.last != UInt8(ascii: "/") { bytes.append(UInt8(ascii: "/")) }
        bytes += relative
        return bytes.map { CChar(bitPattern: $0) } + [0]
    }

    // MARK: walking

    private mutating func walk(base: [UInt8], relative: [UInt8], excluded: Set<[UInt8]>, visiting: inout Set<[UInt8]>) {
        let folder = relative.isEmpty ? base : base + [UInt8(ascii: "/")] + relative
        guard let names = Self.entries(of: folder) else {
            let why = String(cString: strerror(errno))
            if relative.isEmpty { unreadable.append(("", "cannot list the corpus folder: \(why)")) }
            else { unreadable.append((Self.display(relative), "cannot list the folder: \(why)")) }
            return
        }
        for name in names {
            let rel = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
            let full = base + [UInt8(ascii: "/")] + rel
            let shown = Self.display(rel)
            if excluded.contains(full) {
                skipped.append((shown, "part of the output (never read as input)"))
                continue
            }
            if name.first == UInt8(ascii: ".") {
                skipped.append((shown, "hidden name (starts with '.'), not read"))
                continue
            }
            var st = stat()
            guard Self.withCPath(full, { lstat($0, &st) }) == 0 else {
                unreadable.append((shown, "cannot read its file status: \(String(cString: strerror(errno)))"))
                continue
            }
            var kind = st.st_mode & S_IFMT
            if kind == S_IFLNK {
                guard let target = Self.realPath(full) else {
                    let why = errno == ELOOP ? "symbolic link loop" : errno == ENOENT ? "dangling symbolic link (its target does not exist)"
                        : "symbolic link that cannot be followed: \(String(cString: strerror(errno)))"
                    unreadable.append((shown, why))
                    continue
                }
                guard target == base || target.starts(with: base + [UInt8(ascii: "/")]) else {
                    unreadable.append((shown, "symbolic link pointing outside the corpus folder"))
                    continue
                }
                guard Self.withCPath(target, { stat($0, &st) }) == 0 else {
                    unreadable.append((shown, "symbolic link that cannot be followed: \(String(cString: strerror(errno)))"))
                    continue
                }
                kind = st.st_mode & S_IFMT
                if kind == S_IFDIR {
                    skipped.append((shown, "symbolic link to a folder inside the corpus (its files are listed under their own path)"))
                    continue
                }
                if excluded.contains(where: { target.starts(with: $0 + [UInt8(ascii: "/")]) }) {
                    skipped.append((shown, "symbolic link into the output folder"))
                    continue
                }
            }
            switch kind {
            case S_IFDIR:
                if let real = Self.realPath(full), excluded.contains(real) {
                    skipped.append((shown, "part of the output (never read as input)"))
                    continue
                }
                let id = Self.identity(st)
                guard visiting.insert(id).inserted else {
                    unreadable.append((shown, "folder loop (a folder inside itself)"))
                    continue
                }
                walk(base: base, relative: rel, excluded: excluded, visiting: &visiting)
                visiting.remove(id)
            case S_IFREG:
                if String(validatingUTF8: rel.map { CChar(bitPattern: $0) } + [0]) == nil { rawNames[shown] = rel }
                files.append(shown)
            case S_IFIFO: skipped.append((shown, "FIFO (named pipe), not a regular file"))
            case S_IFSOCK: skipped.append((shown, "socket, not a regular file"))
            case S_IFCHR: skipped.append((shown, "character device, not a regular file"))
            case S_IFBLK: skipped.append((shown, "block device, not a regular file"))
            default: skipped.append((shown, "not a regular file"))
            }
        }
    }

    private static func identity(_ st: stat) -> [UInt8] {
        withUnsafeBytes(of: (UInt64(st.st_dev), UInt64(st.st_ino))) { Array($0) }
    }

    private static func withCPath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        let c = bytes.map { CChar(bitPattern: $0) } + [0]
        return c.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The resolved path (`realpath`), or `nil` with `errno` set.
    static func realPath(_ bytes: [UInt8]) -> [UInt8]? {
        withCPath(bytes) { p -> [UInt8]? in
            guard let resolved = realpath(p, nil) else { return nil }
            defer { free(resolved) }
            return Array(UnsafeBufferPointer(start: resolved, count: strlen(resolved))).map { UInt8(bitPattern: $0) }
        }
    }

    /// The names in a folder, sorted by their bytes, without "." and "..".
    private static func entries(of folder: [UInt8]) -> [[UInt8]]? {
        guard let dir = withCPath(folder, { opendir($0) }) else { return nil }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [46] || name == [46, 46] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// A name as text: valid UTF-8 as it is; each byte of an invalid sequence as `\xNN`.
    static func display(_ bytes: [UInt8]) -> String {
        if let s = String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]) { return s }
        var out = ""
        var i = 0
        while i < bytes.count {
            // Longest valid UTF-8 sequence starting here, else one escaped byte.
            var length = 0
            let b = bytes[i]
            if b < 0x80 { length = 1 } else if b >= 0xC2 && b <= 0xDF { length = 2 }
            else if b >= 0xE0 && b <= 0xEF { length = 3 } else if b >= 0xF0 && b <= 0xF4 { length = 4 }
            if length > 0, i + length <= bytes.count,
               let s = String(validatingUTF8: bytes[i..<(i + length)].map { CChar(bitPattern: $0) } + [0]) {
                out += s
                i += length
            } else {
                out += "\\x" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
                i += 1
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
