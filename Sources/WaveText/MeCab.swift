internal import CMeCabShim
import Foundation

/// MeCab, the Japanese morphological analyzer, loaded at run time.
///
/// `libmecab.so.2` is opened with `dlopen` on first use, so the package builds
/// and runs without it; when it (or its dictionary) is missing the tokenizer
/// falls back to ICU word break and says so in ``Tokenizer/japaneseBackend``.
///
/// A MeCab tagger is not thread-safe. Taggers are kept in a pool per
/// dictionary: a thread takes an idle one (or creates one) for one parse and
/// gives it back, so documents can be tokenized concurrently.
public enum MeCab {
    /// Whether `libmecab.so.2` can be loaded.
    public static var isLibraryAvailable: Bool { cmecab_available() != 0 }

    /// Whether MeCab can be used with its default dictionary (as configured in
    /// `/etc/mecabrc`, or Debian's `/var/lib/mecab/dic/debian`).
    public static var isAvailable: Bool { pool(dictionary: nil) != nil }

    /// Debian's default dictionary directory (mecab-ipadic-utf8).
    public static let debianDictionary = "/var/lib/mecab/dic/debian"

    private static let cache = PoolCache()

    /// The pool for `dictionary` (a directory holding `sys.dic`), or nil when
    /// MeCab or the dictionary cannot be loaded.
    static func pool(dictionary: String?) -> MeCabPool? {
        cache.pool(dictionary: dictionary)
    }

    private final class PoolCache: @unchecked Sendable {
        private let lock = NSLock()
        private var pools: [String: MeCabPool?] = [:]

        func pool(dictionary: String?) -> MeCabPool? {
            let key = dictionary ?? ""
            lock.lock(); defer { lock.unlock() }
            if let cached = pools[key] { return cached }
            let made = MeCabPool.make(dictionary: dictionary)
            pools[key] = made
            return made
        }
    }
}

/// A key for interning parts of speech.
enum POSKey: Hashable {
    case id(Int32)
    case text([UInt8])
}

/// Parts of speech seen so far: by the dictionary's POS id in an array (ids
/// are small: ipadic has 69), by text when the dictionary has no ids.
struct POSCache {
    private var byID: [POSInfo?] = []
    private var byText: [POSKey: POSInfo] = [:]

    subscript(key: POSKey) -> POSInfo? {
        get {
            if case .id(let id) = key { return Int(id) < byID.count ? byID[Int(id)] : nil }
            return byText[key]
        }
        set {
            if case .id(let id) = key, id < 4096 {
                if Int(id) >= byID.count { byID += [POSInfo?](repeating: nil, count: Int(id) + 1 - byID.count) }
                byID[Int(id)] = newValue
            } else {
                byText[key] = newValue
            }
        }
    }
}

/// What a part of speech means for counting.
struct POSInfo {
    /// First POS field (`名詞`, `助詞`, ...).
    var pos: String
    /// Particles, auxiliaries, symbols, white space.
    var isFunction: Bool
    /// Numerals (ipadic 名詞,数; UniDic 名詞,数詞).
    var isNumber: Bool
    /// Token details holding only this part of speech, shared by the tokens
    /// that have no lemma of their own (one allocation per POS, not per token).
    var details: Token.SharedDetails
}

/// One morpheme from MeCab.
struct MeCabMorpheme {
    /// Byte range in the parsed text.
    var range: Range<Int>
    var info: POSInfo
    /// Base form / lemma when it differs from the surface; nil when the
    /// dictionary has none (`*`).
    var lemma: String?
}

/// Taggers for one dictionary.
final class MeCabPool: @unchecked Sendable {
    let arguments: String
    /// The dictionary directory in use, for reports.
    let dictionary: String
    private let lock = NSLock()
    /// Idle taggers, each with the parts of speech it has met (they depend
    /// on the dictionary only, so the cache lives as long as the tagger).
    private var idle: [(tagger: UnsafeMutableRawPointer, posCache: POSCache)] = []

    private init(arguments: String, dictionary: String, first: UnsafeMutableRawPointer) {
        self.arguments = arguments
        self.dictionary = dictionary
        self.idle = [(first, POSCache())]
    }

    static func make(dictionary: String?) -> MeCabPool? {
        guard cmecab_available() != 0 else { return nil }
        var candidates: [(String, String)] = []
        if let dictionary {
            candidates.append(("-d \(dictionary)", dictionary))
        } else {
            candidates.append(("", "(mecabrc default)"))
            candidates.append(("-d \(MeCab.debianDictionary)", MeCab.debianDictionary))
        }
        for (arguments, name) in candidates {
            // mecab_new2 splits its argument on spaces: refuse paths with spaces.
            if let dictionary, dictionary.contains(" ") { return nil }
            if name != "(mecabrc default)" && !FileManager.default.fileExists(atPath: name + "/sys.dic") { continue }
            if let tagger = cmecab_new(arguments) {
                return MeCabPool(arguments: arguments, dictionary: name, first: tagger)
            }
        }
        return nil
    }

    /// Parses `bytes[range]` and returns its morphemes (ranges in `bytes`).
    /// `lemmaField` is the feature index of the base form; nil picks it from
    /// the feature count (ipadic: 6; UniDic: 7).
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lemmaField: Int?,
               into out: inout [MeCabMorpheme]) {
        lock.lock()
        let taken = idle.popLast()
        lock.unlock()
        guard let tagger = taken?.tagger ?? cmecab_new(arguments) else { return }
        var posCache = taken?.posCache ?? POSCache()
        defer { lock.lock(); idle.append((tagger, posCache)); lock.unlock() }

        guard let base = bytes.baseAddress else { return }
        var summary = cmecab_feature_summary()
        // MeCab's dictionary lookup runs strlen from inside the text even when
        // given its length (AddressSanitizer: a read past the end of the
        // document's buffer, and a scan of the rest of the document per call):
        // it gets a NUL-terminated copy of the range.
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: range.count + 1)
        defer { copy.deallocate() }
        UnsafeMutableRawPointer(copy).copyMemory(from: base + range.lowerBound, byteCount: range.count)
        copy[range.count] = 0
        let start = UnsafePointer(copy)
        var node = cmecab_parse(tagger, start, range.count)
        while let current = node {
            defer { node = cmecab_node_next(current) }
            let stat = cmecab_node_stat(current)
            if stat == 2 || stat == 3 { continue }   // BOS, EOS
            let length = Int(cmecab_node_length(current))
            if length == 0 { continue }
            let offset = Int(cmecab_node_offset(current, start))
            guard offset >= 0, offset + length <= range.count else { continue }
            // Fields 0, 1 (part of speech) and the base form's, from a summary
            // cached per thread (see cmecab_node_summary).
            var feature: UnsafePointer<CChar>?
            let count = Int(cmecab_node_summary(current, Int32(lemmaField ?? -1), &feature, &summary))
            guard let feature, count > 0 else { continue }
            let fields = UnsafeRawPointer(feature).assumingMemoryBound(to: UInt8.self)
            func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(start: fields + Int(i == 0 ? summary.starts.0 : summary.starts.1),
                                    count: Int(i == 0 ? summary.lengths.0 : summary.lengths.1))
            }
            // POS fields 0 and 1, interned: most morphemes share a few dozen POS.
            // Keyed by the dictionary's POS id, or by the POS text when the
            // dictionary has no pos-id.def (every id 0).
            let posid = cmecab_node_posid(current)
            let posKey: POSKey = posid > 0 ? .id(posid)
                : .text(count > 1 ? Array(UnsafeBufferPointer(start: fields, count: Int(summary.starts.1 + summary.lengths.1)))
                                  : Array(bytes(0)))
            let info: POSInfo
            if let cached = posCache[posKey] {
                info = cached
            } else {
                let pos = String(decoding: bytes(0), as: UTF8.self)
                let pos2 = count > 1 ? String(decoding: bytes(1), as: UTF8.self) : ""
                info = POSInfo(pos: pos,
                               isFunction: pos == "助詞" || pos == "助動詞" || pos.hasSuffix("記号") || pos == "空白",
                               isNumber: pos2 == "数" || pos2 == "数詞", details: Token.sharedDetails(partOfSpeech: pos))
                posCache[posKey] = info
            }
            var lemma: String?
            let index = Int(summary.lemma_index)
            if let lemmaStart = summary.lemma {
                let l = UnsafeBufferPointer(start: UnsafeRawPointer(lemmaStart).assumingMemoryBound(to: UInt8.self),
                                            count: Int(summary.lemma_length))
                let surface = UnsafeBufferPointer(start: UnsafeRawPointer(start + offset).assumingMemoryBound(to: UInt8.self), count: length)
                let isStar = l.count == 1 && l[0] == UInt8(ascii: "*")
                if !l.isEmpty && !isStar && !(l.count == surface.count && memcmp(l.baseAddress!, surface.baseAddress!, l.count) == 0) {
                    var text = String(decoding: l, as: UTF8.self)
                    // UniDic lemmas of loanwords carry the source word: "パワー-power".
                    if index == 7, let dash = text.firstIndex(of: "-"), dash != text.startIndex,
                       text[text.index(after: dash)...].allSatisfy({ $0.isASCII }) {
                        text = String(text[..<dash])
                    }
                    if !text.utf8.elementsEqual(surface) { lemma = text }
                }
            }
            let lower = range.lowerBound + offset
            out.append(MeCabMorpheme(range: lower..<(lower + length), info: info, lemma: lemma))
        }
    }

}

/// Snowball stemmers (libstemmer, loaded at run time), pooled like MeCab taggers.
public enum Stemmer {
    /// Whether `libstemmer.so.0d` can be loaded.
    public static var isAvailable: Bool { cstem_available() != 0 }

    private static let english = StemmerPool(algorithm: "english")

    /// The Snowball stem of `word` (already normalized) for `language`, or
    /// `word` when no stemmer is available for it.
    public static func stem(_ word: String, language: Language) -> String {
        guard language == .english else { return word }
        return english.stem(word)
    }
}

final class StemmerPool: @unchecked Sendable {
    let algorithm: String
    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []

    init(algorithm: String) { self.algorithm = algorithm }

    func stem(_ word: String) -> String {
        guard cstem_available() != 0 else { return word }
        lock.lock()
        var stemmer = idle.popLast()
        lock.unlock()
        if stemmer == nil { stemmer = cstem_new(algorithm) }
        guard let stemmer else { return word }
        defer { lock.lock(); idle.append(stemmer); lock.unlock() }
        var word = word
        return word.withUTF8 { w -> String in
            var out: UnsafePointer<CChar>?
            let n = w.withMemoryRebound(to: CChar.self) { cw in
                cstem_stem(stemmer, cw.baseAddress, Int32(cw.count), &out)
            }
            guard n >= 0, let out else { return String(decoding: w, as: UTF8.self) }
            return out.withMemoryRebound(to: UInt8.self, capacity: Int(n)) {
                String(decoding: UnsafeBufferPointer(start: $0, count: Int(n)), as: UTF8.self)
            }
        }
    }
}
