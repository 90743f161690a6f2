// swift-tools-version:6.2
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "das2kit",
    products: [
        .library(name: "Das2Core", targets: ["Das2Core"]),
        .library(name: "Das2Stream", targets: ["Das2Stream"]),
        .library(name: "Das2Server", targets: ["Das2Server"]),
        .library(name: "Das2Cache", targets: ["Das2Cache"]),
        .executable(name: "das2_cache_rdr", targets: ["das2_cache_rdr"]),
        .executable(name: "das2_srv_todo", targets: ["das2_srv_todo"]),
        .executable(name: "das2_srv_arbiter", targets: ["das2_srv_arbiter"]),
        .library(name: "Das2ServerHummingbird", targets: ["Das2ServerHummingbird"]),
        .executable(name: "das2-server", targets: ["das2-server"]),
        .executable(name: "das2-cgi", targets: ["das2-cgi"]),
        .executable(name: "das2_ascii", targets: ["das2_ascii"]),
        .executable(name: "das2_bin_avgsec", targets: ["das2_bin_avgsec"]),
        .executable(name: "das2_bin_peakavgsec", targets: ["das2_bin_peakavgsec"]),
        .executable(name: "das2_bin_avg", targets: ["das2_bin_avg"]),
        .executable(name: "das2_srv_passwd", targets: ["das2_srv_passwd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0", traits: []),
    ],
    targets: [
        .systemLibrary(
            name: "CExpat",
            pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"]), .brew(["expat"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CCrypt", pkgConfig: "libxcrypt", providers: [.apt(["libcrypt-dev"])]),
        .target(name: "Das2Core", dependencies: ["CCrypt"], swiftSettings: upcoming),
        .target(name: "Das2Stream", dependencies: ["Das2Core", "CExpat", "CZlib"], swiftSettings: upcoming),
        .target(
            name: "Das2Pipeline",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "Das2Cache",
            dependencies: [
                "Das2Core", "Das2Stream", "Das2Pipeline", "CHiredis",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2_cache_rdr",
            dependencies: [
                "Das2Cache", "Das2Core", "Das2ToolSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/das2-tools/das2_cache_rdr",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2_srv_todo",
            dependencies: ["Das2Cache", "Das2Core", "Das2ToolSupport", .product(name: "Logging", package: "swift-log")],
            path: "Sources/das2-tools/das2_srv_todo",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2_srv_arbiter",
            dependencies: [
                "Das2Cache", "Das2Core", "Das2Server", "Das2ToolSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/das2-tools/das2_srv_arbiter",
            swiftSettings: upcoming
        ),
        .target(
            name: "Das2Server",
            dependencies: [
                "Das2Core", "Das2Stream", "Das2Pipeline", "Das2Cache",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "Das2ServerHummingbird",
            dependencies: [
                "Das2Core",
                "Das2Server",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2-server",
            dependencies: [
                "Das2Cache", "Das2Server", "Das2ServerHummingbird", "Das2Examples",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2-cgi",
            dependencies: ["Das2Server", .product(name: "Logging", package: "swift-log")],
            swiftSettings: upcoming
        ),
        .target(name: "Das2Examples", dependencies: ["Das2Core", "Das2Stream"], swiftSettings: upcoming),
        .target(
            name: "Das2ToolSupport",
            dependencies: ["Das2Core", "Das2Stream"],
            path: "Sources/das2-tools/Das2ToolSupport",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2_ascii",
            dependencies: [
                "Das2Stream", "Das2ToolSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/das2-tools/das2_ascii",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2_bin_avgsec",
            dependencies: [
                "Das2Stream", "Das2ToolSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/das2-tools/das2_bin_avgsec",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2_bin_peakavgsec",
            dependencies: [
                "Das2Stream", "Das2ToolSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/das2-tools/das2_bin_peakavgsec",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2_bin_avg",
            dependencies: [
                "Das2Stream", "Das2ToolSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/das2-tools/das2_bin_avg",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "das2_srv_passwd",
            dependencies: ["Das2Core", "Das2ToolSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/das2-tools/das2_srv_passwd",
            swiftSettings: upcoming
        ),
        .target(
            name: "Das2TestSupport",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")],
            path: "Tests/Das2TestSupport",
            swiftSettings: upcoming
        ),
        .testTarget(name: "Das2CoreTests", dependencies: ["Das2Core"], swiftSettings: upcoming),
        .testTarget(
            name: "Das2StreamTests",
            dependencies: ["Das2Stream", "Das2TestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "Das2CacheTests",
            dependencies: [
                "Das2Cache", "Das2Core", "Das2Stream", "Das2Pipeline", "Das2TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "Das2PipelineTests",
            dependencies: ["Das2Pipeline", .product(name: "InMemoryLogging", package: "swift-log")],
            swiftSettings: upcoming
        ),
        .executableTarget(name: "das2-test-probe", path: "Tests/Probe", swiftSettings: upcoming),
        .testTarget(
            name: "Das2ServerFrontEndTests",
            dependencies: [
                "Das2TestSupport", "Das2Server", "Das2ServerHummingbird", "das2-server", "das2-cgi",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "Das2ServerConformanceTests",
            dependencies: [
                "Das2TestSupport", "Das2Server", "Das2Cache", "Das2Core", "das2-server", "das2-cgi", "das2-test-probe",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "Das2HAPITests",
            dependencies: ["Das2Server", "Das2Core", "Das2Stream", "Das2Pipeline", .product(name: "Logging", package: "swift-log")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "Das2HAPIConformanceTests",
            dependencies: [
                "Das2TestSupport", "Das2Cache", "Das2Core", "das2-server", "das2-cgi", "das2-test-probe",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "Das2ExamplesTests",
            dependencies: ["Das2Examples", "Das2Stream", "Das2Core"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "ToolTests",
            dependencies: [
                "Das2TestSupport", "Das2Core", "Das2Cache",
                "das2_ascii", "das2_bin_avgsec", "das2_bin_peakavgsec", "das2_bin_avg", "das2_srv_passwd", "das2_cache_rdr",
                "das2_srv_todo", "das2_srv_arbiter", "das2-test-probe",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: upcoming
        ),
    ]
)
