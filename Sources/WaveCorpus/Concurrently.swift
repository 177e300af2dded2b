import Foundation
import Synchronization

/// Runs independent parts of the corpus stage at once, on as many threads as
/// there are parts (the system caps them at its cores). Each part computes a
/// value on its own; the values come back in the parts' order, so the result
/// is the same as running them one after another.
enum Concurrently {
    static func values<T: Sendable>(_ parts: [@Sendable () -> T]) -> [T] {
        guard parts.count > 1 else { return parts.map { $0() } }
        let slots = Mutex<[T?]>(Array(repeating: nil, count: parts.count))
        DispatchQueue.concurrentPerform(iterations: parts.count) { i in
            let value = parts[i]()
            slots.withLock { $0[i] = value }
        }
        return slots.withLock { $0 }.map { $0! }
    }

    static func pair<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        let first = Mutex<A?>(nil), second = Mutex<B?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { let v = a(); first.withLock { $0 = v } } else { let v = b(); second.withLock { $0 = v } }
        }
        return (first.withLock { $0 }!, second.withLock { $0 }!)
    }
}
