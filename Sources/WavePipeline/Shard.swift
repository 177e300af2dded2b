import Foundation

/// One part of a corpus split over `count` processes: `wavelength run --shard I/N`.
///
/// A file belongs to shard `hash(path) mod count`, where `path` is the file's path relative to
/// the corpus root (as the listing and the outputs name it) and `hash` is 64-bit FNV-1a over its
/// UTF-8 bytes, mixed by the MurmurHash3 finalizer. The split is therefore:
/// - **deterministic**: every task of a job array computes the same split on its own, with no
///   coordination and whatever the order of the listing or the manifest;
/// - **stable**: a file's shard depends on its own path only, so a file added to the corpus
///   between two tasks' listings can never be read twice or dropped by the others (the merge
///   then refuses the shards because their listings differ, see ``ShardManifest``);
/// - **balanced by count** in expectation (the hash spreads paths evenly; with thousands of
///   files per shard the shards differ by a few percent), not by bytes.
///
/// Entries that are not read (hidden names, unreadable entries, files of another format) are
/// split the same way, so that every entry of the listing is reported by exactly one shard.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based shard number.
    public var index: Int
    /// Number of shards.
    public var count: Int

    /// The largest number of shards accepted.
    public static let maximumCount = 100_000

    /// - Throws: ``RunError`` (usage) when `index` is not in `0..<count` or `count` is out of range.
    public init(index: Int, count: Int) throws {
        guard count >= 1, count <= Self.maximumCount else {
            throw RunError("the shard count must be 1 to \(Self.maximumCount) (got \(count))", outcome: .usage)
        }
        guard index >= 0, index < count else {
            throw RunError("the shard number must be 0 to \(count - 1) for \(count) shards (got \(index))", outcome: .usage)
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (0-based `I`), e.g. `3/8`.
    /// - Throws: ``RunError`` (usage) for anything else.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let count = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw RunError("a shard is written I/N with I from 0 to N-1, e.g. 3/8 (got '\(text)')", outcome: .usage)
        }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the corpus entry at `path` belongs to this shard.
    public func contains(_ path: String) -> Bool {
        Int(Self.hash(path) % UInt64(count)) == index
    }

    /// 64-bit FNV-1a of the path's UTF-8 bytes, then the MurmurHash3 finalizer, so that every
    /// bit of the path reaches the low bits a small shard count uses (FNV-1a alone modulo a
    /// power of two sees only the low bits of each byte). Fixed: changing it changes the split.
    static func hash(_ path: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// The shard a scheduler gives this process: Slurm job arrays
    /// (`SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN` of `SLURM_ARRAY_TASK_COUNT`), else a
    /// Kubernetes Indexed Job (`JOB_COMPLETION_INDEX` of `count`, which Kubernetes does not
    /// pass to the pod: give it as `--shard-count` or `WAVELENGTH_SHARD_COUNT`).
    /// - Throws: ``RunError`` when neither is there or the variables are not numbers.
    public static func fromScheduler(environment: [String: String], count: Int?) throws -> Shard {
        func number(_ name: String) throws -> Int? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text) else { throw RunError("\(name) is not a whole number (got '\(text)')") }
            return value
        }
        if let task = try number("SLURM_ARRAY_TASK_ID") {
            // `--array=1-8` numbers tasks from 1: the shard is the task's place in the array.
            let first = try number("SLURM_ARRAY_TASK_MIN") ?? 0
            guard let tasks = try number("SLURM_ARRAY_TASK_COUNT") ?? count else {
                throw RunError("SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT (submit with sbatch --array=0-N), and no shard count is given")
            }
            if let count, count != tasks {
                throw RunError("the shard count \(count) differs from SLURM_ARRAY_TASK_COUNT \(tasks)")
            }
            guard task >= first, task - first < tasks else {
                throw RunError("SLURM_ARRAY_TASK_ID \(task) is not in an array of \(tasks) tasks from \(first): "
                               + "shards need a contiguous array (sbatch --array=0-\(tasks - 1), without a step)")
            }
            return try Shard(index: task - first, count: tasks)
        }
        if let index = try number("JOB_COMPLETION_INDEX") {
            guard let count else {
                throw RunError("JOB_COMPLETION_INDEX is set but no shard count: set WAVELENGTH_SHARD_COUNT (or --shard-count) to the Job's completions")
            }
            return try Shard(index: index, count: count)
        }
        throw RunError("the shard is 'auto' but neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set")
    }

    /// The shard of a run from its settings: `setting` is `I/N`, `auto` (from the scheduler),
    /// `none` (a whole run whatever else is set) or absent; a `count` alone under a scheduler
    /// means `auto`.
    /// - Returns: nil for a whole (unsharded) run.
    static func resolve(setting: String?, count: Int?, environment: [String: String]) throws -> Shard? {
        let text = setting?.trimmingCharacters(in: .whitespaces) ?? ""
        if text == "none" { return nil }
        if text.isEmpty {
            guard let count else { return nil }
            guard environment["JOB_COMPLETION_INDEX"] != nil || environment["SLURM_ARRAY_TASK_ID"] != nil else {
                throw RunError("a shard count (\(count)) is given without a shard: give --shard I/N, or --shard auto inside a Slurm job array or Kubernetes Indexed Job")
            }
            return try fromScheduler(environment: environment, count: count)
        }
        if text == "auto" { return try fromScheduler(environment: environment, count: count) }
        let shard = try Shard(parsing: text)
        if let count, count != shard.count {
            throw RunError("the shard \(shard) and the shard count \(count) disagree")
        }
        return shard
    }
}

extension CorpusListing {
    /// The part of the listing that belongs to `shard`: its files, skipped and unreadable entries.
    func part(_ shard: Shard) -> CorpusListing {
        var part = self
        part.files = files.filter { shard.contains($0) }
        part.skipped = skipped.filter { shard.contains($0.path) }
        part.unreadable = unreadable.filter { shard.contains($0.path) }
        return part
    }

    /// A digest of every entry's path and kind (file, skipped, unreadable): two listings with
    /// the same digest listed the same inputs.
    var digest: String {
        var text = ""
        for file in files { text += "f \(file)\n" }
        for entry in skipped { text += "s \(entry.path)\n" }
        for entry in unreadable { text += "u \(entry.path)\n" }
        return ContentHash.of(Array(text.utf8))
    }
}
