public import MCPCore
public import MCPJSONSchema
import Synchronization

/// The tools a client has seen in `tools/list` answers, with their schemas compiled once, so that
/// tool calls can be checked against them.
///
/// Filled by every listing (all pages of ``Client/listAllTools(options:)``, or single pages of
/// ``Client/listTools(cursor:options:)``), emptied when the server says its tools changed.
final class ToolCatalog: Sendable {
    /// One tool and its compiled schemas (`nil` when absent or when the server's schema does not
    /// compile: a broken schema cannot be checked, and a call is not refused for it).
    ///
    /// A class: every tool call looks its entry up, and handing out a reference costs one retain
    /// where copying the tool's every member cost one each (and as many releases).
    final class Entry: Sendable {
        let tool: Tool
        let inputSchema: JSONSchema?
        let outputSchema: JSONSchema?

        init(tool: Tool, inputSchema: JSONSchema?, outputSchema: JSONSchema?) {
            self.tool = tool
            self.inputSchema = inputSchema
            self.outputSchema = outputSchema
        }
    }

    private struct State {
        /// `nil` until a complete listing arrived (or after the list changed).
        var complete: Bool = false
        var entries: [String: Entry] = [:]
        /// Bumped on every invalidation, so a listing that started before it is not recorded.
        var generation = 0
    }

    private let state = Mutex(State())

    /// The current generation, to hand back to ``record(_:complete:generation:)``.
    var generation: Int { state.withLock { $0.generation } }

    /// Whether every page has been recorded since the last change.
    var isComplete: Bool { state.withLock { $0.complete } }

    /// The entry for `name`, if the tool has been seen.
    func entry(_ name: String) -> Entry? { state.withLock { $0.entries[name] } }

    /// Records listed tools (all of them when `complete`), unless the list changed meanwhile.
    func record(_ tools: [Tool], complete: Bool, generation: Int) {
        let compiled = tools.map(Self.compile)
        state.withLock { state in
            guard state.generation == generation else { return }
            if complete { state.entries = [:] }
            for entry in compiled { state.entries[entry.tool.name] = entry }
            if complete { state.complete = true }
        }
    }

    /// Forgets everything: the server's tools changed.
    func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.complete = false
            state.entries = [:]
        }
    }

    private static func compile(_ tool: Tool) -> Entry {
        Entry(
            tool: tool,
            inputSchema: try? JSONSchema(.object(tool.inputSchema)),
            outputSchema: tool.outputSchema.flatMap { try? JSONSchema(.object($0)) }
        )
    }
}

/// A tool call whose arguments or result do not match the tool's declared schema.
///
/// Thrown by ``Client/callTool(_:arguments:meta:options:)`` when the structured result fails the
/// tool's `outputSchema` (checked by default, as the specification recommends) or, when
/// ``ClientSession/Configuration/validatesToolArguments`` is on, when the arguments fail its
/// `inputSchema` (then nothing is sent).
public struct ToolSchemaViolation: Error, Sendable, CustomStringConvertible {
    /// Which side of the call broke the schema.
    public enum Side: String, Sendable, Hashable {
        /// The arguments failed the tool's `inputSchema`.
        case arguments
        /// The result's `structuredContent` failed the tool's `outputSchema`, or was missing.
        case result
    }

    /// The tool called.
    public var toolName: String
    /// Which side of the call broke the schema.
    public var side: Side
    /// Each failing location: the path in the instance, the keyword, and what was wrong. Empty
    /// when a result declared by an output schema has no structured content at all.
    public var errors: [JSONSchemaValidationError]
    /// The complete result, for a result violation.
    public var result: CallToolResult?

    /// Creates a violation.
    public init(toolName: String, side: Side, errors: [JSONSchemaValidationError], result: CallToolResult? = nil) {
        self.toolName = toolName
        self.side = side
        self.errors = errors
        self.result = result
    }

    /// The first failing location and keyword, and how many more there are.
    public var description: String {
        let what = side == .arguments ? "the arguments of tool \(toolName) do not" : "the result of tool \(toolName) does not"
        guard let first = errors.first else {
            return "the result of tool \(toolName) has no structured content, but the tool declares an output schema"
        }
        let location = first.instanceLocation.isEmpty ? "the top level" : first.instanceLocation
        let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
        let schema = side == .arguments ? "input" : "output"
        return "\(what) match its \(schema) schema: at \(location), \(first.keyword): \(first.message)\(more)"
    }
}
