import Foundation
import MCPCore
import Testing

/// Where the shared fixtures live, and helpers to read them.
enum SharedFixtures {
    /// `$MCP_SHARED_DIR`, else `../shared` beside the package root (two levels above this file's folder).
    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["MCP_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.appendingPathComponent("../shared", isDirectory: true).standardizedFileURL
    }

    /// The shared folder's `relativePath`, or a thrown error that names what is missing.
    static func url(_ relativePath: String) throws -> URL {
        let url = directory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FixtureError(
                "missing \(url.path): the shared fixtures are not where expected "
                    + "(set MCP_SHARED_DIR to the folder that holds json-schema-test-suite/ and spec/)"
            )
        }
        return url
    }

    /// The JSON files under `directory` (recursively when asked), sorted by path.
    static func jsonFiles(in directory: URL, recursive: Bool) throws -> [URL] {
        let keys: [URLResourceKey] = [.isRegularFileKey]
        var files: [URL] = []
        if recursive {
            guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: keys) else {
                throw FixtureError("cannot list \(directory.path)")
            }
            for case let url as URL in enumerator where url.pathExtension == "json" { files.append(url) }
        } else {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: keys)
                .filter { $0.pathExtension == "json" }
        }
        return files.sorted { $0.path < $1.path }
    }

    static func json(at url: URL) throws -> JSONValue {
        try JSONValue(parsing: Data(contentsOf: url))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
