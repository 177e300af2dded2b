import ArgumentParser
import Foundation
import WaveTerms

/// `WaveBench terms OUTPUT_DIR [--repetitions N]`: term counting on interned
/// ids (for scripts/bench_terms.py). Reads a run's tokens.wlt, interns the
/// content terms once, then counts unigrams and document-span bigrams into
/// sparse matrices (the work of scikit-learn's CountVectorizer(ngram_range=(1, 2))).
/// Prints one JSON object.
struct TermCounting: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "terms", abstract: "Term counting speed on a run's token store.")

    @Argument(help: "A run's output folder (holds tokens.wlt).") var output: String
    @Option(help: "Rounds; the best is reported.") var repetitions = 5

    func run() throws {
        var documents: [StoredDocument] = []
        let load = try Measure.time { documents = try TokenStore.read(folder: URL(fileURLWithPath: output)) }
        // Interning: strings to ids, once.
        var interner = TermInterner()
        var idLists: [[Vocabulary.TermID]] = []
        let intern = Measure.time {
            idLists.reserveCapacity(documents.count)
            for document in documents {
                var ids: [Vocabulary.TermID] = []
                ids.reserveCapacity(document.sentences.reduce(0) { $0 + $1.tokens.count })
                for sentence in document.sentences {
                    for token in sentence.tokens where token.isContent { ids.append(interner.intern(token.term)) }
                }
                idLists.append(ids)
            }
        }
        let vocabulary = interner.vocabulary
        let tokens = idLists.reduce(0) { $0 + $1.count }
        // Unigrams alone (CPU time of this process: the per-core rate on a shared machine).
        var unigramNNZ = 0
        let unigramsAlone = Measure.best(of: repetitions) {
            var alone = DocumentTermMatrix(vocabulary: vocabulary)
            var counter = RowCounter()
            for (d, ids) in idLists.enumerated() { alone.append(documentID: documents[d].id, termIDs: ids, counter: &counter) }
            unigramNNZ = alone.nonZeroCount
        }
        // Unigram CSR + bigram CSR.
        var bigramNNZ = 0, bigramTypes = 0
        let both = Measure.best(of: repetitions) {
            var unigrams = DocumentTermMatrix(vocabulary: vocabulary)
            var bigrams = NGramMatrix(n: 2)
            var counter = RowCounter()
            for (d, ids) in idLists.enumerated() {
                unigrams.append(documentID: documents[d].id, termIDs: ids, counter: &counter)
                bigrams.append(segments: [ids])
            }
            unigramNNZ = unigrams.nonZeroCount; bigramNNZ = bigrams.nonZeroCount; bigramTypes = bigrams.index.count
        }
        try Measure.printJSON([
            "documents": documents.count, "content_tokens": tokens, "terms": vocabulary.count, "bigrams": bigramTypes,
            "features": vocabulary.count + bigramTypes, "nnz": unigramNNZ + bigramNNZ,
            "load_store_s": load.wall, "intern_s": intern.wall, "count_s": both.wall, "repetitions": repetitions,
            "count_tokens_per_s": Double(tokens) / both.wall, "count_cpu_s": both.cpu,
            "count_tokens_per_cpu_s": Double(tokens) / both.cpu, "unigram_count_cpu_s": unigramsAlone.cpu,
            "unigram_count_tokens_per_cpu_s": Double(tokens) / unigramsAlone.cpu,
            "intern_plus_count_tokens_per_s": Double(tokens) / (intern.wall + both.wall),
            "peak_rss_mib": Measure.peakRSSMiB(),
            "matrix_mib": Double((unigramNNZ + bigramNNZ) * 8 + (documents.count + 1) * 16) / 1_048_576,
        ])
    }
}

/// `WaveBench kwic OUTPUT_DIR stream|load TERM…`: KWIC time and peak memory,
/// streaming the store (what `wavelength kwic` does) or loading all of it first.
struct KWICSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kwic", abstract: "KWIC speed and peak memory on a run's token store.")

    @Argument(help: "A run's output folder (holds tokens.wlt).") var output: String
    @Argument(help: "stream or load.") var mode: String
    @Argument(help: "The terms of the phrase.") var terms: [String]

    func run() throws {
        guard mode == "stream" || mode == "load" else { throw ValidationError("mode must be stream or load") }
        let folder = URL(fileURLWithPath: output)
        var lines: [ConcordanceLine] = []
        let sample = try Measure.time {
            lines = mode == "stream"
                ? try KWIC.lines(for: terms, inStoreAt: folder)
                : KWIC.lines(for: terms, in: try TokenStore.read(folder: folder))
        }
        try Measure.printJSON(["mode": mode, "lines": lines.count, "seconds": sample.wall, "cpu_s": sample.cpu,
                               "peak_rss_mib": Measure.peakRSSMiB()])
    }
}
