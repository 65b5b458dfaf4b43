// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gate", targets: ["gate"]),
        .executable(name: "gate-http", targets: ["gate-http"]),
        .library(name: "GateCore", targets: ["GateCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(
            name: "GateCore",
            dependencies: [
                "CLibGit2",
                "GateHTTPWire",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "gate",
            dependencies: [
                "GateCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "GateHTTPWire"),
        .executableTarget(
            name: "gate-http",
            dependencies: ["GateHTTPWire"]
        ),
        .testTarget(
            name: "GateCoreTests",
            dependencies: ["GateCore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Resources"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
