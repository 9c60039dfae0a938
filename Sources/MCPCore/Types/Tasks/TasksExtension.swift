/// The `io.modelcontextprotocol/tasks` extension of the stateless protocol (2026-07-28): a server
/// may answer `tools/call` with a task instead of the result, when the request's client
/// capabilities list the extension.
public enum TasksExtension {
    /// The extension's identifier, the key under `capabilities.extensions`.
    public static let identifier = "io.modelcontextprotocol/tasks"
    /// The methods whose requests a server may turn into tasks.
    public static let taskCapableMethods: Set<String> = [CallToolRequestParams.method]
    /// The methods that address one task by its `taskId` (their `Mcp-Name` header is the id).
    public static let taskMethods: Set<String> = ["tasks/get", "tasks/update", "tasks/cancel", "tasks/result"]
}
