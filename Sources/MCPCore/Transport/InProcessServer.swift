/// A server that can serve a connection in this process, such as `MCPServer`.
///
/// `Client.connect(to:)` uses it to connect to a server through an ``InMemoryTransport`` pair.
public protocol InProcessServer: Sendable {
    /// Serves one client over `transport` until the transport closes.
    func serve(_ transport: any Transport) async throws
}
