import Foundation
import Testing
import WaveText
@testable import WaveTerms

/// `tokens.wlt`: round trips, segments that depend on their document alone, and damaged,
/// truncated and foreign files refused with a ``TermsError`` (never a crash).
@Suite struct TokenStoreTests {
    /// Every form a token takes in the store: natural ends, marked ends with each spelling,
    /// contiguous tokens, punctuation inside a token, empty tokens and terms, and sentences in
    /// explicit form (overlapping tokens, an offset outside the text, a negative offset).
    static let documents: [StoredDocument] = {
        func t(_ term: String, _ a: Int, _ b: Int, _ content: Bool = true) -> StoredToken {
            StoredToken(term: term, range: a..<b, isContent: content)
        }
        let english = StoredDocument(id: "en/a\tb.html", language: "en", focus: "japan", site: "x.example", date: "2024-01-01",
                                     theme: "anime", title: "T\\itle\nline", sentences: [
            StoredSentence(text: "The U.S. Party's soft power, 2024!", tokens: [
                t("the", 0, 3, false), t("u.s.", 4, 8), t("party", 9, 16), t("soft power", 17, 27), t("2024", 29, 33, false)]),
            StoredSentence(text: "NATO and US", tokens: [t("NATO", 0, 4), t("and", 5, 8, false), t("us", 9, 11)]),
            StoredSentence(text: "", tokens: []),
            StoredSentence(text: "no tokens\there", tokens: []),
            StoredSentence(text: "empty", tokens: [t("", 0, 0), t("empty", 0, 5), t("", 5, 5, false)]),
            StoredSentence(text: "#tag @user e-mail", tokens: [t("#tag", 0, 4), t("@user", 5, 10), t("e-mail", 11, 17)]),
        ])
        let japanese = StoredDocument(id: "ja/b.html", language: "ja", sentences: [
            StoredSentence(text: "日本はアニメを輸出した。", tokens: [
                t("日本", 0, 6), t("は", 6, 9, false), t("アニメ", 9, 18), t("を", 18, 21, false), t("輸出", 21, 27),
                t("する", 27, 30, false), t("た", 30, 33, false)]),
        ])
        let explicit = StoredDocument(id: "odd", language: "ko", sentences: [
            StoredSentence(text: "overlap here", tokens: [t("overlap", 0, 7), t("lap", 4, 7)]),
            StoredSentence(text: "short", tokens: [t("beyond", 2, 40)]),
            StoredSentence(text: "neg", tokens: [t("neg", -1, 3, false)]),
        ])
        return [english, japanese, explicit]
    }()

    @Test func roundTrip() throws {
        let bytes = try TokenStore.bytes(Self.documents)
        #expect(Array(bytes.prefix(9)) == [0x89, 0x57, 0x4C, 0x54, 0x0D, 0x0A, 0x1A, 0x0A, 0x01])
        #expect(try TokenStore.documents(fromBytes: bytes) == Self.documents)
        #expect(try TokenStore.bytes([]) == TokenStore.header)
        #expect(try TokenStore.documents(fromBytes: TokenStore.header).isEmpty)
    }

    @Test func roundTripOfTokenizedText() throws {
        let tokenizer = Tokenizer(configuration: TokenizerConfiguration())
        let texts = ["Studio Ghibli's films, e.g. \"Spirited Away\" (2001), are U.S. hits: see https://example.com/x?y=1 #anime.",
                     "日本政府は２０２４年にクールジャパン戦略を発表しました。韓国のK-POPも人気です！",
                     "한국 정부는 문화 수출을 늘렸다. BTS의 음악은 세계적이다."]
        let stored = texts.enumerated().map { StoredDocument(document: tokenizer.tokenize($1, language: nil, id: "d\($0)")) }
        let read = try TokenStore.documents(fromBytes: try TokenStore.bytes(stored))
        // The store keeps the term, offsets and content flag of a token (not its kind nor stopword flag).
        func plain(_ d: StoredDocument) -> [[StoredToken]] {
            d.sentences.map { $0.tokens.map { StoredToken(term: $0.term, range: $0.range, isContent: $0.isContent) } }
        }
        #expect(read.map(plain) == stored.map(plain))
        #expect(read.map { $0.sentences.map(\.text) } == stored.map { $0.sentences.map(\.text) })
        #expect(read.map(\.id) == ["d0", "d1", "d2"])
    }

    @Test func segmentsDependOnTheirDocumentAlone() throws {
        let docs = Self.documents
        func segment(_ d: StoredDocument) throws -> [UInt8] { Array(try TokenStore.bytes([d]).dropFirst(TokenStore.header.count)) }
        var expected = TokenStore.header
        for d in docs.reversed() { expected += try segment(d) }
        #expect(try TokenStore.bytes(docs.reversed()) == expected)
        var pieces: [[UInt8]] = []
        try TokenStore.write(docs, chunkBytes: 1) { pieces.append($0) }
        let whole = try TokenStore.bytes(docs)
        #expect(pieces.count == 4 && Array(pieces.joined()) == whole)  // the header, then each document
    }

    @Test func streamsFromAFolderAndFeedsKWIC() throws {
        let docs = storedDocuments((0..<40).map { k in
            ("d\(k)", (0..<(k % 5)).map { s in
                let words = ["Japan", "soft", "power", "w\(s)", "Korea"], r = (s + k) % 5
                return Array(words[r...] + words[..<r])
            })
        })
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(try TokenStore.bytes(docs)).write(to: folder.appendingPathComponent(TokenStore.fileName))
        #expect(try TokenStore.read(folder: folder) == docs)
        var streamed: [StoredDocument] = []
        try TokenStore.forEachDocument(folder: folder) { streamed.append($0) }
        #expect(streamed == docs)
        #expect(try KWIC.lines(for: ["soft", "power"], inStoreAt: folder, window: 2) == KWIC.lines(for: ["soft", "power"], in: docs, window: 2))
    }

    @Test func truncatedFilesAreRefused() throws {
        let bytes = try TokenStore.bytes(Self.documents)
        var boundaries: Set<Int> = [TokenStore.header.count]
        var end = TokenStore.header.count
        for d in Self.documents {
            end += try TokenStore.bytes([d]).count - TokenStore.header.count
            boundaries.insert(end)
        }
        for n in 0..<bytes.count {
            if boundaries.contains(n) {
                #expect(try TokenStore.documents(fromBytes: Array(bytes.prefix(n))).count <= Self.documents.count)
            } else {
                #expect(throws: TermsError.self) { try TokenStore.documents(fromBytes: Array(bytes.prefix(n))) }
            }
        }
    }

    @Test func damagedBytesAreRefusedNotCrashedOn() throws {
        let bytes = try TokenStore.bytes(Self.documents)
        var refused = 0
        for i in 0..<bytes.count {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[i] ^= flip
                do { _ = try TokenStore.documents(fromBytes: damaged) } catch is TermsError { refused += 1 }
            }
        }
        // Adler-32 and the recorded lengths catch nearly every flip; none crashes.
        #expect(refused > 3 * (bytes.count - TokenStore.header.count) * 9 / 10)
    }

    @Test func foreignAndOldFilesAreRefused() throws {
        let old = Array("#wavelength-tokens\t1\nD\ta\ten\t\t\t\t\t\n".utf8)
        #expect { try TokenStore.documents(fromBytes: old) } throws: { ($0 as? TermsError)?.reason.contains("not a Wavelength token store") == true }
        #expect { try TokenStore.documents(fromBytes: TokenStore.magic + [2]) } throws: { ($0 as? TermsError)?.reason.contains("version 2") == true }
        #expect(throws: TermsError.self) { try TokenStore.documents(fromBytes: []) }
        #expect(throws: TermsError.self) { try TokenStore.documents(fromBytes: TokenStore.magic) }
        // A folder of an older run: tokens.tsv only.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(old).write(to: folder.appendingPathComponent(TokenStore.legacyFileName))
        #expect { try TokenStore.read(folder: folder) } throws: {
            ($0 as? TermsError)?.reason.contains("run `wavelength run` on the corpus again") == true
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent(TokenStore.legacyFileName))
        #expect { try TokenStore.read(folder: folder) } throws: { ($0 as? TermsError)?.code == .unreadable }
    }

    @Test func lengthsReadFromTheFileAreCheckedBeforeUse() throws {
        func segment(raw: UInt64, packed: UInt64, bytes: [UInt8]) -> [UInt8] {
            var out = TokenStore.header + [TokenStore.segmentTag]
            TokenStore.appendVarint(raw, to: &out)
            TokenStore.appendVarint(packed, to: &out)
            return out + bytes
        }
        // A body of 2^62 bytes declared, or one a few bytes cannot inflate to: refused before allocating.
        #expect(throws: TermsError.self) { try TokenStore.documents(fromBytes: segment(raw: 1 << 62, packed: 3, bytes: [1, 2, 3])) }
        #expect(throws: TermsError.self) { try TokenStore.documents(fromBytes: segment(raw: 1 << 20, packed: 3, bytes: [1, 2, 3])) }
        #expect(throws: TermsError.self) { try TokenStore.documents(fromBytes: segment(raw: 5, packed: 1 << 62, bytes: [1, 2, 3])) }
        #expect(throws: TermsError.self) { try TokenStore.documents(fromBytes: segment(raw: 5, packed: 3, bytes: [1, 2, 3])) }
        // An 11-byte varint.
        #expect(throws: TermsError.self) {
            try TokenStore.documents(fromBytes: TokenStore.header + [TokenStore.segmentTag] + [UInt8](repeating: 0xFF, count: 11) + [1])
        }
    }

    @Test func malformedBodiesAreRefused() throws {
        let fields: [UInt8] = [1, 0x61] + [UInt8](repeating: 0, count: 6)   // id "a", six empty fields
        let bodies: [[UInt8]] = [
            [1, 0x61],                                              // fields missing
            fields + [0x61, 0x62],                                  // a sentence without its end
            fields + [0xFA, 0x61, 0xF5],                            // a marked token not closed
            fields + [0xFC, 0xF5],                                  // an end without a start
            fields + [0xFA, 0x61, 0xFE, 0x62],                      // a stored term not terminated
            fields + [0xFA, 0x61, 0xF8, 0x62, 0xF5],                // a token inside a marked one
            fields + [0x61, 0xFF, 0xF5],                            // a stray byte
            fields + [0xF6, 1, 0x61, 1, 4, 2, 1, 0],                // explicit: start after end
            fields + [0xF6, 1, 0x61, 1, 0, 2, 7, 0],                // explicit: a bad flag
            fields + [0xF6, 1, 0x61, 200, 0, 2, 1, 0],              // explicit: more tokens than bytes
            fields + [0xF6, 9, 0x61],                               // explicit: text past the body
        ]
        for body in bodies {
            var bytes = TokenStore.header
            try TokenStore.appendSegment(body: body, to: &bytes)
            #expect(throws: TermsError.self) { try TokenStore.documents(fromBytes: bytes) }
        }
        var good = TokenStore.header
        try TokenStore.appendSegment(body: fields + [0xF9, 0x61, 0x20, 0xFB, 0x42, 0xFD, 0xF5], to: &good)
        let tokens = try TokenStore.documents(fromBytes: good)[0].sentences[0].tokens
        #expect(tokens == [StoredToken(term: "a", range: 0..<1, isContent: true), StoredToken(term: "B", range: 2..<3, isContent: true)])
    }

    /// Bodies of random bytes, most of them markers, past the zlib check: decoded or refused, never a crash.
    @Test func randomBodiesAreDecodedOrRefused() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let alphabet: [UInt8] = [0x61, 0x41, 0x20, 0x2E, 0xE3, 0x81, 0xC0, 0xF5, 0xF6, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF, 0, 1, 2, 0x80]
        var decoded = 0
        for _ in 0..<3000 {
            var body: [UInt8] = [1, 0x61, 0, 0, 0, 0, 0, 0]
            for _ in 0..<(next() % 40) { body.append(next() % 4 == 0 ? UInt8(truncatingIfNeeded: next()) : alphabet[Int(next() % UInt64(alphabet.count))]) }
            if (try? TokenStore.decodeBody(body)) != nil { decoded += 1 }
        }
        #expect(decoded > 0 && decoded < 3000)
    }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wavelength-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
