import Foundation

/// Where each document's bytes lie in a run's per-document files (`documents.csv`,
/// `themes.csv`, `sentiment.csv`, `tokens.csv.gz`, `documents.jsonl`, `tokens.wlt`): each
/// such file is a header, then every document's bytes in document order, laid out from that
/// document alone. The next run copies the bytes of documents that did not change from the
/// last run's files (``PreviousOutputs``) instead of laying them out again, and gets the
/// bytes a clean run writes.
public struct DocumentSegments: Sendable, Codable, Equatable {
    /// One document's bytes in one file.
    public struct Segment: Sendable, Equatable {
        public var offset: Int
        public var length: Int
        /// In a gzip file: the CRC-32 and length of the segment's uncompressed bytes.
        public var crc: UInt32 = 0
        public var rawLength = 0
    }

    /// One file's segments, one per document of ``DocumentSegments/documents``, in that order.
    public struct File: Sendable, Codable, Equatable {
        public var offsets: [Int] = []
        public var lengths: [Int] = []
        /// Gzip files only: each segment's uncompressed CRC-32 and length.
        public var crcs: [UInt32]?
        public var rawLengths: [Int]?

        public init(compressed: Bool = false) {
            if compressed { crcs = []; rawLengths = [] }
        }

        mutating func append(_ segment: Segment) {
            offsets.append(segment.offset)
            lengths.append(segment.length)
            crcs?.append(segment.crc)
            rawLengths?.append(segment.rawLength)
        }

        /// The segment of the document at `index`, if the file has one.
        func segment(_ index: Int) -> Segment? {
            guard offsets.indices.contains(index), lengths.indices.contains(index) else { return nil }
            guard let crcs, let rawLengths else { return Segment(offset: offsets[index], length: lengths[index]) }
            guard crcs.indices.contains(index), rawLengths.indices.contains(index) else { return nil }
            return Segment(offset: offsets[index], length: lengths[index], crc: crcs[index], rawLength: rawLengths[index])
        }
    }

    /// The documents, in the files' order.
    public var documents: [String]
    /// Per file name, its segments.
    public var files: [String: File]

    public init(documents: [String] = [], files: [String: File] = [:]) {
        self.documents = documents
        self.files = files
    }
}

/// The last run's per-document files, where each document's bytes lie in them, and which
/// documents this run would lay out exactly as that run did (the same file contents, analysed
/// with the same settings, written with the same options): their bytes are copied.
///
/// The caller vouches that the files in `folder` are the ones that run wrote (the run state
/// records every output file's status); a segment that does not fit in its file is laid out
/// again.
public struct PreviousOutputs: Sendable {
    public var folder: URL
    public var segments: DocumentSegments
    /// Ids of the documents whose bytes can be copied.
    public var reusable: Set<String>
    /// Each document's position in ``segments``.
    let position: [String: Int]

    public init(folder: URL, segments: DocumentSegments, reusable: Set<String>) {
        self.folder = folder
        self.segments = segments
        self.reusable = reusable
        // An id that occurs twice names no one document: its bytes are laid out again.
        var position: [String: Int] = [:], repeated: Set<String> = []
        for (i, id) in segments.documents.enumerated() where position.updateValue(i, forKey: id) != nil { repeated.insert(id) }
        for id in repeated { position[id] = nil }
        self.position = position
    }

    /// Whether the bytes of document `id` are to be copied (where its file holds them).
    public func copies(_ id: String) -> Bool {
        reusable.contains(id) && position[id] != nil
    }

    /// The last run's file `name` mapped into memory with its segments, or nil when it has none.
    func source(_ name: String) -> Source? {
        guard let file = segments.files[name], let data = try? Data(contentsOf: folder.appendingPathComponent(name), options: .alwaysMapped)
        else { return nil }
        return Source(data: data, file: file, previous: self)
    }

    /// One file of the last run and its segments.
    struct Source {
        let data: Data
        let file: DocumentSegments.File
        let previous: PreviousOutputs

        /// The segment of document `id` when its bytes can be copied: reusable, and inside the file.
        func segment(of id: String) -> DocumentSegments.Segment? {
            guard previous.reusable.contains(id), let index = previous.position[id], let segment = file.segment(index),
                  segment.offset >= 0, segment.length >= 0, segment.offset <= data.count - segment.length else { return nil }
            return segment
        }
    }
}

/// Lays out a per-document file (``DocumentSegments``), copying the bytes of reusable
/// documents from the last run's file and laying out the others.
enum SegmentedLayout {
    /// Bytes handed on at a time.
    static let chunkBytes = 1 << 20

    /// A plain file: `header`, then each document's bytes, handed to `sink` in pieces.
    ///
    /// - Parameter render: appends the bytes of the document at an index.
    static func plain(_ name: String, header: [UInt8], ids: [String], previous: PreviousOutputs?, to sink: ([UInt8]) throws -> Void,
                      render: (Int, inout [UInt8]) throws -> Void) throws -> DocumentSegments.File {
        let source = previous?.source(name)
        var out = header, drained = 0
        var file = DocumentSegments.File()
        for (i, id) in ids.enumerated() {
            let offset = drained + out.count
            if let source, let segment = source.segment(of: id) {
                source.data.withUnsafeBytes { out.append(contentsOf: $0[segment.offset..<(segment.offset + segment.length)]) }
            } else {
                try render(i, &out)
            }
            file.append(DocumentSegments.Segment(offset: offset, length: drained + out.count - offset))
            if out.count >= chunkBytes {
                try sink(out)
                drained += out.count
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { try sink(out) }
        return file
    }

    /// ``plain(_:header:ids:previous:to:render:)`` into one buffer.
    static func plain(_ name: String, header: [UInt8], ids: [String], previous: PreviousOutputs?,
                      render: (Int, inout [UInt8]) throws -> Void) throws -> (bytes: [UInt8], file: DocumentSegments.File) {
        var bytes: [UInt8] = []
        let file = try plain(name, header: header, ids: ids, previous: previous, to: { bytes += $0 }, render: render)
        return (bytes, file)
    }

    /// A gzip file of the same layout (``GzipDeflater/Segments``): the header compressed on its
    /// own, then each document's bytes, handed to `sink` in pieces.
    static func gzip(_ name: String, header: [UInt8], ids: [String], previous: PreviousOutputs?, to sink: ([UInt8]) throws -> Void,
                     render: (Int, inout [UInt8]) throws -> Void) throws -> DocumentSegments.File {
        let source = previous?.source(name).flatMap { $0.file.crcs == nil ? nil : $0 }
        let gzip = try GzipDeflater.Segments()
        _ = try gzip.append(header)
        var file = DocumentSegments.File(compressed: true)
        var raw: [UInt8] = []
        for (i, id) in ids.enumerated() {
            if let source, let segment = source.segment(of: id) {
                file.append(source.data.withUnsafeBytes {
                    gzip.appendCompressed(UnsafeRawBufferPointer(rebasing: $0[segment.offset..<(segment.offset + segment.length)]),
                                          crc: segment.crc, rawLength: segment.rawLength)
                })
            } else {
                raw.removeAll(keepingCapacity: true)
                try render(i, &raw)
                file.append(try gzip.append(raw))
            }
            if gzip.bytes.count >= chunkBytes { try sink(gzip.drain()) }
        }
        try sink(gzip.finish())
        return file
    }
}
