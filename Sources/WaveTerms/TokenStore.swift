import Foundation
internal import CZlib

/// Reads and writes `tokens.wlt`, the compact store a run leaves in its output folder so that
/// `wavelength kwic`, `terms`, `keyness` and `collocations` work without re-parsing the corpus.
///
/// The format (version 1), all integers unsigned LEB128 varints unless said otherwise:
///
/// ```text
/// file     = magic version segment*
/// magic    = 89 57 4C 54 0D 0A 1A 0A          ("\x89WLT\r\n\x1A\n")
/// version  = 01                                (one byte)
/// segment  = 44 ("D") rawLength packedLength zlib   -- one document
/// zlib     = the document's body compressed as one zlib stream (RFC 1950: deflate and an
///            Adler-32 check), packedLength bytes, rawLength bytes once inflated
/// body     = id language focus site date theme title sentence*
///            (each of the seven fields a varint byte count and UTF-8 bytes)
/// ```
///
/// A segment depends on its document alone, so a rerun copies the segments of unchanged
/// documents from the last run's file (``DocumentSegments`` in WaveReports) and gets the bytes
/// a clean run writes. The body's sentences are laid out by ``appendSentence(_:to:)``: the
/// sentence text with the tokens marked inline by bytes that never occur in UTF-8, so that
/// deflate compresses the tokens together with the words they mark (see there).
///
/// Version 1 replaces `tokens.tsv` (a text format with one line per sentence); a folder that
/// holds only `tokens.tsv` was written by an older program and is refused with a message to
/// run the corpus again.
public enum TokenStore {
    public static let fileName = "tokens.wlt"
    /// The store of programs before version 1 of this format; read no more.
    public static let legacyFileName = "tokens.tsv"
    public static let magic: [UInt8] = [0x89, 0x57, 0x4C, 0x54, 0x0D, 0x0A, 0x1A, 0x0A]
    public static let version: UInt8 = 1
    /// The bytes a store starts with: ``magic`` and ``version``.
    public static let header: [UInt8] = magic + [version]
    /// The tag byte of a document's segment.
    static let segmentTag = UInt8(ascii: "D")
    /// The zlib level (6, zlib's default: level 9 makes the store 0.1 % smaller and the writing slower).
    static let level: Int32 = 6
    /// The largest body a segment may declare (1 GiB): a length read from the file is checked
    /// against it before anything is allocated.
    static let maximumBody = 1 << 30

    // MARK: writing

    /// The bytes of the store for `documents`, header first.
    public static func bytes(_ documents: [StoredDocument]) throws -> [UInt8] {
        var out: [UInt8] = []
        try write(documents, chunkBytes: .max) { out.append(contentsOf: $0) }
        return out
    }

    /// The bytes of ``bytes(_:)`` handed to `sink` in pieces of about `chunkBytes` (whole
    /// segments), so that a large store is never held in memory whole.
    public static func write(_ documents: [StoredDocument], chunkBytes: Int = 1 << 20,
                             to sink: ([UInt8]) throws -> Void) throws {
        var out = header
        for d in documents {
            if out.count >= chunkBytes {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
            try append(d, to: &out)
        }
        if !out.isEmpty { try sink(out) }
    }

    /// Appends the segment of one document (its tag, lengths and compressed body) to `out`:
    /// it depends on the document alone.
    /// - Throws: ``TermsError`` when zlib fails (out of memory).
    public static func append(_ d: StoredDocument, to out: inout [UInt8]) throws {
        try appendSegment(body: body(d), to: &out)
    }

    /// Appends the segment of a document body: its tag, lengths and the body compressed.
    static func appendSegment(body: [UInt8], to out: inout [UInt8]) throws {
        var packed = [UInt8](repeating: 0, count: Int(compressBound(UInt(body.count))))
        var packedCount = UInt(packed.count)
        let status = packed.withUnsafeMutableBufferPointer { dest in
            body.withUnsafeBufferPointer { source in
                compress2(dest.baseAddress, &packedCount, source.baseAddress, UInt(source.count), level)
            }
        }
        guard status == Z_OK else {
            throw TermsError(.unreadable, source: fileName, reason: "zlib could not compress a document (status \(status))")
        }
        out.append(segmentTag)
        appendVarint(UInt64(body.count), to: &out)
        appendVarint(UInt64(packedCount), to: &out)
        out.append(contentsOf: packed[0..<Int(packedCount)])
    }

    /// The uncompressed body of a document's segment.
    static func body(_ d: StoredDocument) -> [UInt8] {
        var out: [UInt8] = []
        for field in [d.id, d.language, d.focus, d.site, d.date, d.theme, d.title] {
            var field = field
            field.withUTF8 { utf8 in
                appendVarint(UInt64(utf8.count), to: &out)
                out.append(contentsOf: utf8)
            }
        }
        for sentence in d.sentences { appendSentence(sentence, to: &out) }
        return out
    }

    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) { Varint.append(value, to: &out) }

    // MARK: reading

    /// Parses the bytes of a store.
    /// - Throws: ``TermsError`` naming the byte offset of what is damaged.
    public static func documents(fromBytes bytes: [UInt8], source: String = fileName) throws -> [StoredDocument] {
        var documents: [StoredDocument] = []
        try bytes.withUnsafeBufferPointer { try forEachDocument(in: UnsafeRawBufferPointer($0), source: source) { documents.append($0) } }
        return documents
    }

    /// Reads the store in `folder` (a run's output folder).
    public static func read(folder: URL) throws -> [StoredDocument] {
        var documents: [StoredDocument] = []
        try forEachDocument(folder: folder) { documents.append($0) }
        return documents
    }

    /// Reads the store in `folder` one document at a time, in store order: the file is mapped,
    /// not read whole, and only one document's body is inflated at a time, so memory stays
    /// flat for KWIC and other single passes over a large store.
    /// - Throws: ``TermsError`` when the file is missing, unreadable or damaged, or what `body` throws.
    public static func forEachDocument(folder: URL, _ body: (StoredDocument) throws -> Void) throws {
        let url = folder.appendingPathComponent(fileName)
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(legacyFileName).path) {
                throw TermsError(.unreadable, source: url.path, reason: "this folder holds \(legacyFileName), the token store "
                                 + "of an older program, which this one no longer reads: run `wavelength run` on the corpus again")
            }
            throw TermsError(.unreadable, source: url.path,
                             reason: "cannot read the token store (run `wavelength run` first): \(error.localizedDescription)")
        }
        try data.withUnsafeBytes { try forEachDocument(in: $0, source: url.path, body) }
    }

    /// Walks the segments of a store's bytes, inflating and decoding one at a time.
    static func forEachDocument(in bytes: UnsafeRawBufferPointer, source: String,
                                _ body: (StoredDocument) throws -> Void) throws {
        guard bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else {
            throw TermsError(.malformed, source: source, reason: "not a Wavelength token store (no \(fileName) signature)")
        }
        guard bytes.count > magic.count else { throw TermsError(.malformed, source: source, reason: "truncated after the signature") }
        guard bytes[magic.count] == version else {
            throw TermsError(.malformed, source: source, reason: "token store version \(bytes[magic.count]), this program reads "
                             + "version \(version): run `wavelength run` on the corpus again")
        }
        var position = header.count
        var index = 0
        while position < bytes.count {
            let start = position
            func damaged(_ reason: String) -> TermsError {
                TermsError(.malformed, source: source, reason: "document \(index + 1) at byte \(start): \(reason)")
            }
            guard bytes[position] == segmentTag else { throw damaged("not a document segment") }
            position += 1
            guard let rawLength = varint(bytes, &position), let packedLength = varint(bytes, &position) else {
                throw damaged("truncated segment lengths")
            }
            // Checked before use: a packed length within the file, a raw length deflate can reach (at most
            // 1032 bytes per compressed byte) and within the cap.
            guard packedLength <= UInt64(bytes.count - position) else { throw damaged("truncated (the segment runs past the end)") }
            let (reach, overflow) = packedLength.multipliedReportingOverflow(by: 1032)
            guard rawLength > 0, !overflow, rawLength <= reach, rawLength <= UInt64(maximumBody) else {
                throw damaged("implausible body length \(rawLength)")
            }
            let packed = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Int(packedLength))])
            position += Int(packedLength)
            let raw = try inflate(packed, count: Int(rawLength), damaged: damaged)
            let document: StoredDocument
            do { document = try decodeBody(raw) } catch let error as BodyError { throw damaged(error.reason) }
            try body(document)
            index += 1
        }
    }

    /// A varint of `bytes` at `position` (advanced past it); nil when truncated or longer than 64 bits.
    static func varint(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) -> UInt64? {
        Varint.read(bytes, at: &position)
    }

    /// `packed` inflated; it must inflate to exactly `count` bytes.
    static func inflate(_ packed: UnsafeRawBufferPointer, count: Int, damaged: (String) -> TermsError) throws -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: count)
        var rawCount = UInt(count)
        var packedCount = UInt(packed.count)
        let status = raw.withUnsafeMutableBufferPointer { dest in
            uncompress2(dest.baseAddress, &rawCount, packed.baseAddress?.assumingMemoryBound(to: UInt8.self), &packedCount)
        }
        guard status == Z_OK, rawCount == UInt(count), packedCount == UInt(packed.count) else {
            throw damaged(status == Z_OK ? "the body's length is not the one recorded" : "the compressed body is damaged (zlib status \(status))")
        }
        return raw
    }

    /// What is wrong inside a document's body (the caller adds where it is).
    struct BodyError: Error { var reason: String }

    /// The document of an inflated body.
    static func decodeBody(_ raw: [UInt8]) throws -> StoredDocument {
        try raw.withUnsafeBytes { bytes in
            var position = 0
            var fields: [String] = []
            for _ in 0..<7 {
                guard let n = varint(bytes, &position), n <= UInt64(bytes.count - position) else {
                    throw BodyError(reason: "a document field runs past the body")
                }
                fields.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Int(n))]), as: UTF8.self))
                position += Int(n)
            }
            var sentences: [StoredSentence] = []
            while position < bytes.count { sentences.append(try decodeSentence(bytes, &position)) }
            return StoredDocument(id: fields[0], language: fields[1], focus: fields[2], site: fields[3], date: fields[4],
                                  theme: fields[5], title: fields[6], sentences: sentences)
        }
    }
}
