// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Wavelength",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wavelength", targets: ["WavelengthCLI"]),
        .library(name: "WavePipeline", targets: ["WavePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C edges: each C library behind one thin module; no Swift module but the
        // one named after the stage that needs it sees a C type.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CICUShim", dependencies: ["CICU"], linkerSettings: [.linkedLibrary("dl")]),

        // Stages.
        .target(name: "WaveIngest", dependencies: ["CLibXML2", "CICUShim", "CZlib"]),
        // MeCab and Snowball are loaded with dlopen at run time (see CMeCabShim).
        .target(name: "CMeCabShim", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "WaveText", dependencies: ["CICUShim", "CMeCabShim"]),
        .executableTarget(name: "WaveTextBench", dependencies: ["WaveText", "CICUShim", "CMeCabShim"]),
        .target(name: "WaveAnalytics", dependencies: ["WaveText", .product(name: "Yams", package: "Yams")],
                resources: [.copy("Resources")]),
        // Per-document analysis and every corpus aggregate, as typed values.
        .target(name: "WaveCorpus", dependencies: ["WaveIngest", "WaveText", "WaveAnalytics"]),
        // Tables and reports rendered from the corpus analysis; no analytics.
        .target(name: "WaveReports", dependencies: ["WaveIngest", "WaveText", "WaveAnalytics", "WaveCorpus", "CSQLite"]),
        // Orchestration: listing, concurrency, stage clock, atomic output, failures.
        .target(name: "WavePipeline", dependencies: ["WaveIngest", "WaveText", "WaveAnalytics", "WaveCorpus", "WaveReports"]),
        .executableTarget(name: "WaveTermsBench", dependencies: ["WaveAnalytics"]),
        .executableTarget(name: "WavelengthCLI", dependencies: [
            "WavePipeline", "WaveIngest", "WaveText", "WaveAnalytics", "WaveCorpus", "WaveReports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Speed of the sentiment stage alone (see BENCHMARKS.md).
        .executableTarget(name: "WaveSentimentBench", dependencies: ["WaveAnalytics", "WaveText"]),
        // Topic-model evaluation helper for scripts/eval_topics.py.
        .executableTarget(name: "WaveTopicsBench", dependencies: ["WaveText", "WaveAnalytics"]),

        // Ingest evaluation and speed benchmark (JSONL extraction output, pages/s).
        .executableTarget(name: "WaveBench", dependencies: ["WaveIngest"]),

        // Tests.
        .testTarget(name: "WaveIngestTests", dependencies: ["WaveIngest"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveTextTests", dependencies: ["WaveText"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveAnalyticsTests", dependencies: ["WaveAnalytics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveCorpusTests", dependencies: ["WaveCorpus", "WaveAnalytics", "WaveIngest", "WaveText"]),
        .testTarget(name: "WaveReportsTests", dependencies: ["WaveReports", "WaveCorpus", "WaveIngest", "WaveText", "WaveAnalytics", "CSQLite"]),
        .testTarget(name: "WavelengthCLITests", dependencies: ["WavelengthCLI"]),
        .testTarget(name: "WavePipelineTests", dependencies: ["WavePipeline", "WaveIngest", "WaveText", "WaveAnalytics", "WaveCorpus", "WaveReports"], resources: [.copy("Fixtures")]),
    ]
)
