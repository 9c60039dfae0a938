import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import MCPCore
import NIOCore
import NIOHTTP1
import Synchronization

/// The Streamable HTTP transport (protocol 2025-03-26 and later): each message is an HTTP POST
/// to the server's MCP endpoint, answered with JSON or with an event stream.
///
/// - Both kinds of answer are handled, streamed as bytes arrive (no buffering of whole event
///   streams, events of any size).
/// - `Mcp-Session-Id` is captured from the `initialize` response and sent on every later request,
///   with `MCP-Protocol-Version`.
/// - After the handshake an optional GET stream carries the server's own requests and
///   notifications (HTTP 405 means the server offers none); requests that arrive on any stream
///   are answered with a POST.
/// - An event stream that breaks before its response is resumed with GET + `Last-Event-ID`, after
///   the server's `retry` delay, with capped exponential backoff and jitter on repeated failures.
///   A dropped connection is not a cancellation.
/// - An expired session (HTTP 404 on a request that carried a session id) is replaced
///   transparently: the handshake is replayed and the request retried once.
/// - ``close()`` ends the session with DELETE (405 tolerated).
public final class StreamableHTTPTransport: Transport {
    /// The MCP endpoint.
    public let url: String
    /// The transport's settings.
    public let configuration: HTTPTransportConfiguration

    struct State {
        var connected = false
        var closed = false
        var sessionID: String?
        var protocolVersion: String?
        /// The `initialize` request as first sent, replayed when the session expires.
        var initializeRequest: JSONRPCRequest?
        var initializedNotification: JSONRPCNotification?
        var streams: [Int: Task<Void, Never>] = [:]
        var nextStream = 0
        /// Which stream carries the response of which request (to cancel by closing it).
        var streamOfRequest: [RequestID: Int] = [:]
        var getStreamRunning = false
        var reinitialization: Task<Void, any Error>?
        var reinitializationCount = 0
        /// Stateless (2026-07-28) requests in flight, cancelled by closing their streams.
        var statelessRequests: Set<RequestID> = []
        /// Stateless `tools/list` requests in flight, whose answers are inspected.
        var pendingToolLists: Set<RequestID> = []
        /// The `x-mcp-header` parameters of every listed tool, by tool name.
        var toolHeaderParameters: [String: [ToolHeaderParameter]] = [:]
        var headerRefreshCount = 0
    }

    let exchange: HTTPExchange
    let state = Mutex(State())
    let inbound: AsyncThrowingStream<TransportEvent, any Error>
    let inboundContinuation: AsyncThrowingStream<TransportEvent, any Error>.Continuation

    /// Creates a transport for the MCP endpoint at `url`.
    public init(url: String, configuration: HTTPTransportConfiguration = .init()) throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https", parsed.host != nil else {
            throw TransportError(.connectionFailed, "not an http(s) URL: \(url)")
        }
        self.url = url
        self.configuration = configuration
        self.exchange = HTTPExchange(url: parsed, configuration: configuration)
        (inbound, inboundContinuation) = AsyncThrowingStream.makeStream(of: TransportEvent.self)
    }

    /// The endpoint's origin (scheme, host and port): the unit the specification says a
    /// client's knowledge of a server's protocol era belongs to.
    public var serverIdentity: String? { HTTPExchange.origin(url) }

    /// Every POST gets an HTTP response.
    public var answersEveryRequest: Bool { true }

    /// The session id the server assigned, if any.
    public var sessionID: String? { state.withLock { $0.sessionID } }

    /// The protocol version in use, once the handshake has been seen.
    public var protocolVersion: String? { state.withLock { $0.protocolVersion } }

    public func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error> {
        try state.withLock { state in
            guard !state.connected else { throw TransportError(.connectionFailed, "an HTTP transport connects once") }
            state.connected = true
        }
        return inbound
    }

    public func send(_ message: JSONRPCMessage) async throws {
        guard !state.withLock({ $0.closed }) else { throw TransportError(.closed, "the HTTP transport is closed") }
        switch message {
        case .request(let request):
            if request.method == "initialize" {
                state.withLock { $0.initializeRequest = request }
            }
            if request.params?["_meta"]?[MetaKeys.protocolVersion] != nil {
                state.withLock { state in
                    state.statelessRequests.insert(request.id)
                    if request.method == "tools/list" { state.pendingToolLists.insert(request.id) }
                }
                defer { _ = state.withLock { $0.statelessRequests.remove(request.id) } }
                try await postStateless(request, refreshesHeadersOnMismatch: true)
                return
            }
            try await post(message, requestID: request.id, mayReinitialize: request.method != "initialize")
        case .notification(let notification)
            where notification.method == "notifications/cancelled"
                && notification.params?["requestId"].flatMap({ try? $0.decode(RequestID.self) }).map({ id in state.withLock { $0.statelessRequests.contains(id) } }) == true:
            // 2026-07-28 over HTTP: closing the response stream is the cancellation.
            if let id = notification.params?["requestId"].flatMap({ try? $0.decode(RequestID.self) }) { _ = closeStream(of: id) }
        case .notification(let notification):
            if notification.method == "notifications/initialized" {
                state.withLock { $0.initializedNotification = notification }
            }
            try await post(message, requestID: nil, mayReinitialize: true)
            if notification.method == "notifications/initialized" {
                await startGetStreamIfNeeded()
            }
        case .response, .errorResponse:
            try await post(message, requestID: nil, mayReinitialize: true)
        }
    }

    public func close() async {
        let (streams, sessionID, version) = state.withLock { state -> ([Task<Void, Never>], String?, String?) in
            guard !state.closed else { return ([], nil, nil) }
            state.closed = true
            defer { state.streams = [:] }
            return (Array(state.streams.values), state.sessionID, state.protocolVersion)
        }
        for stream in streams { stream.cancel() }
        if let sessionID {
            // End the session on the server; 405 (not allowed) and failures are fine.
            var request = exchange.makeRequest(.DELETE, url: url, extraHeaders: ["Mcp-Session-Id": sessionID])
            if let version { request.headers.replaceOrAdd(name: "MCP-Protocol-Version", value: version) }
            let deletion = Task { _ = try? await exchange.execute(request) }
            let timeout = Task {
                try? await Task.sleep(for: .seconds(2))
                deletion.cancel()
            }
            await deletion.value
            timeout.cancel()
        }
        for stream in streams { await stream.value }
        inboundContinuation.finish()
        await exchange.shutdown()
    }

    // MARK: Posting

    func baseHeaders(includeVersion: Bool) -> HTTPHeaders {
        let (sessionID, version) = state.withLock { ($0.sessionID, $0.protocolVersion) }
        var headers: HTTPHeaders = [:]
        if let sessionID { headers.add(name: "Mcp-Session-Id", value: sessionID) }
        if includeVersion, let version { headers.add(name: "MCP-Protocol-Version", value: version) }
        return headers
    }

    /// Posts a stateless request with its metadata headers. A `-32020` (the server wanted other
    /// `Mcp-Param-*` headers) makes the transport list the tools again and retry once.
    private func postStateless(_ request: JSONRPCRequest, refreshesHeadersOnMismatch: Bool) async throws {
        let parameters = state.withLock { $0.toolHeaderParameters }
        var headers = RequestMetadataHeaders.headers(for: request, toolParameters: parameters) ?? [:]
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Accept", value: "application/json, text/event-stream")
        var httpRequest = exchange.makeRequest(.POST, url: url, extraHeaders: headers)
        httpRequest.body = .bytes(ByteBuffer(bytes: JSONRPCMessage.request(request).jsonBytes()))
        let response = try await exchange.execute(httpRequest)
        guard (200..<300).contains(response.status.code) else {
            let body = (try? await response.collectBody(limit: 64 * 1024)) ?? ByteBuffer()
            let error = body.withUnsafeReadableBytes { JSONRPCMessage.decodeFrame($0) }.first.flatMap { decoded -> MCPError? in
                if case .success(.errorResponse(let response)) = decoded { return response.error }
                return nil
            }
            if let error, error.code == .headerMismatch, refreshesHeadersOnMismatch, request.method == "tools/call" {
                try await refreshToolHeaders(meta: request.params?["_meta"])
                try await postStateless(request, refreshesHeadersOnMismatch: false)
                return
            }
            if let error {
                // A modern server's JSON-RPC error (unsupported version, unknown method, …) is the
                // answer to the request, whatever the HTTP status.
                inboundContinuation.yield(.message(.errorResponse(JSONRPCErrorResponse(id: request.id, error: error))))
                return
            }
            let text = String(decoding: body.readableBytesView.prefix(500), as: UTF8.self)
            throw TransportError(
                .httpStatus,
                "HTTP \(response.status.code) \(response.status.reasonPhrase)\(text.isEmpty ? "" : ": \(text)")",
                statusCode: Int(response.status.code)
            )
        }
        if response.isEventStream {
            startStream(for: request.id, response: response)
        } else {
            let body = try await response.collectBody(limit: configuration.maximumMessageSize)
            // As for handshake-era answers: a JSON answer without the response fails the request now.
            guard deliver(frame: body, answering: request.id) else {
                let excerpt = String(decoding: body.readableBytesView.prefix(200), as: UTF8.self)
                throw TransportError(.protocolViolation, "the server's answer holds no response to the request: \(excerpt)")
            }
        }
    }

    /// Lists every tool again (with the same `_meta` as the request that failed) to learn their
    /// current `x-mcp-header` designations. The answers are not delivered: nobody asked.
    private func refreshToolHeaders(meta: JSONValue?) async throws {
        var cursor: String?
        var parameters: [String: [ToolHeaderParameter]] = [:]
        repeat {
            let id = RequestID.string("mcp-header-refresh-\(state.withLock { state -> Int in state.headerRefreshCount += 1; return state.headerRefreshCount })")
            var params: JSONObject = [:]
            if let meta { params["_meta"] = meta }
            if let cursor { params["cursor"] = .string(cursor) }
            let request = JSONRPCRequest(id: id, method: "tools/list", params: params)
            var headers = RequestMetadataHeaders.headers(for: request, toolParameters: [:]) ?? [:]
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Accept", value: "application/json, text/event-stream")
            var httpRequest = exchange.makeRequest(.POST, url: url, extraHeaders: headers)
            httpRequest.body = .bytes(ByteBuffer(bytes: JSONRPCMessage.request(request).jsonBytes()))
            let response = try await exchange.execute(httpRequest)
            guard response.status.code == 200, case .response(let answer) = try await awaitResponse(to: id, in: response) else {
                throw TransportError(.httpStatus, "listing the tools again after a header mismatch failed", statusCode: Int(response.status.code))
            }
            for tool in answer.result["tools"]?.arrayValue ?? [] {
                guard let name = tool["name"]?.stringValue, case .success(let found) = ToolHeaderParameter.parameters(of: tool["inputSchema"] ?? [:]) else { continue }
                parameters[name] = found
            }
            cursor = answer.result["nextCursor"]?.stringValue
        } while cursor != nil
        state.withLock { $0.toolHeaderParameters.merge(parameters) { _, new in new } }
    }

    private func post(_ message: JSONRPCMessage, requestID: RequestID?, mayReinitialize: Bool) async throws {
        let isInitialize = requestID != nil && state.withLock { $0.initializeRequest?.id == requestID }
        var headers = baseHeaders(includeVersion: !isInitialize)
        let sentSession = headers.contains(name: "Mcp-Session-Id")
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Accept", value: "application/json, text/event-stream")
        var request = exchange.makeRequest(.POST, url: url, extraHeaders: headers)
        request.body = .bytes(ByteBuffer(bytes: message.jsonBytes()))
        let response = try await exchange.execute(request)

        if response.status.code == 404, sentSession, mayReinitialize, configuration.reinitializesExpiredSessions {
            _ = try? await response.collectBody(limit: 64 * 1024)
            try await reinitialize()
            try await post(message, requestID: requestID, mayReinitialize: false)
            return
        }
        if isInitialize, let sessionID = response.headers.first(name: "Mcp-Session-Id") {
            state.withLock { $0.sessionID = sessionID }
        }
        guard (200..<300).contains(response.status.code) else {
            try await handleFailure(response, requestID: requestID, sentSession: sentSession)
            return
        }
        guard let requestID, response.status.code != 202 else {
            _ = try? await response.collectBody(limit: 64 * 1024)
            return
        }
        if response.isEventStream {
            startStream(for: requestID, response: response)
        } else {
            let body = try await response.collectBody(limit: configuration.maximumMessageSize)
            // A JSON answer ends the exchange: if it holds no response to the request (not JSON,
            // cut short, another id), nothing else will, and the request must fail now rather
            // than wait for its timeout (or for ever without one).
            guard deliver(frame: body, answering: requestID) else {
                let excerpt = String(decoding: body.readableBytesView.prefix(200), as: UTF8.self)
                throw TransportError(.protocolViolation, "the server's answer holds no response to the request: \(excerpt)")
            }
        }
    }

    /// A non-2xx answer: the server's own JSON-RPC error if the body carries one (delivered as the
    /// answer to the request), a transport error otherwise.
    private func handleFailure(_ response: HTTPClientResponse, requestID: RequestID?, sentSession: Bool) async throws {
        let body = (try? await response.collectBody(limit: 64 * 1024)) ?? ByteBuffer()
        let status = response.status
        let text = String(decoding: body.readableBytesView.prefix(500), as: UTF8.self)
        // 404 on a request that carried a session id means the session is gone, whatever the body.
        if status.code == 404, sentSession {
            throw TransportError(.sessionExpired, "the server no longer knows the session (HTTP 404)\(text.isEmpty ? "" : ": \(text)")", statusCode: 404)
        }
        if let requestID,
            let decoded = body.withUnsafeReadableBytes({ JSONRPCMessage.decodeFrame($0) }).first,
            case .success(.errorResponse(let error)) = decoded
        {
            inboundContinuation.yield(.message(.errorResponse(JSONRPCErrorResponse(id: requestID, error: error.error))))
            return
        }
        throw TransportError(.httpStatus, "HTTP \(status.code) \(status.reasonPhrase)\(text.isEmpty ? "" : ": \(text)")", statusCode: Int(status.code))
    }

    /// Returns whether the frame answers `requestID` (a response, or an unreadable one with its id).
    @discardableResult
    func deliver(frame: ByteBuffer, answering requestID: RequestID? = nil) -> Bool {
        let events = frame.withUnsafeReadableBytes { JSONRPCMessage.decodeFrame($0) }.transportEvents
        var answered = false
        for event in events {
            switch event {
            case .message(let message) where message.responseID == requestID: answered = true
            case .invalidMessage(let error) where error.responseID == requestID: answered = true
            default: break
            }
            inboundContinuation.yield(inspect(event))
        }
        return answered
    }

    /// Learns the negotiated protocol version from the `initialize` response, and the tools'
    /// header designations from stateless `tools/list` answers, from which tools with invalid
    /// designations are removed (the specification requires HTTP clients to exclude them).
    func inspect(_ event: TransportEvent) -> TransportEvent {
        guard case .message(.response(var response)) = event else { return event }
        let (isInitialize, isToolList) = state.withLock { state in
            (state.initializeRequest?.id == response.id, state.pendingToolLists.remove(response.id) != nil)
        }
        if isInitialize, let version = response.result["protocolVersion"]?.stringValue {
            state.withLock { $0.protocolVersion = version }
        }
        guard isToolList, case .object(var result) = response.result, let tools = result["tools"]?.arrayValue else { return event }
        var kept: [JSONValue] = []
        var parameters: [String: [ToolHeaderParameter]] = [:]
        for tool in tools {
            guard let name = tool["name"]?.stringValue else {
                kept.append(tool)
                continue
            }
            switch ToolHeaderParameter.parameters(of: tool["inputSchema"] ?? [:]) {
            case .success(let found):
                parameters[name] = found
                kept.append(tool)
            case .failure(let invalid):
                configuration.logger.warning("excluded tool \(name) from the listing: \(invalid.reason)")
            }
        }
        state.withLock { $0.toolHeaderParameters.merge(parameters) { _, new in new } }
        guard kept.count != tools.count else { return event }
        result["tools"] = .array(kept)
        response.result = .object(result)
        return .message(.response(response))
    }

    // MARK: Session expiry

    /// Replays the handshake after the server forgot the session; concurrent callers share one
    /// replay.
    private func reinitialize() async throws {
        let task: Task<Void, any Error> = try state.withLock { state in
            if let running = state.reinitialization { return running }
            guard let initialize = state.initializeRequest else {
                throw TransportError(.sessionExpired, "the session expired before the handshake")
            }
            state.sessionID = nil
            state.reinitializationCount += 1
            let replay = JSONRPCRequest(
                id: .string("mcp-reinitialize-\(state.reinitializationCount)"),
                method: initialize.method,
                params: initialize.params
            )
            let initialized = state.initializedNotification
            let task = Task { try await self.replayHandshake(replay, initialized: initialized) }
            state.reinitialization = task
            return task
        }
        defer { state.withLock { $0.reinitialization = nil } }
        do {
            try await task.value
        } catch {
            throw TransportError(.sessionExpired, "the session expired and a new one could not be started: \(error)", underlyingError: error)
        }
    }

    private func replayHandshake(_ initialize: JSONRPCRequest, initialized: JSONRPCNotification?) async throws {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"]
        var request = exchange.makeRequest(.POST, url: url, extraHeaders: headers)
        request.body = .bytes(ByteBuffer(bytes: JSONRPCMessage.request(initialize).jsonBytes()))
        let response = try await exchange.execute(request)
        guard response.status.code == 200 else {
            _ = try? await response.collectBody(limit: 64 * 1024)
            throw TransportError(.httpStatus, "initialize answered HTTP \(response.status.code)", statusCode: Int(response.status.code))
        }
        let sessionID = response.headers.first(name: "Mcp-Session-Id")
        let answer = try await awaitResponse(to: initialize.id, in: response)
        guard case .response(let result) = answer else {
            throw TransportError(.protocolViolation, "initialize failed: \(answer)")
        }
        state.withLock { state in
            state.sessionID = sessionID
            if let version = result.result["protocolVersion"]?.stringValue { state.protocolVersion = version }
        }
        if let initialized {
            headers = baseHeaders(includeVersion: true)
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Accept", value: "application/json, text/event-stream")
            var notification = exchange.makeRequest(.POST, url: url, extraHeaders: headers)
            notification.body = .bytes(ByteBuffer(bytes: JSONRPCMessage.notification(initialized).jsonBytes()))
            let reply = try await exchange.execute(notification)
            _ = try? await reply.collectBody(limit: 64 * 1024)
        }
        state.withLock { $0.getStreamRunning = false }
        await startGetStreamIfNeeded()
    }

    /// Reads the answer to `id` from a JSON or event-stream response, delivering anything else
    /// the stream carries.
    private func awaitResponse(to id: RequestID, in response: HTTPClientResponse) async throws -> JSONRPCMessage {
        if response.isEventStream {
            var parser = ServerSentEventParser()
            var answer: JSONRPCMessage?
            try await response.readEvents(parser: &parser, maximumEventSize: configuration.maximumMessageSize) { event in
                guard answer == nil, event.type == "message", !event.data.isEmpty else { return }
                for decoded in JSONRPCMessage.decodeFrame(event.data).transportEvents {
                    if case .message(let message) = decoded, message.responseID == id {
                        answer = message
                    } else {
                        inboundContinuation.yield(decoded)
                    }
                }
            }
            guard let answer else { throw TransportError(.protocolViolation, "the stream ended without the response") }
            return answer
        }
        let body = try await response.collectBody(limit: configuration.maximumMessageSize)
        for decoded in body.withUnsafeReadableBytes({ JSONRPCMessage.decodeFrame($0) }).transportEvents {
            if case .message(let message) = decoded, message.responseID == id { return message }
        }
        throw TransportError(.protocolViolation, "the response body did not answer the request")
    }
}

extension JSONRPCMessage {
    /// The id of a response or error response.
    var responseID: RequestID? {
        switch self {
        case .response(let response): return response.id
        case .errorResponse(let response): return response.id
        default: return nil
        }
    }
}
