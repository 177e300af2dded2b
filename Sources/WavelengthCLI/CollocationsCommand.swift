import ArgumentParser
import Foundation
import WavePipeline
import WaveReports
import WaveTerms

struct CollocationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collocations",
        abstract: "Multiword term candidates scored by log-likelihood G², PMI and t-score.",
        discussion: """
        Reads tokens.wlt (the token store) from a run's output folder. Examples:
          wavelength collocations --min-count 3 --top 20
          wavelength collocations --n 3 --sort pmi --format csv
        """)

    @OptionGroup var store: TermStoreOptions

    @Option(help: "2 for bigrams, 3 for trigrams.")
    var n: Int = 2

    @Option(help: "Least occurrences of a candidate.")
    var minCount: Int = 2

    @Option(help: "Sort by g2, pmi or t.")
    var sort: String = "g2"

    @Option(help: "Rows printed (0: all).")
    var top: Int = 30

    func validate() throws {
        guard [2, 3].contains(n) else { throw ValidationError("--n takes 2 or 3") }
        guard ["g2", "pmi", "t"].contains(sort) else { throw ValidationError("--sort takes g2, pmi or t") }
        guard top >= 0, minCount >= 1 else { throw ValidationError("--top must be ≥ 0 and --min-count ≥ 1") }
    }

    func run() throws {
        let stats = try store.statistics(ngramSizes: [n])
        var rows = Collocations.find(in: stats.corpus, n: n, minCount: minCount)
        switch sort {
        case "pmi": rows.sort { ($0.pointwiseMutualInformation, $1.text) > ($1.pointwiseMutualInformation, $0.text) }
        case "t": rows.sort { ($0.tScore, $1.text) > ($1.tScore, $0.text) }
        default: break
        }
        if top > 0 { rows = Array(rows.prefix(top)) }
        try store.print(TermStatisticsTables.collocations(rows))
    }
}
