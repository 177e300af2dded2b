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
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // Logging API (levels, metadata, handlers); the CLI installs the stderr / JSON-lines handlers.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Layered configuration: command line > WAVELENGTH_* environment > wavelength.yaml > defaults.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        // Heap (a min-max heap) for the corpus stage's top-k cut of grouped frequencies.
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // The optional shared shard store (--store postgres://…): PostgreSQL's wire protocol,
        // authentication (SCRAM, MD5) and TLS, used only by WaveStorePostgres.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C edges: each C library behind one thin module, imported with `internal import`
        // so no C type escapes the Swift module named after the stage that needs it.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CICUShim", dependencies: ["CICU"], linkerSettings: [.linkedLibrary("dl")]),
        // MeCab and Snowball are loaded with dlopen at run time (see CMeCabShim).
        .target(name: "CMeCabShim", linkerSettings: [.linkedLibrary("dl")]),
        // renameat2(RENAME_EXCHANGE), which Glibc's Swift module does not declare.
        .target(name: "CFileShim"),
        // mallopt and malloc_trim (the run's heap policy), which Glibc's Swift module does not declare.
        .target(name: "CMallocShim"),

        // Stages, in the order a document passes them.
        .target(name: "WaveIngest", dependencies: ["CLibXML2", "CICUShim", "CZlib"]),
        .target(name: "WaveText", dependencies: ["CICUShim", "CMeCabShim"]),
        // The shipped data files (Resources/ and the package's Stopwords/) are embedded in the
        // binary by the EmbedShippedData plugin: an installed program needs no resource bundle.
        .target(name: "WaveLexicon", dependencies: ["WaveText", .product(name: "Yams", package: "Yams")],
                exclude: ["Resources"], plugins: ["EmbedShippedData"]),
        .executableTarget(name: "EmbedTool"),
        .plugin(name: "EmbedShippedData", capability: .buildTool(), dependencies: ["EmbedTool"]),
        // The one lock type shared between threads (NSLock underneath, which ThreadSanitizer sees).
        .target(name: "WaveSync"),
        .target(name: "WaveTerms", dependencies: ["WaveText", "WaveSync", "CZlib",
                                                .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "WaveThemes", dependencies: ["WaveLexicon", "WaveText"]),
        .target(name: "WaveSentiment", dependencies: ["WaveLexicon", "WaveText"]),
        .target(name: "WaveTopics", dependencies: ["WaveTerms"]),
        // Per-document analysis and every corpus aggregate, as typed values.
        .target(name: "WaveCorpus", dependencies: [
            "WaveIngest", "WaveText", "WaveLexicon", "WaveTerms", "WaveThemes", "WaveSentiment", "WaveTopics",
        ]),
        // Tables and reports rendered from the corpus analysis; no analytics.
        // The shard merge (WavePipeline/Pipeline+Merge) opens shard databases immutable through SQLite directly.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "WaveReports", dependencies: [
            "WaveIngest", "WaveText", "WaveTerms", "WaveTopics", "WaveCorpus", "CZlib",
            // Rows of the large tables are bound through SQLite's C API (SQLiteTables.insert).
            "CSQLite",
            // SQLite through GRDB (the system libsqlite3), not a hand-written wrapper.
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Orchestration: listing, concurrency, stage clock, atomic output, failures.
        .target(name: "WavePipeline", dependencies: [
            "WaveIngest", "WaveText", "WaveLexicon", "WaveTerms", "WaveThemes", "WaveTopics", "WaveCorpus", "WaveReports", "WaveSync",
            "CFileShim", "CMallocShim", "CSQLite",
            // The incremental run state (StateStore) through GRDB, like the run's tables.
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Configuration", package: "swift-configuration"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // The shard store in PostgreSQL (`--store postgres://…`), at the edge: the pipeline knows
        // only its ShardStore protocol, never NIO.
        .target(name: "WaveStorePostgres", dependencies: [
            "WavePipeline",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "WavelengthCLI", dependencies: [
            "WavePipeline", "WaveStorePostgres", "WaveIngest", "WaveText", "WaveLexicon", "WaveTerms", "WaveTopics", "WaveCorpus", "WaveSentiment",
            "WaveReports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // The one benchmark and evaluation tool (scripts/ and BENCHMARKS.md call it). A target of this
        // package, not a nested package: it shares the build (one compile of the stages on a small
        // machine), needs no library product made public only for it, and can only call what the
        // stages make public, so it measures the shipped code paths. The C modules are its peers
        // (libxml2, ICU and MeCab called directly).
        .executableTarget(name: "WaveBench", dependencies: [
            "WaveIngest", "WaveText", "WaveLexicon", "WaveTerms", "WaveSentiment", "WaveTopics", "WaveCorpus",
            "CLibXML2", "CICUShim", "CMeCabShim",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/WaveBench"),

        // Tests: one target per module, fixtures beside them.
        .testTarget(name: "WaveIngestTests", dependencies: ["WaveIngest"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveTextTests", dependencies: ["WaveText"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveLexiconTests", dependencies: ["WaveLexicon", "WaveText"]),
        .testTarget(name: "WaveTermsTests", dependencies: ["WaveTerms", "WaveText"]),
        .testTarget(name: "WaveThemesTests", dependencies: ["WaveThemes", "WaveLexicon", "WaveText"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveSentimentTests", dependencies: ["WaveSentiment", "WaveLexicon", "WaveText"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveTopicsTests", dependencies: ["WaveTopics"]),
        .testTarget(name: "WaveCorpusTests", dependencies: ["WaveCorpus", "WaveTerms", "WaveThemes", "WaveIngest", "WaveText"]),
        .testTarget(name: "WaveReportsTests", dependencies: [
            "WaveReports", "WaveCorpus", "WaveLexicon", "WaveIngest", "WaveText", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Live tests against a PostgreSQL server named by WAVELENGTH_TEST_POSTGRES_URL (skipped, and
        // reported as skipped, without it); .ci/run starts one.
        .testTarget(name: "WaveStorePostgresTests", dependencies: [
            "WaveStorePostgres", "WavePipeline", .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .testTarget(name: "WavelengthCLITests", dependencies: ["WavelengthCLI", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "WavePipelineTests", dependencies: [
            "WavePipeline", "WaveIngest", "WaveText", "WaveTerms", "WaveTopics", "WaveCorpus", "WaveReports", "WaveLexicon",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ], resources: [.copy("Fixtures")]),
    ]
)
