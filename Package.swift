// swift-tools-version:6.1
import PackageDescription

let strictSwift6: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-mcp-client",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "MCPCore", targets: ["MCPCore"]),
        .library(name: "MCPClient", targets: ["MCPClient"]),
        .library(name: "MCPServer", targets: ["MCPServer"]),
        .library(name: "MCPJSONSchema", targets: ["MCPJSONSchema"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // JSON values, JSON-RPC messages, every MCP type, errors, the Transport protocol and
        // the in-memory transport. No dependency heavier than swift-collections.
        .target(
            name: "MCPCore",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSwift6
        ),
        // ClientSession (the protocol over any transport) and the high-level Client.
        .target(name: "MCPClient", dependencies: ["MCPCore"], swiftSettings: strictSwift6),
        // A small in-process MCP server for tests, demos and embedding.
        .target(name: "MCPServer", dependencies: ["MCPCore"], swiftSettings: strictSwift6),
        // JSON Schema 2020-12 (and draft-07) validation.
        .target(name: "MCPJSONSchema", dependencies: ["MCPCore"], swiftSettings: strictSwift6),

        .testTarget(name: "MCPCoreTests", dependencies: ["MCPCore"], swiftSettings: strictSwift6),
        .testTarget(
            name: "MCPClientTests",
            dependencies: ["MCPClient", "MCPServer", "MCPJSONSchema"],
            swiftSettings: strictSwift6
        ),
        .testTarget(name: "MCPJSONSchemaTests", dependencies: ["MCPJSONSchema"], swiftSettings: strictSwift6),
    ]
)
