import Foundation
import Testing
import WaveTerms
@testable import WaveReports

/// Per-document files laid out segment by segment, and a segment copied from one such file
/// into another giving the bytes a fresh layout gives.
@Suite struct DocumentSegmentsTests {
    func temp() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-segments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `gzip -dc` of a file: what any gzip reader makes of it.
    func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let file = try temp().appendingPathComponent("t.gz")
        try Data(bytes).write(to: file)
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file.path]
        process.standardOutput = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return [UInt8](out)
    }

    let parts: [[UInt8]] = [Array("header,row\n".utf8), Array(String(repeating: "ä,1,token\n", count: 3000).utf8), [],
                            Array(String(repeating: "b,2,other token\n", count: 40).utf8)]

    @Test func aSegmentedGzipFileIsOneReadableMember() throws {
        let gzip = try GzipDeflater.Segments()
        var segments: [DocumentSegments.Segment] = []
        for part in parts { segments.append(try gzip.append(part)) }
        let file = gzip.finish()
        #expect(try gunzip(file) == parts.flatMap { $0 })
        #expect(segments[2].length == 0 && segments[2].rawLength == 0)
        #expect(segments[1].rawLength == parts[1].count && segments[1].length < parts[1].count / 10)
        // Compressed on its own: the same bytes wherever the segment stands.
        let alone = try GzipDeflater.Segments()
        let segment = try alone.append(parts[3])
        #expect(Array(alone.bytes[segment.offset...]) == Array(file[segments[3].offset..<(segments[3].offset + segments[3].length)]))
    }

    @Test func copiedSegmentsGiveTheBytesOfAFreshLayout() throws {
        let first = try GzipDeflater.Segments()
        let laid = try parts.map { try first.append($0) }
        let original = first.finish()
        let second = try GzipDeflater.Segments()
        for (i, part) in parts.enumerated() {
            if i % 2 == 1 {
                let s = laid[i]
                _ = original.withUnsafeBytes {
                    second.appendCompressed(UnsafeRawBufferPointer(rebasing: $0[s.offset..<(s.offset + s.length)]), crc: s.crc, rawLength: s.rawLength)
                }
            } else {
                _ = try second.append(part)
            }
        }
        #expect(second.finish() == original)
    }

    @Test func onlyReusableDocumentsThatFitTheirFileAreCopied() throws {
        let ids = ["a", "b", "c", "d"]
        let rows = ["a": "1,a\n", "b": "2,bb\n", "c": "3,ccc\n", "d": "4,dddd\n"]
        let header = Array("n,x\n".utf8)
        func render(_ i: Int, _ out: inout [UInt8]) { out += Array(rows[ids[i]]!.utf8) }
        let fresh = try SegmentedLayout.plain("t.csv", header: header, ids: ids, previous: nil, render: render)
        let folder = try temp()
        try Data(fresh.bytes).write(to: folder.appendingPathComponent("t.csv"))
        var segments = DocumentSegments(documents: ids, files: ["t.csv": fresh.file])

        // "b" and "c" unchanged; "d" is new in this run; "a" changed.
        var rendered: [String] = []
        let previous = PreviousOutputs(folder: folder, segments: segments, reusable: ["b", "c"])
        let again = try SegmentedLayout.plain("t.csv", header: header, ids: ids, previous: previous) { i, out in
            rendered.append(ids[i]); render(i, &out)
        }
        #expect(again.bytes == fresh.bytes && again.file == fresh.file)
        #expect(rendered == ["a", "d"])

        // A segment past the end of its file, or an id twice in the record: laid out again.
        segments.files["t.csv"]?.offsets[2] = fresh.bytes.count
        segments.documents[3] = "b"
        rendered = []
        let checked = try SegmentedLayout.plain("t.csv", header: header, ids: ids,
                                            previous: PreviousOutputs(folder: folder, segments: segments, reusable: ["b", "c"])) { i, out in
            rendered.append(ids[i]); render(i, &out)
        }
        #expect(checked.bytes == fresh.bytes)
        #expect(rendered == ["a", "b", "c", "d"])
    }

    /// The token store (`tokens.wlt`) is such a file: a rerun copies the segments of unchanged
    /// documents and gets the bytes of a clean run, which read back as the documents.
    @Test func tokenStoreSegmentsAreCopiedIntoTheBytesOfACleanRun() throws {
        let ids = ["a", "b", "c"]
        func document(_ id: String, _ word: String) -> StoredDocument {
            StoredDocument(id: id, language: "en", title: "On \(word)", sentences: [
                StoredSentence(text: "The \(word) grows.", tokens: [StoredToken(term: "the", range: 0..<3, isContent: false),
                                                                 StoredToken(term: word.lowercased(), range: 4..<(4 + word.utf8.count), isContent: true)])])
        }
        let before = [document("a", "Anime"), document("b", "K-pop"), document("c", "Manga")]
        let fresh = try SegmentedLayout.plain(TokenStore.fileName, header: TokenStore.header, ids: ids, previous: nil) { i, out in
            try TokenStore.append(before[i], to: &out)
        }
        let clean = try TokenStore.bytes(before)
        #expect(fresh.bytes == clean)
        let folder = try temp()
        try Data(fresh.bytes).write(to: folder.appendingPathComponent(TokenStore.fileName))
        let previous = PreviousOutputs(folder: folder, segments: DocumentSegments(documents: ids, files: [TokenStore.fileName: fresh.file]),
                                       reusable: ["a", "c"])
        // "b" changed: only it is laid out again.
        let after = [before[0], document("b", "Drama"), before[2]]
        var rendered: [String] = []
        let again = try SegmentedLayout.plain(TokenStore.fileName, header: TokenStore.header, ids: ids, previous: previous) { i, out in
            rendered.append(ids[i])
            try TokenStore.append(after[i], to: &out)
        }
        #expect(rendered == ["b"])
        let cleanAfter = try TokenStore.bytes(after)
        #expect(again.bytes == cleanAfter)
        #expect(try TokenStore.documents(fromBytes: again.bytes) == after)
    }
}
