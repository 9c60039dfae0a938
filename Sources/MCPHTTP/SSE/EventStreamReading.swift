import AsyncHTTPClient
import MCPCore
import NIOCore

extension HTTPClientResponse {
    /// Whether the response is an event stream.
    var isEventStream: Bool {
        headers.first(name: "Content-Type")?.lowercased().hasPrefix("text/event-stream") ?? false
    }

    /// Reads the body as an event stream, handing each event to `handle` as it completes.
    /// Returns normally when the server ends the stream; throws if the connection breaks or an
    /// event exceeds `maximumEventSize`.
    func readEvents(
        parser: inout ServerSentEventParser,
        maximumEventSize: Int,
        _ handle: (ServerSentEvent) async throws -> Void
    ) async throws {
        var pending = 0
        for try await buffer in body {
            pending += buffer.readableBytes
            let events = buffer.withUnsafeReadableBytes { parser.feed(UnsafeBufferPointer(start: $0.baseAddress?.assumingMemoryBound(to: UInt8.self), count: $0.count)) }
            if events.isEmpty {
                if pending > maximumEventSize {
                    throw TransportError(.messageTooLarge, "an event exceeded the \(maximumEventSize)-byte limit")
                }
                continue
            }
            pending = 0
            for event in events { try await handle(event) }
        }
        parser.finish()
    }

    /// Reads the whole body, up to `limit` bytes.
    func collectBody(limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch let error as NIOTooManyBytesError {
            throw TransportError(.messageTooLarge, "the response body exceeded the \(limit)-byte limit", underlyingError: error)
        } catch {
            // A body cut short (the server closed the connection mid-response) is a transport
            // failure like any other, not a raw NIO/AsyncHTTPClient error.
            if Task.isCancelled { throw error }
            throw TransportError(.ioFailed, "the response broke off before its end (\(error))", underlyingError: error)
        }
    }
}

extension Array where Element == Result<JSONRPCMessage, InvalidMessageError> {
    /// The frame's messages as transport events.
    var transportEvents: [TransportEvent] {
        map { result in
            switch result {
            case .success(let message): return .message(message)
            case .failure(let error): return .invalidMessage(error)
            }
        }
    }
}
