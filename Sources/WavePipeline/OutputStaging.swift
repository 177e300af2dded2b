import CFileShim
import Foundation
import WaveReports

/// Crash-consistent outputs: a run writes its whole output set into a new
/// staging folder beside the output folder (`<parent>/.<name>.staging-<run id>`)
/// and swaps it in at the end in one atomic step (`renameat2` with
/// `RENAME_EXCHANGE`; the old set is then removed). A reader of the output folder
/// sees the old complete set or the new complete set, never a mix; a run killed
/// at any point leaves the old set as it was.
///
/// Used only while the ``OutputLock`` is held: staging and old folders found at
/// the start therefore belong to dead runs and are removed.
struct OutputStaging {
    let output: URL
    let runID: String
    /// Where this run writes its outputs.
    let folder: URL

    /// A new run id: UTC time and 8 random hex digits (`20261206T193000Z-1a2b3c4d`).
    static func newRunID(now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let random = String(UInt32.random(in: .min ... .max), radix: 16)
        return formatter.string(from: now) + "-" + String(repeating: "0", count: 8 - random.count) + random
    }

    /// Names a run writes (and a folder of only these is a run's output).
    static func isOutputName(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix(".csv") || name.hasSuffix(".csv.gz") || name.hasSuffix(".jsonl") || name.hasSuffix(".tsv")
            || ReportWriter.fileNames.contains(name) || ["run.log", ReportWriter.manifestName].contains(name)
            || ShardFolder.fileNames.contains(name)
    }

    /// Removes leftovers of dead runs, checks that the output folder (if any) holds
    /// only a run's outputs, and creates the staging folder — so an output place
    /// that cannot be written is found before any analysis.
    /// - Throws: ``RunError``.
    init(output: URL, runID: String, log: (String) -> Void) throws {
        let output = output.standardizedFileURL
        self.output = output
        self.runID = runID
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let fm = FileManager.default
        for leftover in ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        where leftover.hasPrefix(".\(name).staging-") || leftover.hasPrefix(".\(name).previous-") {
            let url = parent.appendingPathComponent(leftover)
            // A run that died between the two renames of the fallback swap: the
            // previous set goes back in place.
            if leftover.hasPrefix(".\(name).previous-"), !fm.fileExists(atPath: output.path),
               rename(url.path, output.path) == 0 {
                log("restored the previous outputs from \(url.path), left by a run that did not finish")
                continue
            }
            do {
                try fm.removeItem(at: url)
                log("removed \(url.path), left by a run that did not finish")
            } catch {
                log("warning: cannot remove \(url.path), left by a run that did not finish: \(error.localizedDescription)")
            }
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw RunError("the output \(output.path) is not a folder")
            }
            let foreign = ((try? fm.contentsOfDirectory(atPath: output.path)) ?? []).filter { !Self.isOutputName($0) }.sorted()
            guard foreign.isEmpty else {
                let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", …" : "")
                throw RunError("the output folder \(output.path) holds files a run does not write (\(shown)); "
                               + "a run replaces the whole folder, so name a new or empty folder, or one an earlier run wrote")
            }
        }
        folder = parent.appendingPathComponent(".\(name).staging-\(runID)")
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            guard access(folder.path, W_OK) == 0 else { throw CocoaError(.fileWriteNoPermission) }
        } catch {
            throw RunError("cannot write beside the output folder \(output.path): \(error.localizedDescription)")
        }
    }

    /// Puts the staged set in place of the output folder in one step and removes the old set.
    /// - Throws: ``RunError`` when the swap fails (the old set is then left as it was).
    func commit(log: (String) -> Void) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: output.path) {
            guard rename(folder.path, output.path) == 0 else {
                throw RunError("cannot move the outputs into \(output.path): \(String(cString: strerror(errno)))")
            }
            return
        }
        if wl_rename_exchange(folder.path, output.path) == 0 {
            // `folder` now holds the previous set.
            try? fm.removeItem(at: folder)
            return
        }
        guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
            throw RunError("cannot swap the outputs into \(output.path): \(String(cString: strerror(errno)))")
        }
        // No exchange on this file system: two renames. Between them the output
        // folder is briefly absent (never mixed); a crash there leaves the previous
        // set beside it, restored by the next run's start.
        let previous = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous-\(runID)")
        guard rename(output.path, previous.path) == 0 else {
            throw RunError("cannot move the previous outputs aside: \(String(cString: strerror(errno)))")
        }
        guard rename(folder.path, output.path) == 0 else {
            let why = String(cString: strerror(errno))
            _ = rename(previous.path, output.path)
            throw RunError("cannot move the outputs into \(output.path): \(why)")
        }
        try? fm.removeItem(at: previous)
        log("note: outputs swapped in by two renames (the file system cannot exchange folders)")
    }

    /// Removes the staging folder of a run that did not finish.
    func abandon() {
        try? FileManager.default.removeItem(at: folder)
    }
}
