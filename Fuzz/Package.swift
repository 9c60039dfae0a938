// swift-tools-version:6.1
// Fuzz targets for the parsers that read untrusted bytes (see scripts/fuzz and RELIABILITY.md).
//
// A package of its own so that the main package's build and tests never see libFuzzer: each
// target is an executable whose `LLVMFuzzerTestOneInput` libFuzzer calls, built only with
// `-sanitize=fuzzer,address`. The line framer, the event-stream parser and the
// `WWW-Authenticate` parser are compiled from the main package's own files (symbolic links),
// which keeps the HTTP stack (NIO, AsyncHTTPClient) out of the fuzz build and lets the fuzzer
// reach the internal `LineFramer` without testable imports. Each target's main.swift hands its
// callback to libFuzzer's driver (CLibFuzzer).
import PackageDescription

let strictSwift6: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// gold cannot link libFuzzer next to SwiftPM's `--defsym main=…` (it crashes); lld can.
let linkWithLLD: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

// A path dependency's identity is its directory's name, which differs between checkouts
// (`main`, a worktree, a CI clone): derive it rather than hard-code it.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "swift-mcp-client"

let package = Package(
    name: "mcp-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "FuzzMessageDecoder",
            dependencies: ["CLibFuzzer", .product(name: "MCPCore", package: root)],
            swiftSettings: strictSwift6,
            linkerSettings: linkWithLLD
        ),
        .executableTarget(name: "FuzzLineFramer", dependencies: ["CLibFuzzer"], swiftSettings: strictSwift6, linkerSettings: linkWithLLD),
        .executableTarget(name: "FuzzSSEParser", dependencies: ["CLibFuzzer"], swiftSettings: strictSwift6, linkerSettings: linkWithLLD),
        .executableTarget(
            name: "FuzzJSONSchema",
            dependencies: ["CLibFuzzer", .product(name: "MCPCore", package: root), .product(name: "MCPJSONSchema", package: root)],
            swiftSettings: strictSwift6,
            linkerSettings: linkWithLLD
        ),
        // The parser's file alone (symbolic link): MCPAuth itself would bring the HTTP stack.
        .executableTarget(name: "FuzzWWWAuthenticate", dependencies: ["CLibFuzzer"], swiftSettings: strictSwift6, linkerSettings: linkWithLLD),
    ]
)
