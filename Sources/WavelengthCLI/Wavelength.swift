import ArgumentParser
import WavePipeline

@main
struct Wavelength: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wavelength",
        abstract: "Text analytics for media coverage of hallyu and Japanese soft power.",
        discussion: """
        Exit status: 0 every file succeeded; 1 outputs written but some files failed \
        (see summary.json); 2 the run could not produce its outputs; 64 usage error; \
        75 another run holds the output folder's lock (try again later).
        """,
        version: Pipeline.version,
        subcommands: [Run.self, MergeCommand.self, ReportCommand.self, InitCommand.self, Extract.self, Tokens.self, Themes.self,
                      Sentiment.self, Topics.self, Terms.self, KeynessCommand.self, CollocationsCommand.self, KWICCommand.self,
                      SchemaCommand.self],
        defaultSubcommand: Run.self)

    /// Parses and runs the command; every error leaves through ``ExitStatus``.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: ExitStatus.map(error))
        }
    }
}
