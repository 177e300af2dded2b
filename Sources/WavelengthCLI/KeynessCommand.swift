import ArgumentParser
import Foundation
import WavePipeline
import WaveTerms

struct KeynessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyness",
        abstract: "Key terms of a target group of documents against a reference group: G², χ², p-values, log ratio, raw counts.",
        discussion: """
        Reads tokens.tsv from a run's output folder. Examples:
          wavelength keyness                                    # focus japan vs korea
          wavelength keyness --by year --target 2024 --reference 2019
          wavelength keyness --by site --target example.com --reference rest --dedup
        """)

    @OptionGroup var store: TermStoreOptions

    @Option(help: "Document variable that defines the groups: \(StoredDocument.groupVariables.joined(separator: ", ")).")
    var by: String = "focus"

    @Option(help: "Value of the variable for the target group.")
    var target: String = "japan"

    @Option(help: "Value for the reference group, or 'rest' for every other document.")
    var reference: String = "korea"

    @Option(help: "1 for terms, 2 or 3 for n-grams.")
    var n: Int = 1

    @Option(help: "Least occurrences in target and reference together.")
    var minCount: Int = 2

    @Flag(help: "Count each cluster of syndicated copies once.")
    var dedup = false

    @Option(help: "Rows printed (0: all).")
    var top: Int = 30

    func validate() throws {
        guard StoredDocument.groupVariables.contains(by) else {
            throw ValidationError("--by must be one of \(StoredDocument.groupVariables.joined(separator: ", "))")
        }
        guard (1...3).contains(n) else { throw ValidationError("--n takes 1, 2 or 3") }
        guard top >= 0, minCount >= 1 else { throw ValidationError("--top must be ≥ 0 and --min-count ≥ 1") }
    }

    func run() throws {
        let stats = try store.statistics(ngramSizes: n > 1 ? [n] : [])
        var rows = stats.keyness(variable: by, target: target, reference: reference == "rest" ? nil : reference,
                                 n: n, minCount: minCount, dedup: dedup)
        if top > 0 { rows = Array(rows.prefix(top)) }
        store.print(TermStatisticsTables.keyness(rows, n: n, target: "\(by)=\(target)",
                                                 reference: reference == "rest" ? "\(by)≠\(target)" : "\(by)=\(reference)"))
    }
}
