import ArgumentParser
import Foundation
import WavePipeline

/// `wavelength report OUTPUT_DIR`: renders a run's report.html and report.md again
/// from the report model the run stored, without analysing the corpus.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a run's report.html and report.md again from its stored results.",
        discussion: """
        Reads the report model a run stores in its output folder (report-model.json) and writes \
        report.html and report.md again, without reading or analysing the corpus; the other files \
        stay as the run wrote them. The folder is replaced as a whole, as a run does, under the \
        folder's lock. Fails (exit 2) when the folder is not a run's output or its model was written \
        in another format version (run the corpus again); exit 75 when a run holds the lock.
        """)

    @Argument(help: ArgumentHelp("The output folder of a run.", valueName: "output-dir"))
    var output: String

    func run() throws {
        let folder = URL(fileURLWithPath: output)
        let rendered = try Workbench().renderReports(folder: folder) { StandardError.print("wavelength: \($0)") }
        for file in rendered.files { print(folder.appendingPathComponent(file).path) }
    }
}
