import Foundation

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
        FileHandle.standardOutput.write(data)
    }
}

/// Reads standard input line by line, as UTF-8 (invalid bytes replaced).
func standardInputLines() -> AnySequence<String> {
    AnySequence {
        AnyIterator { readLine(strippingNewline: true) }
    }
}
