import Foundation
import WaveText

/// The data files that ship with Wavelength (theme dictionary, lexicons, gazetteer,
/// default stopword lists), embedded in the binary at build time by the
/// `EmbedShippedData` plugin from `Sources/WaveLexicon/Resources` and `Stopwords/`.
/// An installed binary carries them: nothing is looked up in a bundle or the build folder.
public enum ShippedData {
    /// How one embedded file is held in the binary.
    enum EmbeddedFile {
        /// UTF-8 text, byte for byte.
        case text(StaticString)
        /// Any other bytes, base64-encoded.
        case base64(StaticString)
    }

    /// Names of the shipped files (`themes.yaml`, …, `stopwords/en.txt`).
    public static var names: [String] { embeddedNames }

    /// The bytes of the shipped file `name`.
    /// - Throws: ``LexiconError`` (`missing_resource`) when no such file was embedded.
    public static func data(_ name: String) throws -> Data {
        switch embedded(name) {
        case .text(let text)?:
            return text.withUTF8Buffer { Data($0) }
        case .base64(let encoded)?:
            if let data = Data(base64Encoded: encoded.withUTF8Buffer { Data($0) }) { return data }
            throw LexiconError(.missingResource, source: label(name), reason: "the embedded copy is not valid base64")
        case nil:
            throw LexiconError(.missingResource, source: label(name), reason: "no such file was embedded in the build")
        }
    }

    /// The shipped file `name` as UTF-8 text.
    public static func text(_ name: String) throws -> String {
        guard let text = String(data: try data(name), encoding: .utf8) else {
            throw LexiconError(.unreadable, source: label(name), reason: "the shipped file is not UTF-8")
        }
        return text
    }

    /// How a shipped file is named in messages and in lexicon sources.
    public static func label(_ name: String) -> String { "shipped:\(name)" }
}

extension Stopwords {
    /// The stopword lists that ship with Wavelength (`Stopwords/<lang>.txt` at build time).
    public static func shipped() throws -> Stopwords {
        var lists: [Language: Set<String>] = [:]
        for name in ShippedData.names where name.hasPrefix("stopwords/") && name.hasSuffix(".txt") {
            let code = String(name.dropFirst("stopwords/".count).dropLast(".txt".count))
            lists[Language(code)] = Stopwords.parse(try ShippedData.text(name))
        }
        return Stopwords(lists)
    }
}
