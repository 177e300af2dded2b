import Foundation
import Synchronization

/// Runs a function over items on worker threads and returns the results in the
/// items' order. Each worker takes the next item in turn; nothing else is shared.
enum ParallelMap {
    static func ordered<Item: Sendable, Output: Sendable>(_ items: [Item], threads: Int,
                                                          _ body: @Sendable (Item) -> Output) -> [Output] {
        let slots = Mutex<[Output?]>(Array(repeating: nil, count: items.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(max(threads, 1), max(items.count, 1))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < items.count else { return }
                let output = body(items[index])
                slots.withLock { $0[index] = output }
            }
        }
        return slots.withLock { $0 }.compactMap { $0 }
    }
}
