import Foundation
import PackagePlugin

/// Turns the shipped data files (the target's `Resources/` folder and the package's
/// `Stopwords/` folder) into one Swift source file of string literals, so the
/// installed binary carries its data and needs no resource bundle at run time.
/// Runs at every build where one of the files changed: the embedded copy cannot go stale.
@main
struct EmbedShippedData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let resources = target.directoryURL.appending(path: "Resources")
        let stopwords = context.package.directoryURL.appending(path: "Stopwords")
        let inputs = try files(in: resources, prefix: "") + files(in: stopwords, prefix: "stopwords/")
        let output = context.pluginWorkDirectoryURL.appending(path: "ShippedData+Embedded.swift")
        var arguments = [output.path]
        for (name, url) in inputs { arguments += [name, url.path] }
        return [.buildCommand(displayName: "Embedding \(inputs.count) shipped data files",
                              executable: try context.tool(named: "EmbedTool").url,
                              arguments: arguments, inputFiles: inputs.map(\.1), outputFiles: [output])]
    }

    /// Regular, non-hidden files of `folder`, sorted by name, each with its embedded name.
    private func files(in folder: URL, prefix: String) throws -> [(String, URL)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            let url = folder.appending(path: name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { return nil }
            return (prefix + name, url)
        }
    }
}
