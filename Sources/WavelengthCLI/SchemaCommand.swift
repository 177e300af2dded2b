import ArgumentParser
import Foundation
import WaveReports

/// `wavelength schema`: the data dictionary of a run's outputs, from the one
/// schema the tables, `datapackage.json` and the SQLite database are written from.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the data dictionary of a run's outputs (the README's Outputs section).",
        discussion: """
        Prints, as Markdown, every table a run writes: file, columns with type, unit and meaning, \
        primary and foreign keys. Every run also writes the same schema as datapackage.json. \
        With --update-readme FILE, replaces the generated part of FILE (between its BEGIN outputs \
        and END outputs markers) instead of printing.
        """)

    @Option(help: ArgumentHelp("Rewrite the generated part of this README in place.", valueName: "file"))
    var updateReadme: String?

    @Flag(help: "Print the schema version (and the SQLite user_version) only.")
    var version = false

    func run() throws {
        if version {
            print("\(RunSchema.version) (wavelength.sqlite user_version \(RunSchema.userVersion))")
            return
        }
        guard let path = updateReadme else {
            print(RunSchema.markdown(), terminator: "")
            return
        }
        let url = URL(fileURLWithPath: path)
        let readme = try String(contentsOf: url, encoding: .utf8)
        guard let updated = RunSchema.updatingReadme(readme) else {
            throw ValidationError("\(path): no '\(RunSchema.markdownBegin)' … '\(RunSchema.markdownEnd)' markers")
        }
        if updated != readme { try Data(updated.utf8).write(to: url, options: .atomic) }
    }
}
