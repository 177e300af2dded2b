import ArgumentParser
import Foundation
import WavePipeline
import WaveCorpus
import WaveReports
import WaveTerms
import WaveTopics

extension TermTable.Format: ExpressibleByArgument {}
extension NGramSpan: ExpressibleByArgument {}
extension TermWeight: ExpressibleByArgument {}
extension DocumentWeight: ExpressibleByArgument {}

/// Options shared by the term-statistics commands: where the run's store is,
/// how to print, and which phrases to promote to single terms.
struct TermStoreOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output folder of a `wavelength run` (holds tokens.wlt).")
    var output: String = "Output"

    @Option(help: "Output format: csv, jsonl or table.")
    var format: TermTable.Format = .table

    @Flag(help: "With --format csv: cells exactly as they are (no ' before cells a spreadsheet would run as formulas).")
    var rawCsv = false

    @Option(help: ArgumentHelp("Promote a phrase (its terms separated by spaces) to a single term before counting. Repeatable.",
                               valueName: "phrase"))
    var promote: [String] = []

    @Option(help: "Promote the K bigram collocations with the highest G² (count ≥ 3) to single terms before counting.")
    var promoteTop: Int = 0

    @Option(help: "Where n-grams may run: sentence (no n-gram crosses a sentence) or document.")
    var span: NGramSpan = .sentence

    @Option(help: "Jaccard similarity at which two documents are near-duplicates (syndicated copies).")
    var duplicateThreshold: Double = 0.7

    func validate() throws {
        guard promoteTop >= 0 else { throw ValidationError("--promote-top must be 0 or more") }
        guard duplicateThreshold > 0 && duplicateThreshold <= 1 else { throw ValidationError("--duplicate-threshold must be in (0, 1]") }
    }

    /// Reads the store, promotes phrases, counts.
    func statistics(ngramSizes: [Int] = [2, 3]) throws -> TermStatistics {
        try Workbench().termStatistics(folder: URL(fileURLWithPath: output),
                                       promote: promote.map { $0.split(separator: " ").map(String.init) },
                                       promoteTop: promoteTop, ngramSizes: ngramSizes, span: span,
                                       duplicateThreshold: duplicateThreshold)
    }

    func print(_ table: TermTable) throws {
        try StandardOutput.write(Data(table.render(format, cells: rawCsv ? .raw : .spreadsheetSafe).utf8))
    }
}

struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Term frequencies by document variable (raw and with syndicated copies counted once), or weighted document-term cells.",
        discussion: """
        Reads tokens.wlt (the token store) from a run's output folder. Examples:
          wavelength terms --by focus --top 20
          wavelength terms --by all --n 1 --n 2 --span document --top 0 --format csv
          wavelength terms --weight bm25 --top 10 --min-docfreq 2
        """)

    @OptionGroup var store: TermStoreOptions

    @Option(help: "Document variable to group by: \(StoredDocument.groupVariables.joined(separator: ", ")).")
    var by: String = "language"

    @Option(help: "N-gram size: 1 (terms), 2 or 3. Repeatable.")
    var n: [Int] = [1]

    @Option(help: "Rows per group (0: all).")
    var top: Int = 20

    @Option(help: "Keep terms counted at least this often in the whole corpus.")
    var minCount: Int = 1

    @Option(help: "Keep terms found in at least this many documents.")
    var minDocfreq: Int = 1

    @Option(help: "Print document-term weights instead of grouped counts: count, prop, tfidf or bm25.")
    var weight: String?

    func validate() throws {
        guard StoredDocument.groupVariables.contains(by) else {
            throw ValidationError("--by must be one of \(StoredDocument.groupVariables.joined(separator: ", "))")
        }
        guard n.allSatisfy({ (1...3).contains($0) }) else { throw ValidationError("--n takes 1, 2 or 3") }
        guard top >= 0, minCount >= 1, minDocfreq >= 1 else { throw ValidationError("--top must be ≥ 0, --min-count and --min-docfreq ≥ 1") }
        if let weight, !["count", "prop", "tfidf", "bm25"].contains(weight) {
            throw ValidationError("--weight must be count, prop, tfidf or bm25")
        }
    }

    func run() throws {
        let stats = try store.statistics(ngramSizes: n.filter { $0 > 1 })
        if let weight {
            let scheme: TermWeighting = switch weight {
            case "prop": .relativeFrequency
            case "tfidf": .tfidf
            case "bm25": .bm25()
            default: .count
            }
            let matrix = stats.corpus.matrix.trimmed(minCount: minCount, minDocumentFrequency: minDocfreq)
            let weighted = matrix.weighted(by: scheme)
            var table = TermTable(header: ["document_id", "term", "count", "weight"], numeric: ["count", "weight"])
            for d in 0..<matrix.documentCount {
                let counts = Dictionary(uniqueKeysWithValues: matrix.row(d).map { ($0.term, $0.count) })
                var cells = Array(weighted.row(d))
                cells.sort { ($0.weight, matrix.vocabulary[$1.term]) > ($1.weight, matrix.vocabulary[$0.term]) }
                for cell in top == 0 ? cells[...] : cells.prefix(top) {
                    table.append([matrix.documentIDs[d], matrix.vocabulary[cell.term], String(counts[cell.term] ?? 0),
                                  CSVTable.number(cell.weight, decimals: 6)])
                }
            }
            try store.print(table)
            return
        }
        var rows: [GroupedTermFrequency] = []
        for size in n {
            rows += stats.corpus.frequencies(by: by, n: size, top: top == 0 ? nil : top, minCount: minCount)
                .filter { $0.documentFrequency >= 1 }
        }
        if minDocfreq > 1 {
            // Document frequency over the whole corpus, as in trimming.
            var df: [String: Int] = [:]
            for size in n {
                for r in stats.corpus.frequencies(by: "all", n: size) { df[r.term] = r.documentFrequency }
            }
            rows = rows.filter { (df[$0.term] ?? 0) >= minDocfreq }
        }
        try store.print(TermStatisticsTables.frequencies(rows))
    }
}
