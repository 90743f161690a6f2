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
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The MallocInterposer trait keeps the default RuntimeInterposer (and its
        // swift-runtime-interposer dependency) out of the graph.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // Only for HummingbirdBaseline, the HTTP ceiling the server is compared with.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        benchmark("StreamThroughput", library: "Das2Stream"),
        benchmark("ServerRequests", library: "Das2Server", extra: [.product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "HummingbirdBaseline",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/HummingbirdBaseline"
        ),
    ]
)

/// An ordo-one benchmark executable in `Benchmarks/<name>` using one das2kit library.
func benchmark(_ name: String, library: String, extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: library, package: "das2kit"),
            .product(name: "Benchmark", package: "benchmark"),
        ] + extra,
        path: "Benchmarks/\(name)",
        swiftSettings: [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("InternalImportsByDefault"),
            .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
        ],
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}
