public import MCPCore

/// A tool call that the server completed with `isError: true`: the tool itself failed.
///
/// Thrown by the conveniences that treat a failed tool as an error
/// (``CallToolResult/throwingIfError(toolName:)``, ``Client/callTool(_:arguments:as:options:)``);
/// ``Client/callTool(_:arguments:options:)`` returns such results instead.
public struct ToolError: Error, Sendable, CustomStringConvertible {
    /// The tool that failed.
    public var toolName: String
    /// The complete result, with the content describing the failure.
    public var result: CallToolResult

    /// Creates a tool error.
    public init(toolName: String, result: CallToolResult) {
        self.toolName = toolName
        self.result = result
    }

    /// The failure as the tool described it: its text content.
    public var message: String {
        let text = result.text
        return text.isEmpty ? "the tool reported an error" : text
    }

    public var description: String { "tool \(toolName) failed: \(message)" }
}

extension CallToolResult {
    /// This result, or a ``ToolError`` if the tool reported failure (`isError`).
    public func throwingIfError(toolName: String) throws -> CallToolResult {
        if isError == true { throw ToolError(toolName: toolName, result: self) }
        return self
    }

    /// Decodes the structured result as `type`.
    ///
    /// Without `structuredContent`, a result whose only content is one text block holding JSON
    /// is decoded from that text (servers that predate structured output return JSON that way).
    ///
    /// - Throws: ``ClientError`` with code ``ClientError/Code-swift.struct/invalidResponse`` naming
    ///   the offending path if the value does not decode.
    public func decodeStructuredContent<Output: Decodable>(as type: Output.Type = Output.self) throws -> Output {
        let value: JSONValue
        if let structuredContent {
            value = structuredContent
        } else if content.count == 1, let text = content[0].text, let parsed = try? JSONValue(parsing: text) {
            value = parsed
        } else {
            throw ClientError(.invalidResponse, "the tool result has no structured content to decode as \(Output.self)")
        }
        do {
            return try value.decode(Output.self)
        } catch let error as DecodingError {
            throw ClientError(
                .invalidResponse,
                "the structured content could not be read as \(Output.self): \(error.pathDescription)",
                method: CallToolRequestParams.method,
                underlyingError: error
            )
        }
    }
}
