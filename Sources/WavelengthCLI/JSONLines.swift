import Foundation
import WavePipeline

/// Writes one compact JSON object per line to standard output.
struct JSONLines {
    private let encoder: JSONEncoder

    init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func write<T: Encodable>(_ value: T) throws {
        var data = try encoder.encode(value)
        data.append(0x0A)
        try StandardOutput.write(data)
    }
}

/// Standard output that reports a failed write (a full disk, `> /dev/full`, a
/// closed pipe) as an error instead of trapping.
enum StandardOutput {
    static func write(_ data: Data) throws {
        do { try FileHandle.standardOutput.write(contentsOf: data) } catch {
            throw RunError("cannot write to standard output: \(error.localizedDescription)")
        }
    }
}

/// Reads standard input line by line, as UTF-8 (invalid bytes replaced).
func standardInputLines() -> AnySequence<String> {
    AnySequence {
        AnyIterator { readLine(strippingNewline: true) }
    }
}
