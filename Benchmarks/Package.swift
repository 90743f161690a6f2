// swift-tools-version:6.2
import PackageDescription

// In-process benchmarks of das2kit, kept out of the main package so that its normal
// `swift build` / `swift test` never compile the benchmark harness.
// Run: swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark
let package = Package(
    name: "das2kit-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "das2kit", path: ".."),
        // The MallocInterposer trait keeps the default RuntimeInterposer (and its
        // swift-runtime-interposer dependency) out of the graph.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "StreamThroughput",
            dependencies: [
                .product(name: "Das2Stream", package: "das2kit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/StreamThroughput",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
            ],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
