import ArgumentParser
import Foundation
import WavePipeline

/// `wavelength init`: writes a commented `wavelength.yaml` with every setting of `run` and its default.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented wavelength.yaml with every setting of `run` and its default.")

    @Argument(help: "File to write.")
    var file: String = RunSettings.defaultFileName

    @Flag(help: "Replace the file if it exists.")
    var force = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        if FileManager.default.fileExists(atPath: url.path) && !force {
            throw RunError("\(url.path) exists; give --force to replace it")
        }
        do {
            try Data(RunOption.configurationFileTemplate().utf8).write(to: url, options: .atomic)
        } catch {
            throw RunError("cannot write \(url.path): \(error.localizedDescription)")
        }
        print("wrote \(url.path)")
    }
}
