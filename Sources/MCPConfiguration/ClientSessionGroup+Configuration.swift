public import MCPClient
public import MCPStdio

extension ClientSessionGroup {
    /// Adds and connects every server of a configuration file, concurrently.
    ///
    /// - Parameters:
    ///   - reconnectsStdioServers: Whether launched (stdio) servers are restarted and reconnected
    ///     when they die.
    @discardableResult
    public func connect(
        _ file: ConfigurationFile,
        options: ServerTarget.ConnectionOptions = .init(stderr: .discard),
        reconnectsStdioServers: Bool = true
    ) async -> [ServerHealth] {
        await withTaskGroup(of: ServerHealth.self) { group in
            for server in file.servers {
                let target = server.target
                var reconnects = false
                if case .stdio = target { reconnects = reconnectsStdioServers }
                group.addTask {
                    await self.connect(name: server.name, reconnects: reconnects) { try target.makeTransport(options: options) }
                }
            }
            var results: [ServerHealth] = []
            for await result in group { results.append(result) }
            let order = file.servers.map(\.name)
            return results.sorted { (order.firstIndex(of: $0.name) ?? 0) < (order.firstIndex(of: $1.name) ?? 0) }
        }
    }
}
