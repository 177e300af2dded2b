import ArgumentParser

/// One benchmark and evaluation tool for every stage. Each subcommand runs the
/// shipped code path (the same public API `wavelength` calls) and prints what
/// the scripts in `scripts/` read; timings go through ``Measure``.
@main
struct WaveBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "WaveBench",
        abstract: "Benchmarks and evaluation helpers for Wavelength (see BENCHMARKS.md).",
        subcommands: [
            Extract.self, IngestSpeed.self,
            Tokens.self, TokenizerSpeed.self, TokenizerHostile.self,
            TermCounting.self, KWICSpeed.self,
            SentimentSpeed.self, TargetSentimentTrain.self,
            TopicsExport.self, TopicsTrain.self,
        ])
}

/// A benchmark failure the operator can act on (unreadable input, bad option).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
