import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a lock file beside the output folder
/// (`<parent>/.<name>.lock`), held for the whole run, so two runs (two cron jobs,
/// a cron job and an operator) never write one output folder at once.
///
/// The kernel releases the lock when the process dies, however it dies: a lock file
/// left by a killed run never blocks the next one. The file lies beside the folder,
/// not in it, because the outputs are replaced as a whole at the end of a run.
public final class OutputLock: @unchecked Sendable {
    /// The lock file's path.
    public let path: String
    private var descriptor: Int32

    /// The lock file that guards `output`.
    public static func path(for output: URL) -> String {
        let folder = output.standardizedFileURL
        let name = folder.lastPathComponent.isEmpty ? "output" : folder.lastPathComponent
        return folder.deletingLastPathComponent().appendingPathComponent(".\(name).lock").path
    }

    /// Takes the lock for `output` without waiting.
    /// - Throws: ``RunError`` with outcome ``RunOutcome/busy`` when another run holds
    ///   it, ``RunOutcome/failed`` when the lock file cannot be created.
    public init(output: URL) throws {
        path = Self.path(for: output)
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw RunError("cannot write the output lock in \(parent) (it goes beside the output folder): \(error.localizedDescription)")
        }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunError("cannot write the output lock \(path): \(String(cString: strerror(errno)))")
        }
        var status: Int32
        repeat { status = flock(descriptor, LOCK_EX | LOCK_NB) } while status != 0 && errno == EINTR
        guard status == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(descriptor)
            descriptor = -1
            if busy {
                throw RunError("another run is writing \(output.path) (lock \(path) is held); try again later",
                               outcome: .busy)
            }
            throw RunError("cannot lock \(path): \(reason)")
        }
        // Who holds it, for an operator looking at the file (the lock is the flock, not this text).
        _ = ftruncate(descriptor, 0)
        let note = "\(getpid())\n"
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    /// Releases the lock (also done when the value is freed or the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
