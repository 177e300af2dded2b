import ArgumentParser
import Foundation
import WavePipeline
import WaveReports
import WaveCorpus
import WaveLexicon
import WaveTerms

struct KeynessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyness",
        abstract: "Key terms of a target group of documents against a reference group: G², χ², p-values, log ratio, raw counts.",
        discussion: """
        Reads tokens.wlt (the token store) from a run's output folder. Examples:
          wavelength keyness                                    # focus: first target vs second (japan vs korea)
          wavelength keyness --by year --target 2024 --reference 2019
          wavelength keyness --by site --target example.com --reference rest --dedup
        """)

    @OptionGroup var store: TermStoreOptions

    @Option(help: "Document variable that defines the groups: \(StoredDocument.groupVariables.joined(separator: ", ")).")
    var by: String = "focus"

    @Option(help: "Value of the variable for the target group (default with --by focus: the gazetteer's first target).")
    var target: String?

    @Option(help: "Value for the reference group, or 'rest' for every other document (default with --by focus: the second target).")
    var reference: String?

    @Option(help: "Gazetteer YAML whose targets give the default groups (default: the shipped one).")
    var gazetteer: String?

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
        if by != "focus" && (target == nil || reference == nil) {
            throw ValidationError("--by \(by) needs --target and --reference")
        }
    }

    /// The target and reference groups: as given, or the gazetteer's first two targets.
    func groups() throws -> (target: String, reference: String) {
        if let target, let reference { return (target, reference) }
        var config = RunConfiguration()
        config.gazetteer = gazetteer.map { URL(fileURLWithPath: $0) }
        let keys = try Workbench(configuration: config).targets().keys
        guard keys.count >= 2 || (target != nil && keys.count >= 1) else {
            throw ValidationError("the gazetteer has fewer than two targets: give --target and --reference")
        }
        let target = self.target ?? keys[0]
        return (target, reference ?? keys.first { $0 != target } ?? "rest")
    }

    func run() throws {
        let (target, reference) = try groups()
        let stats = try store.statistics(ngramSizes: n > 1 ? [n] : [])
        // A group no document is in is a typing mistake, not a table of zeros.
        let values = stats.documents.map { $0.group(by) ?? "" }
        for group in [target] + (reference == "rest" ? [] : [reference]) where !values.contains(group) {
            let known = Set(values).filter { !$0.isEmpty }.sorted()
            let shown = known.prefix(20).joined(separator: ", ") + (known.count > 20 ? ", …" : "")
            throw RunError("no document has \(by) = '\(group)'" + (known.isEmpty ? " (no document has a \(by))" : "; the values are: \(shown)"))
        }
        var rows = stats.keyness(variable: by, target: target, reference: reference == "rest" ? nil : reference,
                                 n: n, minCount: minCount, dedup: dedup)
        if top > 0 { rows = Array(rows.prefix(top)) }
        try store.print(TermStatisticsTables.keyness(rows, n: n, target: "\(by)=\(target)",
                                                 reference: reference == "rest" ? "\(by)≠\(target)" : "\(by)=\(reference)"))
    }
}
