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
        .library(name: "MCPStdio", targets: ["MCPStdio"]),
        .library(name: "MCPHTTP", targets: ["MCPHTTP"]),
        .library(name: "MCPWebSocket", targets: ["MCPWebSocket"]),
        .library(name: "MCPConfiguration", targets: ["MCPConfiguration"]),
        .library(name: "MCPAuth", targets: ["MCPAuth"]),
        .library(name: "MCPDemo", targets: ["MCPDemo"]),
        .executable(name: "mcp", targets: ["MCPCommandLine"]),
        .executable(name: "mcp-bench", targets: ["MCPBenchmark"]),
        .executable(name: "mcp-bench-http", targets: ["MCPBenchmarkHTTP"]),
        .executable(name: "mcp-bench-stdio", targets: ["MCPBenchmarkStdio"]),
        .executable(name: "mcp-conformance-client", targets: ["MCPConformanceClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // JSON values, JSON-RPC messages, every MCP type, errors, the Transport protocol and
        // the in-memory transport. No dependency heavier than swift-collections.
        .target(
            name: "MCPCore",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSwift6
        ),
        // ClientSession (the protocol over any transport) and the high-level Client, which checks
        // tool results against their output schemas.
        .target(name: "MCPClient", dependencies: ["MCPCore", "MCPJSONSchema"], swiftSettings: strictSwift6),
        // A small in-process MCP server for tests, demos and embedding.
        .target(name: "MCPServer", dependencies: ["MCPCore"], swiftSettings: strictSwift6),
        // The stdio transport: launching server processes, and serving over our own stdin/stdout.
        .target(name: "CMCPStdio"),
        .target(name: "MCPStdio", dependencies: ["MCPCore", "CMCPStdio"], swiftSettings: strictSwift6),
        // Streamable HTTP (with resumption), the 2024-11-05 HTTP+SSE transport, and automatic
        // fallback between them; on AsyncHTTPClient, which stdio-only users never build.
        .target(
            name: "MCPHTTP",
            dependencies: [
                "MCPCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift6
        ),
        // MCP over WebSocket (subprotocol "mcp").
        .target(
            name: "MCPWebSocket",
            dependencies: [
                "MCPCore",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSwift6
        ),
        // The `mcpServers` configuration file and transport inference: every transport by name.
        .target(
            name: "MCPConfiguration",
            dependencies: [
                "MCPClient", "MCPStdio", "MCPHTTP", "MCPWebSocket",
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSwift6
        ),
        // OAuth 2.1 authorization for HTTP servers: discovery, PKCE, registration, tokens and
        // their storage, and the hook that authorizes the HTTP transports' requests.
        .target(
            name: "MCPAuth",
            dependencies: [
                "MCPCore", "MCPHTTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSwift6
        ),
        // JSON Schema 2020-12 (and draft-07) validation.
        .target(name: "MCPJSONSchema", dependencies: ["MCPCore"], swiftSettings: strictSwift6),

        // The demo server behind `mcp demo`, the benchmarks and many tests.
        .target(name: "MCPDemo", dependencies: ["MCPServer"], swiftSettings: strictSwift6),
        // The `mcp` command line.
        .executableTarget(
            name: "MCPCommandLine",
            dependencies: ["MCPClient", "MCPStdio", "MCPHTTP", "MCPConfiguration", "MCPAuth", "MCPDemo", .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/mcp",
            swiftSettings: strictSwift6
        ),
        // The benchmark: this client against the machine's limit (`swift run -c release mcp-bench`).
        .executableTarget(
            name: "MCPBenchmark",
            dependencies: ["MCPClient", "MCPStdio", "MCPServer", "MCPDemo", "MCPJSONSchema", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/mcp-bench",
            swiftSettings: strictSwift6
        ),
        // The HTTP half of the benchmark, which `mcp-bench` runs (and builds if it is missing): its
        // own executable, not a dependency, because linking AsyncHTTPClient and NIO into
        // `mcp-bench` adds some 3 MB to the resident size it reports for the stdio client.
        .executableTarget(
            name: "MCPBenchmarkHTTP",
            dependencies: ["MCPClient", "MCPHTTP", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/mcp-bench-http",
            swiftSettings: strictSwift6
        ),
        // The stdio half of the benchmark, which `mcp-bench` runs (and builds if it is missing): a
        // process linking only what a stdio client links, so the resident size it reports is the
        // client's, not the benchmark harness's (its server, schema benchmarks, argument parser).
        .executableTarget(
            name: "MCPBenchmarkStdio",
            dependencies: ["MCPClient", "MCPStdio"],
            path: "Sources/mcp-bench-stdio",
            swiftSettings: strictSwift6
        ),
        // The client the MCP conformance suite drives (`MCP_CONFORMANCE_SCENARIO`, server URL last).
        .executableTarget(
            name: "MCPConformanceClient",
            dependencies: ["MCPClient", "MCPHTTP"],
            path: "Sources/mcp-conformance-client",
            swiftSettings: strictSwift6
        ),

        // What the test targets that start processes and servers share (not a product).
        .target(name: "MCPTestSupport", path: "Tests/MCPTestSupport", swiftSettings: strictSwift6),

        .testTarget(name: "MCPCoreTests", dependencies: ["MCPCore"], swiftSettings: strictSwift6),
        // MCPServer in both protocol eras, over in-memory connections: the JSON-RPC wire (checked
        // against the official schemas) and the Client on top.
        .testTarget(
            name: "MCPServerTests",
            dependencies: ["MCPServer", "MCPClient", "MCPDemo", "MCPJSONSchema"],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "MCPClientTests",
            dependencies: ["MCPClient", "MCPServer", "MCPDemo", "MCPJSONSchema"],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "MCPStdioTests",
            dependencies: ["MCPStdio", "MCPClient", "MCPServer", "MCPDemo"],
            swiftSettings: strictSwift6
        ),
        .testTarget(name: "MCPHTTPTests", dependencies: ["MCPTestSupport", "MCPHTTP", "MCPClient", "MCPServer", "MCPDemo"], swiftSettings: strictSwift6),
        .testTarget(
            name: "MCPConfigurationTests",
            dependencies: ["MCPTestSupport", "MCPConfiguration", "MCPClient", "MCPHTTP", "MCPServer", "MCPDemo"],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "MCPCommandLineTests",
            dependencies: ["MCPTestSupport", "MCPCommandLine", "MCPCore", "MCPDemo"],
            swiftSettings: strictSwift6
        ),
        .testTarget(name: "MCPWebSocketTests", dependencies: ["MCPTestSupport", "MCPWebSocket", "MCPClient"], swiftSettings: strictSwift6),
        .testTarget(
            name: "MCPAuthTests",
            dependencies: [
                "MCPTestSupport",
                "MCPAuth", "MCPHTTP", "MCPClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSwift6
        ),
        // The conformance client against mock servers reproducing the suite's client scenarios.
        .testTarget(
            name: "MCPConformanceTests",
            dependencies: ["MCPTestSupport", "MCPConformanceClient", "MCPCore"],
            swiftSettings: strictSwift6
        ),
        .testTarget(name: "MCPJSONSchemaTests", dependencies: ["MCPJSONSchema"], swiftSettings: strictSwift6),
        // Faults over stdio and HTTP: crashes, garbage, huge and slow messages, dropped streams.
        .testTarget(
            name: "MCPFaultInjectionTests",
            dependencies: ["MCPTestSupport", "MCPClient", "MCPStdio", "MCPHTTP"],
            swiftSettings: strictSwift6
        ),
    ]
)
