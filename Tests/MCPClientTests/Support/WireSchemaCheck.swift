import Foundation
import MCPCore
import MCPJSONSchema
import Synchronization

/// Validates every outbound message against the official JSON schema of the protocol version in
/// use (`../shared/spec/VERSION/schema.json`): the JSON-RPC envelope, then the definition of the
/// specific request or notification (found by its `method` constant), or, for a response to a
/// server request, the result definition of that request.
///
/// Installed as the default ``RecordingTransport/outboundCheck``, so every message the client
/// emits during the client test suite is validated; a violation fails the test that caused it.
enum WireSchemaCheck {
    /// The versions whose schemas are shipped in the shared fixtures.
    static let versions: Set<String> = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"]

    /// The check: the JSON-RPC shape rules, then the official schema of `version`.
    static func check(_ message: JSONRPCMessage, version: ProtocolVersion?, methodOfAnsweredRequest: String?) -> [String] {
        var problems = OutboundChecks.jsonRPCShape(message, version: version, methodOfAnsweredRequest: methodOfAnsweredRequest)
        // Before anything names a version, the client offers the newest legacy one.
        let name = version?.rawValue ?? "2025-11-25"
        // A test of an unsupported version has no official schema to check against.
        guard versions.contains(name) else { return problems }
        let loaded: VersionSchema
        do {
            loaded = try schema(for: name)
        } catch {
            return problems + ["the \(name) schema could not be loaded: \(error)"]
        }
        problems += loaded.problems(in: message, methodOfAnsweredRequest: methodOfAnsweredRequest)
        return problems
    }

    // MARK: Loaded schemas

    /// One version's compiled schema and what it defines.
    struct VersionSchema: Sendable {
        let version: String
        let schema: JSONSchema
        /// `#/definitions/` (draft-07 schemas) or `#/$defs/` (2020-12 schemas).
        let prefix: String
        let definitions: Set<String>
        /// Method → the definition of the request or notification with that method constant.
        let byMethod: [String: String]

        /// The result definition answering a server request, by the request's method.
        static let resultOfServerRequest: [String: String] = [
            "ping": "EmptyResult",
            "sampling/createMessage": "CreateMessageResult",
            "elicitation/create": "ElicitResult",
            "roots/list": "ListRootsResult",
            "tasks/get": "GetTaskResult",
            "tasks/result": "GetTaskPayloadResult",
            "tasks/list": "ListTasksResult",
            "tasks/cancel": "CancelTaskResult",
        ]

        func problems(in message: JSONRPCMessage, methodOfAnsweredRequest: String?) -> [String] {
            let json = message.jsonValue
            var problems: [String] = []
            func validate(_ value: JSONValue, _ definition: String, _ what: String) {
                guard definitions.contains(definition) else { return }
                do {
                    let result = try schema.validate(value, against: prefix + definition)
                    for error in result.errors {
                        problems.append("\(version) \(definition): \(what)\(error.instanceLocation) fails \(error.keyword): \(error.message)")
                    }
                } catch {
                    problems.append("\(version) \(definition): could not validate: \(error)")
                }
            }
            func first(_ names: String...) -> String { names.first(where: definitions.contains) ?? names[0] }
            switch message {
            case .request(let request):
                validate(json, "JSONRPCRequest", "message")
                if let definition = byMethod[request.method] { validate(json, definition, "message") }
            case .notification(let notification):
                validate(json, "JSONRPCNotification", "message")
                if let definition = byMethod[notification.method] { validate(json, definition, "message") }
            case .response:
                validate(json, first("JSONRPCResultResponse", "JSONRPCResponse"), "message")
                if let method = methodOfAnsweredRequest, let result = json["result"] {
                    validate(result, Self.resultOfServerRequest[method] ?? "Result", "result")
                }
            case .errorResponse:
                validate(json, first("JSONRPCErrorResponse", "JSONRPCError"), "message")
            }
            return problems
        }
    }

    private static let loaded = Mutex<[String: VersionSchema]>([:])

    /// The compiled schema of `version`, compiled once per test process.
    static func schema(for version: String) throws -> VersionSchema {
        if let cached = loaded.withLock({ $0[version] }) { return cached }
        let file = sharedDirectory.appendingPathComponent("spec/\(version)/schema.json")
        let document = try JSONValue(parsing: Array(try Data(contentsOf: file)))
        let schema = try JSONSchema(document)
        let key = document["$defs"] != nil ? "$defs" : "definitions"
        let members = document[key]?.objectValue ?? [:]
        var byMethod: [String: String] = [:]
        // Unions (ClientRequest, ServerNotification, …) also pin some methods; the specific
        // definition is the one to check against.
        let unions: Set<String> = ["ClientRequest", "ClientNotification", "ClientResult", "ServerRequest", "ServerNotification", "ServerResult"]
        for (name, definition) in members where !unions.contains(name) {
            if let method = definition["properties"]?["method"]?["const"]?.stringValue { byMethod[method] = name }
        }
        let entry = VersionSchema(version: version, schema: schema, prefix: "#/\(key)/", definitions: Set(members.keys), byMethod: byMethod)
        loaded.withLock { $0[version] = entry }
        return entry
    }

    /// `$MCP_SHARED_DIR`, else `../shared` beside the package root.
    static var sharedDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["MCP_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared", isDirectory: true).standardizedFileURL
    }
}
