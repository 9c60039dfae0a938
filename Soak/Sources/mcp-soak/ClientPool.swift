import MCPClient
import MCPCore
import MCPDemo
import MCPHTTP
import MCPStdio
import Synchronization

/// A kind of server the soak talks to.
enum Endpoint: Sendable, CustomStringConvertible {
    case demoStdio(mcp: String)
    case demoInProcess
    case chaosStdio(python: String, script: String)
    case chaosHTTP(url: String)

    var kind: Kind {
        switch self {
        case .demoStdio: .demoStdio
        case .demoInProcess: .demoInProcess
        case .chaosStdio: .chaosStdio
        case .chaosHTTP: .chaosHTTP
        }
    }

    enum Kind: String, Sendable { case demoStdio, demoInProcess, chaosStdio, chaosHTTP }

    var description: String { kind.rawValue }

    /// A new client connected to this endpoint.
    func connect() async throws -> Client {
        var configuration = Client.Configuration()
        configuration.clientInfo = Implementation(name: "mcp-soak", version: "1")
        configuration.requestTimeout = .seconds(10)
        let client = Client(configuration: configuration)
        switch self {
        case .demoStdio(let mcp):
            try await client.connect(StdioTransport(StdioServerParameters(
                command: mcp, arguments: ["demo-server"], stderr: .discard,
                stdinCloseGracePeriod: .milliseconds(500), terminateGracePeriod: .milliseconds(500)
            )))
        case .demoInProcess:
            try await client.connect(to: DemoServer.make())
        case .chaosStdio(let python, let script):
            try await client.connect(StdioTransport(StdioServerParameters(
                command: python, arguments: ["-B", "-u", script], stderr: .discard,
                stdinCloseGracePeriod: .milliseconds(500), terminateGracePeriod: .milliseconds(500)
            )))
        case .chaosHTTP(let url):
            let configuration = HTTPTransportConfiguration(
                reconnection: ReconnectionPolicy(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(200), maximumAttempts: 5),
                proxy: .none
            )
            try await client.connect(StreamableHTTPTransport(url: url, configuration: configuration))
        }
        return client
    }
}

/// The connected clients the callers share; a slot's client is replaced now and then.
final class ClientPool: Sendable {
    private let endpoints: [Endpoint]
    private let clients: Mutex<[Client?]>

    init(endpoints: [Endpoint]) {
        self.endpoints = endpoints
        clients = Mutex(Array(repeating: nil, count: endpoints.count))
    }

    var count: Int { endpoints.count }

    func connectAll() async throws {
        for (index, endpoint) in endpoints.enumerated() {
            let client = try await endpoint.connect()
            clients.withLock { $0[index] = client }
        }
    }

    func client(at index: Int) -> (Client, Endpoint.Kind)? {
        clients.withLock { $0[index] }.map { ($0, endpoints[index].kind) }
    }

    /// Closes the client in `index` (failing its calls in flight, with typed errors) and puts a
    /// new one in its place.
    func reconnect(_ index: Int, tally: Tally) async {
        let old = clients.withLock { clients -> Client? in
            defer { clients[index] = nil }
            return clients[index]
        }
        await old?.close()
        do {
            let client = try await endpoints[index].connect()
            clients.withLock { $0[index] = client }
            tally.reconnected()
        } catch {
            tally.failure("reconnecting to \(endpoints[index]) failed: \(error)")
        }
    }

    /// Whether one call on each client succeeds.
    func checkHealth() async -> Bool {
        var healthy = true
        for index in 0..<count {
            guard let (client, _) = client(at: index) else {
                healthy = false
                continue
            }
            do {
                try await client.ping()
            } catch {
                print("health check of \(endpoints[index]) failed: \(error)")
                healthy = false
            }
        }
        return healthy
    }

    func closeAll() async {
        let all = clients.withLock { clients -> [Client?] in
            defer { clients = Array(repeating: nil, count: clients.count) }
            return clients
        }
        for client in all { await client?.close() }
    }
}
