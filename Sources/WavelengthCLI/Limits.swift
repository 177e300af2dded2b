import ArgumentParser
import WavePipeline

/// Bounds on numbers read from the command line, checked before any work, so
/// no option can overflow arithmetic or ask for unbounded memory.
enum Limits {
    /// `--max-file-mb`: at most 1 TiB (so the byte count never overflows).
    static let maxFileMiB = 1 << 20
    /// `--topics`: at most this many topics per language (the settings file's bound too).
    static let maxTopics = RunConfiguration.maxTopics
    /// `kwic --window`: at most this many tokens of context each side.
    static let maxWindow = 10_000

    static func checkMaxFileMb(_ value: Int) throws {
        guard value > 0, value <= maxFileMiB else {
            throw ValidationError("--max-file-mb must be between 1 and \(maxFileMiB) (got \(value))")
        }
    }

    static func checkTopics(_ value: Int) throws {
        guard value >= 2, value <= maxTopics else {
            throw ValidationError("--topics must be between 2 and \(maxTopics) (got \(value))")
        }
    }

    static func checkOutput(_ value: String, option: String = "--output") throws {
        guard !value.isEmpty else { throw ValidationError("\(option) must name a folder (got an empty name)") }
    }
}
