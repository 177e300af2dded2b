// Benchmark of term counting on interned ids: reads a run's tokens.tsv, interns
// the content terms once, then counts unigrams and document-span bigrams into
// sparse matrices (the work of scikit-learn's CountVectorizer(ngram_range=(1, 2))).
//
//   swift build -c release --product WaveTermsBench
//   .build/release/WaveTermsBench OUTPUT_DIR [repetitions]
//   .build/release/WaveTermsBench OUTPUT_DIR kwic stream|load TERM…
//
// Prints one JSON object.
import Foundation
import WaveTerms

func peakRSSKiB() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss
}

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: WaveTermsBench OUTPUT_DIR [repetitions]\n".utf8))
    exit(64)
}
let repetitions = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let clock = ContinuousClock()

// `WaveTermsBench OUTPUT_DIR kwic stream|load TERM…`: KWIC time and peak memory,
// streaming the store or loading all of it first.
if arguments.count > 4 && arguments[2] == "kwic" {
    let folder = URL(fileURLWithPath: arguments[1]), terms = Array(arguments[4...])
    let cpu = cpuSeconds(), begin = clock.now
    let lines = arguments[3] == "stream"
        ? try KWIC.lines(for: terms, inStoreAt: folder)
        : KWIC.lines(for: terms, in: try TokenStore.read(folder: folder))
    let json = try JSONSerialization.data(withJSONObject: [
        "mode": arguments[3], "lines": lines.count, "seconds": seconds(clock.now - begin), "cpu_s": cpuSeconds() - cpu,
        "peak_rss_mib": Double(peakRSSKiB()) / 1024,
    ] as [String: Any], options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
    exit(0)
}

var start = clock.now
let documents = try TokenStore.read(folder: URL(fileURLWithPath: arguments[1]))
let loadSeconds = seconds(clock.now - start)

// Interning: strings to ids, once.
start = clock.now
var interner = TermInterner()
var idLists: [[Vocabulary.TermID]] = []
idLists.reserveCapacity(documents.count)
for document in documents {
    var ids: [Vocabulary.TermID] = []
    ids.reserveCapacity(document.sentences.reduce(0) { $0 + $1.tokens.count })
    for sentence in document.sentences {
        for token in sentence.tokens where token.isContent { ids.append(interner.intern(token.term)) }
    }
    idLists.append(ids)
}
let vocabulary = interner.vocabulary
let internSeconds = seconds(clock.now - start)
let tokens = idLists.reduce(0) { $0 + $1.count }

// Counting on ids: unigram CSR + bigram CSR, best of `repetitions`.
var best = Double.infinity, bestCPU = Double.infinity, bestUnigramCPU = Double.infinity
var unigramNNZ = 0, bigramNNZ = 0, bigramTypes = 0
for _ in 0..<repetitions {
    // Unigrams alone (CPU time of this process: the per-core rate on a shared machine).
    var cpu = cpuSeconds()
    var alone = DocumentTermMatrix(vocabulary: vocabulary)
    var aloneCounter = RowCounter()
    for (d, ids) in idLists.enumerated() { alone.append(documentID: documents[d].id, termIDs: ids, counter: &aloneCounter) }
    bestUnigramCPU = min(bestUnigramCPU, cpuSeconds() - cpu)
    precondition(alone.nonZeroCount > 0 || tokens == 0)

    cpu = cpuSeconds()
    start = clock.now
    var unigrams = DocumentTermMatrix(vocabulary: vocabulary)
    var bigrams = NGramMatrix(n: 2)
    var counter = RowCounter()
    for (d, ids) in idLists.enumerated() {
        unigrams.append(documentID: documents[d].id, termIDs: ids, counter: &counter)
        bigrams.append(segments: [ids])
    }
    let elapsed = seconds(clock.now - start)
    bestCPU = min(bestCPU, cpuSeconds() - cpu)
    best = min(best, elapsed)
    unigramNNZ = unigrams.nonZeroCount; bigramNNZ = bigrams.nonZeroCount; bigramTypes = bigrams.index.count
}

let result: [String: Any] = [
    "documents": documents.count, "content_tokens": tokens, "terms": vocabulary.count, "bigrams": bigramTypes,
    "features": vocabulary.count + bigramTypes, "nnz": unigramNNZ + bigramNNZ,
    "load_store_s": loadSeconds, "intern_s": internSeconds, "count_s": best, "repetitions": repetitions,
    "count_tokens_per_s": Double(tokens) / best, "count_cpu_s": bestCPU,
    "count_tokens_per_cpu_s": Double(tokens) / bestCPU, "unigram_count_cpu_s": bestUnigramCPU,
    "unigram_count_tokens_per_cpu_s": Double(tokens) / bestUnigramCPU, "intern_plus_count_tokens_per_s": Double(tokens) / (internSeconds + best),
    "peak_rss_mib": Double(peakRSSKiB()) / 1024,
    "matrix_mib": Double((unigramNNZ + bigramNNZ) * 8 + (documents.count + 1) * 16) / 1_048_576,
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
