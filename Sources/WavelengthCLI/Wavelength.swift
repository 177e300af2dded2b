import ArgumentParser
import WavePipeline

@main
struct Wavelength: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wavelength",
        abstract: "Text analytics for media coverage of hallyu and Japanese soft power.")
}
