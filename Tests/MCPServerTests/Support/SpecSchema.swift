import Foundation
import MCPCore
import MCPJSONSchema
import Synchronization
import Testing

/// The official JSON schemas (`$MCP_SHARED_DIR/spec/VERSION/schema.json`, else `../shared`
/// beside the package), to check what the server sends.
enum SpecSchema {
    private static let loaded = Mutex<[String: (JSONSchema, String)]>([:])

    /// Records an issue for every way `value` fails the definition `name` of `version`.
    static func expectValid(
        _ value: JSONValue,
        _ name: String,
        version: String = "2026-07-28",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (schema, prefix) = try load(version)
        let result = try schema.validate(value, against: prefix + name)
        for error in result.errors {
            Issue.record("\(version) \(name): \(error.instanceLocation) fails \(error.keyword): \(error.message) in \(value.jsonString())", sourceLocation: sourceLocation)
        }
    }

    /// Checks a whole message: a response as `JSONRPCResultResponse` plus `resultDefinition`
    /// for its result, an error as `definition`, a notification as its own definition.
    static func expectValid(message: JSONRPCMessage, _ definition: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let json = message.jsonValue
        switch message {
        case .response(let response):
            try expectValid(json, "JSONRPCResultResponse", sourceLocation: sourceLocation)
            try expectValid(response.result, definition, sourceLocation: sourceLocation)
        default:
            try expectValid(json, definition, sourceLocation: sourceLocation)
        }
    }

    private static func load(_ version: String) throws -> (JSONSchema, String) {
        if let cached = loaded.withLock({ $0[version] }) { return cached }
        let file = sharedDirectory.appendingPathComponent("spec/\(version)/schema.json")
        let document = try JSONValue(parsing: Array(try Data(contentsOf: file)))
        let entry = (try JSONSchema(document), document["$defs"] != nil ? "#/$defs/" : "#/definitions/")
        loaded.withLock { $0[version] = entry }
        return entry
    }

    private static var sharedDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["MCP_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared", isDirectory: true).standardizedFileURL
    }
}
