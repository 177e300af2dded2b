// libFuzzer target: the whole of ingest on arbitrary bytes — format guess,
// charset detection and decoding, libxml2's HTML parser through the SAX tree
// builder, the extractor (content root, paragraphs, page type) and metadata;
// feeds and news XML (the entity guard, libxml2's XML parser without external
// entities or network, FeedReader with HTML item bodies); plain text; WARC and
// gzip wrappers; the size limits. Built by scripts/fuzz.sh with every WaveIngest
// source compiled in (swiftc -sanitize=fuzzer,address) and run twice, on HTML
// seeds (`html`) and on feed seeds (`feeds`). A crash, a sanitizer report or an
// article with an empty paragraph is a bug.
//
// The first byte picks the options: bit 0 `articlesOnly`, bits 1–3 the file name
// the format guess sees; the rest of the input is the file.

let names = ["fuzz.html", "fuzz.xml", "fuzz.rss", "fuzz.atom", "fuzz.nitf", "fuzz.txt", "fuzz.htm", "fuzz.xhtml"]
// Made once: a file limit of 8 KiB under the script's -max_len of 10 KiB, so both
// sides of it are reached. (The tree and text limits have their own tests in
// HostileInputTests; their floors, 4,096 nodes and 64 KiB, lie past this limit.)
let ingestors = [false, true].map { Ingestor(options: IngestOptions(maxFileBytes: 8 << 10, articlesOnly: $0)) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if let result = try? ingestors[Int(data[0] & 1)].read(bytes, path: names[Int(data[0] >> 1 & 7)]) {
        for article in result.articles {
            precondition(!article.paragraphs.isEmpty, "an article without paragraphs")
            for p in article.paragraphs { precondition(!p.isEmpty, "an empty paragraph") }
        }
    }
    _ = Ingestor.declaresEntities(bytes)
    return 0
}
