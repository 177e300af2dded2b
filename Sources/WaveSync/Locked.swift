import Foundation

/// A value guarded by a lock: the one lock type of the package's types that threads share.
///
/// Built on Foundation's `NSLock` (a pthread mutex) rather than the standard library's `Mutex`:
/// on Linux `Mutex` parks threads on a futex that ThreadSanitizer does not intercept, so TSan
/// sees no hand-off between two `withLock` calls and reports every contended one as a race
/// (`scripts/tsan_mutex_repro.sh`: the same program reports with `Mutex` and is clean with
/// `NSLock`). With this type, a TSan report is a real one (BENCHMARKS.md section 10).
///
/// ```swift
/// let counts = Locked<[String: Int]>([:])
/// counts.withLock { $0["a", default: 0] += 1 }
/// ```
public final class Locked<Value>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var value: Value  // only under `lock`

    public init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held.
    @inlinable
    public func withLock<Result, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
