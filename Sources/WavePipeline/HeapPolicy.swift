import CMallocShim

/// How a run asks the C allocator (glibc malloc) to hand memory back.
///
/// A run's corpus stage builds large short-lived arrays (term and n-gram matrices, shingle sets,
/// tally columns) on several threads. glibc serves a large array from an arena once its adaptive
/// mmap threshold has risen, and keeps the freed space in that arena afterwards, so the resident
/// size of a 20,000-article run grew to about twice the bytes in use. With a fixed threshold
/// every large buffer is a mapping of its own, unmapped when it is freed; what the arenas still
/// hold free is trimmed at the stage boundaries, and threads share two arenas rather than
/// one each. Outputs do not depend on any of this.
enum HeapPolicy {
    /// Buffers from this size on are mapped on their own (glibc's initial threshold).
    static let mappedFrom = 128 * 1024

    /// Fixes the mmap threshold and caps the arenas (once per process; later calls change nothing).
    static func mapLargeBuffers() {
        _ = once
    }

    /// Arenas the threads share: a run's workers and the corpus stage's parts are two at a time.
    static let arenas: Int32 = 2

    private static let once: Void = {
        _ = wl_malloc_map_large(mappedFrom)
        _ = wl_malloc_max_arenas(arenas)
    }()

    /// Returns the free space of every arena to the system (between stages).
    static func releaseFreed() {
        _ = wl_malloc_trim()
    }
}
