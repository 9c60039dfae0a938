#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import MCPCore
import CMCPStdio
import Synchronization

/// Serves MCP over this process's own stdin and stdout, so an `MCPServer` can run as a real
/// server process that any MCP client launches.
///
/// ```swift
/// try await DemoServer.make().serve(StdioServerTransport())
/// ```
///
/// Nothing else in the process may write to stdout while it serves; log to stderr instead.
public final class StdioServerTransport: Transport {
    private struct State {
        var started = false
        var closed = false
    }

    private let input: Int32
    private let writer: PipeWriter
    private let maximumMessageSize: Int
    private let state = Mutex(State())
    private let inbound: AsyncThrowingStream<TransportEvent, any Error>
    private let continuation: AsyncThrowingStream<TransportEvent, any Error>.Continuation

    /// Serves over this process's stdin (0) and stdout (1), or the given descriptors, which it
    /// then owns.
    public init(input: Int32 = 0, output: Int32 = 1, maximumMessageSize: Int = 256 << 20) {
        mcp_ignore_sigpipe()
        self.input = input
        self.writer = PipeWriter(fd: output)
        self.maximumMessageSize = maximumMessageSize
        (inbound, continuation) = AsyncThrowingStream.makeStream(of: TransportEvent.self)
    }

    public func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error> {
        try state.withLock { state in
            guard !state.started else { throw TransportError(.connectionFailed, "a stdio transport connects once") }
            state.started = true
        }
        let continuation = self.continuation
        let input = self.input
        let limit = maximumMessageSize
        try startThread(name: "mcp-stdio-in") {
            let failure = readFrames(from: input, maximumFrameLength: limit, peer: "client") { continuation.yield($0) }
            // A descriptor given to us is ours (see init) and nothing reads it after this. The
            // process's own stdin stays open, so that no later open() lands on descriptor 0.
            if input > 2 { _ = systemClose(input) }
            continuation.finish(throwing: failure)
        }
        return inbound
    }

    public func send(_ message: JSONRPCMessage) async throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        message.writeJSON(to: &bytes)
        bytes.append(0x0A)
        try await writer.write(bytes)
    }

    /// Closes stdout (the client sees end of file) and ends the inbound stream.
    public func close() async {
        let first = state.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        writer.close()
        continuation.finish()
    }
}
