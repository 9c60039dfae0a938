// swift-tools-version:6.1
// The bounded soak test (scripts/soak): many concurrent callers against several kinds of server,
// with random cancellations and timeouts, checking that memory and descriptors stay flat.
// A package of its own so that it is never part of the main package's products or tests.
import PackageDescription

// A path dependency's identity is its directory's name, which differs between checkouts.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "swift-mcp-client"

let package = Package(
    name: "mcp-soak",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "mcp-soak",
            dependencies: [
                .product(name: "MCPClient", package: root),
                .product(name: "MCPStdio", package: root),
                .product(name: "MCPHTTP", package: root),
                .product(name: "MCPDemo", package: root),
            ],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
    ]
)
