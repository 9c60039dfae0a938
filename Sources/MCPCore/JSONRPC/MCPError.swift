/// An error that crosses the wire: the `error` member of a JSON-RPC error response.
///
/// A server answers a request with an `MCPError` when it cannot fulfil it (unknown tool,
/// invalid arguments, …); ``MCPServer`` handlers throw one to answer with it. Failures that
/// happen on this side of the connection (timeouts, a closed connection) are never an
/// `MCPError`: the client reports them as `ClientError`.
public struct MCPError: Error, Sendable, Hashable {
    /// The error code.
    public var code: ErrorCode
    /// A short description.
    public var message: String
    /// Additional information defined by the sender.
    public var data: JSONValue?

    /// Creates an error.
    public init(code: ErrorCode, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }
}

extension MCPError {
    /// `-32700`: the message was not valid JSON.
    public static func parseError(_ message: String = "Parse error", data: JSONValue? = nil) -> MCPError {
        MCPError(code: .parseError, message: message, data: data)
    }

    /// `-32600`: the message was not a valid JSON-RPC request.
    public static func invalidRequest(_ message: String = "Invalid request", data: JSONValue? = nil) -> MCPError {
        MCPError(code: .invalidRequest, message: message, data: data)
    }

    /// `-32601`: the method does not exist or is not offered.
    public static func methodNotFound(_ method: String) -> MCPError {
        MCPError(code: .methodNotFound, message: "Method not found: \(method)")
    }

    /// `-32602`: the parameters were invalid.
    public static func invalidParams(_ message: String, data: JSONValue? = nil) -> MCPError {
        MCPError(code: .invalidParams, message: message, data: data)
    }

    /// `-32603`: the receiver failed unexpectedly.
    public static func internalError(_ message: String = "Internal error", data: JSONValue? = nil) -> MCPError {
        MCPError(code: .internalError, message: message, data: data)
    }
}

extension MCPError {
    /// Whether this error says a resource does not exist: `-32602` (invalid params) naming the
    /// `uri` in its data, as the 2026-07-28 specification has it, or the `-32002` that earlier
    /// servers use.
    public var isResourceNotFound: Bool {
        code == .resourceNotFound || (code == .invalidParams && data?["uri"] != nil)
    }
}

extension MCPError: CustomStringConvertible {
    public var description: String {
        var text = "MCP error \(code.rawValue): \(message)"
        if let data { text += " (data: \(data.jsonString()))" }
        return text
    }
}

extension MCPError: Codable {
    enum CodingKeys: String, CodingKey { case code, message, data }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = ErrorCode(rawValue: try container.decode(Int.self, forKey: .code))
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
        data = try container.decodeIfPresent(JSONValue.self, forKey: .data)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code.rawValue, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(data, forKey: .data)
    }
}

/// A JSON-RPC error code. Open-ended: any integer is a valid code; the well-known ones have names.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, ExpressibleByIntegerLiteral {
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(integerLiteral value: Int) { self.rawValue = value }

    /// `-32700`: invalid JSON was received.
    public static let parseError: ErrorCode = -32700
    /// `-32600`: the JSON sent is not a valid request object.
    public static let invalidRequest: ErrorCode = -32600
    /// `-32601`: the method does not exist or is not available.
    public static let methodNotFound: ErrorCode = -32601
    /// `-32602`: invalid method parameters.
    public static let invalidParams: ErrorCode = -32602
    /// `-32603`: internal error.
    public static let internalError: ErrorCode = -32603
    /// `-32002`: the requested resource does not exist (a convention of MCP servers).
    public static let resourceNotFound: ErrorCode = -32002
    /// `-32042`: the server needs the user to complete URL-mode elicitations first (2025-11-25).
    public static let urlElicitationRequired: ErrorCode = -32042
    /// `-32020`: HTTP headers did not match the request body (2026-07-28).
    public static let headerMismatch: ErrorCode = -32020
    /// `-32021`: the request needs a client capability that was not declared (2026-07-28).
    public static let missingRequiredClientCapability: ErrorCode = -32021
    /// `-32022`: the server does not support the requested protocol version (2026-07-28).
    public static let unsupportedProtocolVersion: ErrorCode = -32022

    /// Whether the code is in the range JSON-RPC reserves for implementation-defined server errors.
    public var isServerErrorRange: Bool { (-32099)...(-32000) ~= rawValue }
}

extension ErrorCode: CustomStringConvertible {
    public var description: String { String(rawValue) }
}
