#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MCPCore
import NIOHTTP1

/// The 2026-07-28 request metadata headers: `MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`,
/// and the `Mcp-Param-{Name}` headers that tools ask for with `x-mcp-header` in their input
/// schemas, so that intermediaries can route without reading bodies.
enum RequestMetadataHeaders {
    /// The headers for a stateless request (one whose `_meta` names its protocol version), or
    /// `nil` for a handshake-era message.
    static func headers(for request: JSONRPCRequest, toolParameters: [String: [ToolHeaderParameter]]) -> HTTPHeaders? {
        guard let params = request.params,
            let version = params["_meta"]?[MetaKeys.protocolVersion]?.stringValue
        else { return nil }
        var headers: HTTPHeaders = [:]
        headers.add(name: "MCP-Protocol-Version", value: version)
        headers.add(name: "Mcp-Method", value: request.method)
        switch request.method {
        case "tools/call", "prompts/get":
            if let name = params["name"]?.stringValue { headers.add(name: "Mcp-Name", value: encode(name)) }
        case "resources/read":
            if let uri = params["uri"]?.stringValue { headers.add(name: "Mcp-Name", value: encode(uri)) }
        case let method where TasksExtension.taskMethods.contains(method):
            // The tasks extension routes a task's requests by its id, to the instance holding it.
            if let taskID = params["taskId"]?.stringValue { headers.add(name: "Mcp-Name", value: encode(taskID)) }
        default:
            break
        }
        if request.method == "tools/call", let name = params["name"]?.stringValue, let parameters = toolParameters[name] {
            let arguments = params["arguments"] ?? .null
            for parameter in parameters {
                if let value = parameter.value(in: arguments) { headers.add(name: "Mcp-Param-\(parameter.headerName)", value: value) }
            }
        }
        return headers
    }

    /// A header value as is when it is plain visible ASCII (spaces inside allowed), else the
    /// Base64 sentinel form `=?base64?…?=` of its UTF-8 bytes; a plain value that looks like the
    /// sentinel is encoded too, so it cannot be mistaken for one.
    static func encode(_ value: String) -> String {
        let bytes = Array(value.utf8)
        let plain = bytes.allSatisfy { $0 == 0x09 || (0x20...0x7E).contains($0) }
            && bytes.first.map { $0 != 0x20 && $0 != 0x09 } ?? true
            && bytes.last.map { $0 != 0x20 && $0 != 0x09 } ?? true
            && !(value.hasPrefix("=?base64?") && value.hasSuffix("?="))
        return plain ? value : "=?base64?" + Base64.encode(bytes) + "?="
    }
}

/// One input parameter a tool asks to see mirrored into an `Mcp-Param-{Name}` header.
struct ToolHeaderParameter: Sendable, Hashable {
    /// The `{Name}` part.
    var headerName: String
    /// The chain of `properties` keys from the schema root to the parameter.
    var path: [String]

    /// The header value for these arguments: strings as they are (or sentinel-encoded), integers
    /// in decimal, booleans as `true`/`false`; `nil` (no header) when the value is absent, null,
    /// or of another type.
    func value(in arguments: JSONValue) -> String? {
        var current = arguments
        for key in path {
            guard let next = current[key] else { return nil }
            current = next
        }
        switch current {
        case .string(let text): return RequestMetadataHeaders.encode(text)
        case .int(let number): return String(number)
        case .double(let number) where number.rounded() == number && abs(number) <= 9_007_199_254_740_991: return String(Int64(number))
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// The parameters a tool's input schema designates, or why the designation is invalid (then
    /// the tool must not be offered over HTTP).
    static func parameters(of inputSchema: JSONValue) -> Result<[ToolHeaderParameter], InvalidDesignation> {
        var found: [ToolHeaderParameter] = []
        var problem: String?
        // Every `x-mcp-header` anywhere in the schema; only those on a pure `properties` chain
        // from the root, on a primitive parameter, are valid.
        func walk(_ node: JSONValue, path: [String]?, location: String) {
            guard problem == nil else { return }
            switch node {
            case .object(let object):
                if let designation = object["x-mcp-header"] {
                    guard let path, !path.isEmpty else {
                        problem = "x-mcp-header at \(location.isEmpty ? "the schema root" : location) is not on a property reachable through \"properties\" alone"
                        return
                    }
                    guard case .string(let name) = designation, !name.isEmpty, name.utf8.allSatisfy(isTokenCharacter) else {
                        problem = "x-mcp-header at \(location) is not a valid header name token: \(designation.jsonString())"
                        return
                    }
                    guard isPrimitive(object["type"]) else {
                        problem = "x-mcp-header at \(location) is on a parameter whose type is not string, integer or boolean"
                        return
                    }
                    if found.contains(where: { $0.headerName.lowercased() == name.lowercased() }) {
                        problem = "x-mcp-header \"\(name)\" is used twice (names are compared case-insensitively)"
                        return
                    }
                    found.append(ToolHeaderParameter(headerName: name, path: path))
                }
                for (key, value) in object where key != "x-mcp-header" {
                    if key == "properties", let path, case .object(let properties) = value {
                        for (property, schema) in properties {
                            walk(schema, path: path + [property], location: location + "/properties/" + property)
                        }
                    } else {
                        walk(value, path: nil, location: location + "/" + key)
                    }
                }
            case .array(let items):
                for (index, item) in items.enumerated() { walk(item, path: nil, location: location + "/\(index)") }
            default:
                break
            }
        }
        walk(inputSchema, path: [], location: "")
        if let problem { return .failure(InvalidDesignation(reason: problem)) }
        return .success(found)
    }

    struct InvalidDesignation: Error, Sendable {
        var reason: String
    }

    /// RFC 9110 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private static func isPrimitive(_ type: JSONValue?) -> Bool {
        let allowed: Set<String> = ["string", "integer", "boolean"]
        switch type {
        case .string(let name)?: return allowed.contains(name)
        case .array(let names)?:
            let strings = names.compactMap(\.stringValue).filter { $0 != "null" }
            return strings.count == 1 && names.count <= 2 && allowed.contains(strings[0])
        default: return false
        }
    }
}
