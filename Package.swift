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
        .target(name: "CICUShim", dependencies: ["CICU"], linkerSettings: [.linkedLibrary("dl")]),

        // Stages.
        .target(name: "WaveIngest", dependencies: ["CLibXML2", "CICUShim", "CZlib"]),
        .target(name: "WaveText", dependencies: ["CICUShim"]),
        .target(name: "WaveAnalytics", dependencies: ["WaveText", .product(name: "Yams", package: "Yams")],
                resources: [.copy("Resources")]),
        .target(name: "WaveReports", dependencies: ["WaveIngest", "WaveText", "WaveAnalytics"]),
        .target(name: "WavePipeline", dependencies: ["WaveIngest", "WaveText", "WaveAnalytics", "WaveReports"]),
        .executableTarget(name: "WaveTermsBench", dependencies: ["WaveAnalytics"]),
        .executableTarget(name: "WavelengthCLI", dependencies: [
            "WavePipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests.
        .testTarget(name: "WaveIngestTests", dependencies: ["WaveIngest"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveTextTests", dependencies: ["WaveText"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveAnalyticsTests", dependencies: ["WaveAnalytics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WaveReportsTests", dependencies: ["WaveReports"]),
        .testTarget(name: "WavePipelineTests", dependencies: ["WavePipeline"], resources: [.copy("Fixtures")]),
    ]
)
