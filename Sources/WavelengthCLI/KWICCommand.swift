import ArgumentParser
import Foundation
import WavePipeline
import WaveReports
import WaveTerms
import WaveText

struct KWICCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Every occurrence of a term or phrase in context, with its document, from a run's stored tokens.",
        discussion: """
        Reads tokens.wlt (the token store) from a run's output folder; the corpus is not parsed again. The query is \
        normalized like the documents (case folding, NFKC), so 'Soft Power' finds 'soft power'. Examples:
          wavelength kwic "soft power" --window 8
          wavelength kwic ソフトパワー --output Output --format csv
        """)

    @Argument(help: "The term or phrase to find.")
    var query: String

    @Option(help: "Tokens of context on each side.")
    var window: Int = 5

    @Option(name: .shortAndLong, help: "Output folder of a `wavelength run` (holds tokens.wlt).")
    var output: String = "Output"

    @Option(help: "Output format: csv, jsonl or table.")
    var format: TermTable.Format = .table

    @Flag(help: "With --format csv: cells exactly as they are (no ' before cells a spreadsheet would run as formulas).")
    var rawCsv = false

    @Option(help: "Language of the query: en, ja, ko, or auto.")
    var lang: String = "auto"

    func validate() throws {
        guard window >= 0, window <= Limits.maxWindow else {
            throw ValidationError("--window must be between 0 and \(Limits.maxWindow) (got \(window))")
        }
        try Limits.checkOutput(output)
        guard ["auto", "en", "ja", "ko"].contains(lang) else { throw ValidationError("--lang must be en, ja, ko or auto") }
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("give a term or phrase") }
    }

    func run() throws {
        let (terms, lines) = try Workbench().concordance(query, language: lang == "auto" ? nil : Language(lang),
                                                         folder: URL(fileURLWithPath: output), window: window)
        let table = TermStatisticsTables.concordance(lines)
        try StandardOutput.write(Data(table.render(format, cells: rawCsv ? .raw : .spreadsheetSafe).utf8))
        if lines.isEmpty { StandardError.print("wavelength: no occurrence of '\(query)' (terms: \(terms.joined(separator: " ")))") }
    }
}
