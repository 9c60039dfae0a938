import MCPCore
import Synchronization
import Testing

/// A ``Transport`` decorator around the client's side of every test connection: it sees each
/// outbound message and each inbound event, tracks the protocol version in use, and checks
/// every outbound message with ``outboundCheck``, recording each problem as an issue of the
/// test that made the connection.
///
/// The protocol version in use is, in turn: the `protocolVersion` parameter of an outbound
/// `initialize`; the version of the inbound `initialize` response; the
/// `_meta["io.modelcontextprotocol/protocolVersion"]` of outbound 2026-07-28 requests.
///
/// For each outbound response, the check is told which server request it answers (the method
/// of the inbound request with that id), so it can validate the result against the right
/// definition.
final class RecordingTransport: Transport {
    /// Checks one outbound message: returns the problems found (none: the message is fine).
    ///
    /// - Parameters:
    ///   - message: The message the client is sending.
    ///   - version: The protocol version in use for it (`nil` before anything says).
    ///   - methodOfAnsweredRequest: For a response or error response, the method of the
    ///     server's request it answers (`nil` when unknown, e.g. an answer to a frame that could
    ///     not be read).
    typealias OutboundCheck = @Sendable (
        _ message: JSONRPCMessage,
        _ version: ProtocolVersion?,
        _ methodOfAnsweredRequest: String?
    ) -> [String]

    /// The check applied to every outbound message of every test connection: by default the
    /// JSON-RPC shape and the official schema of the version in use (``WireSchemaCheck``).
    static var outboundCheck: OutboundCheck {
        get { checkStorage.withLock { $0 } }
        set { checkStorage.withLock { $0 = newValue } }
    }

    private static let checkStorage = Mutex<OutboundCheck>(WireSchemaCheck.check)

    /// One outbound message, with what the check was told about it.
    struct Outbound: Sendable {
        var message: JSONRPCMessage
        var version: ProtocolVersion?
        var methodOfAnsweredRequest: String?
    }

    private struct State {
        var outbound: [Outbound] = []
        var inbound: [TransportEvent] = []
        var version: ProtocolVersion?
        var initializeID: RequestID?
        /// Inbound requests not yet answered: id → method.
        var unansweredInbound: [RequestID: String] = [:]
        /// Ids of inbound frames that could not be read but carried an id (answerable with an error).
        var unreadableInbound: Set<RequestID> = []
        var outboundRequestIDs: Set<RequestID> = []
        var problems: [String] = []
        var closeCount = 0
    }

    /// The transport this one decorates.
    let inner: any Transport
    private let sourceLocation: SourceLocation
    private let state = Mutex(State())

    /// - Parameter sourceLocation: Where problems are reported: the test that made the connection.
    init(_ inner: any Transport, sourceLocation: SourceLocation) {
        self.inner = inner
        self.sourceLocation = sourceLocation
    }

    // MARK: What was seen

    /// Every message sent, in order.
    var outbound: [Outbound] { state.withLock { $0.outbound } }
    var outboundMessages: [JSONRPCMessage] { outbound.map(\.message) }
    /// Every event received, in order.
    var inbound: [TransportEvent] { state.withLock { $0.inbound } }
    /// The protocol version in use, as far as the traffic says.
    var protocolVersion: ProtocolVersion? { state.withLock { $0.version } }
    /// Every problem found in outbound messages (each was also recorded as an issue).
    var problems: [String] { state.withLock { $0.problems } }
    /// How many times ``close()`` was called.
    var closeCount: Int { state.withLock { $0.closeCount } }

    /// The outbound requests with `method`, in order.
    func sentRequests(_ method: String) -> [JSONRPCRequest] {
        outboundMessages.compactMap { message in
            if case .request(let request) = message, request.method == method { return request }
            return nil
        }
    }

    /// The outbound notifications with `method`, in order.
    func sentNotifications(_ method: String) -> [JSONRPCNotification] {
        outboundMessages.compactMap { message in
            if case .notification(let notification) = message, notification.method == method { return notification }
            return nil
        }
    }

    /// The notifications received with `method`, in order.
    func receivedNotifications(_ method: String) -> [JSONRPCNotification] {
        inbound.compactMap { event in
            if case .message(.notification(let notification)) = event, notification.method == method { return notification }
            return nil
        }
    }

    // MARK: Transport

    func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error> {
        let upstream = try await inner.connect()
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: TransportEvent.self)
        let forwarder = Task { [weak self] in
            do {
                for try await event in upstream {
                    self?.noteInbound(event)
                    continuation.yield(event)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in forwarder.cancel() }
        return stream
    }

    func send(_ message: JSONRPCMessage) async throws {
        let (version, answered, ownProblems) = noteOutbound(message)
        let problems = ownProblems + Self.outboundCheck(message, version, answered)
        if !problems.isEmpty {
            state.withLock { $0.problems.append(contentsOf: problems) }
            for problem in problems {
                Issue.record(Comment(rawValue: "invalid outbound message (\(problem)): \(message)"), sourceLocation: sourceLocation)
            }
        }
        try await inner.send(message)
    }

    func close() async {
        state.withLock { $0.closeCount += 1 }
        await inner.close()
    }

    // MARK: Bookkeeping

    /// Records an outbound message; returns the version in use for it, the method of the request
    /// it answers, and the problems only the whole conversation shows (reused ids, answers to
    /// requests never received).
    private func noteOutbound(_ message: JSONRPCMessage) -> (ProtocolVersion?, String?, [String]) {
        state.withLock { state in
            var problems: [String] = []
            var answered: String?
            switch message {
            case .request(let request):
                if !state.outboundRequestIDs.insert(request.id).inserted {
                    problems.append("request id \(request.id) was already used in this session")
                }
                if request.method == InitializeRequestParams.method {
                    state.initializeID = request.id
                    if let offered = request.params?["protocolVersion"]?.stringValue {
                        state.version = ProtocolVersion(rawValue: offered)
                    }
                }
                if let modern = request.params?["_meta"]?[MetaKeys.protocolVersion]?.stringValue {
                    state.version = ProtocolVersion(rawValue: modern)
                }
            case .response(let response):
                if let method = state.unansweredInbound.removeValue(forKey: response.id) {
                    answered = method
                } else {
                    problems.append("a result for request id \(response.id), which the server never sent or was already answered")
                }
            case .errorResponse(let response):
                if let id = response.id {
                    if let method = state.unansweredInbound.removeValue(forKey: id) {
                        answered = method
                    } else if state.unreadableInbound.remove(id) == nil {
                        problems.append("an error for request id \(id), which the server never sent or was already answered")
                    }
                }
            case .notification:
                break
            }
            state.outbound.append(Outbound(message: message, version: state.version, methodOfAnsweredRequest: answered))
            return (state.version, answered, problems)
        }
    }

    private func noteInbound(_ event: TransportEvent) {
        state.withLock { state in
            state.inbound.append(event)
            if case .message(let message) = event {
                switch message {
                case .request(let request):
                    state.unansweredInbound[request.id] = request.method
                case .response(let response):
                    if response.id == state.initializeID, let version = response.result["protocolVersion"]?.stringValue {
                        state.version = ProtocolVersion(rawValue: version)
                    }
                case .errorResponse, .notification:
                    break
                }
            } else if case .invalidMessage(let error) = event, let id = error.requestID {
                state.unreadableInbound.insert(id)
            }
        }
    }
}

/// Checks of outbound messages, for ``RecordingTransport/outboundCheck``.
enum OutboundChecks {
    /// The JSON-RPC 2.0 shape of a message as MCP uses it: `jsonrpc` is `"2.0"`; requests have
    /// a string or integer id and a non-empty method; notifications have no id; `params`, when
    /// present, is an object whose `_meta`, if any, is an object; results are objects; errors have
    /// an integer code and a string message; responses answer a server request.
    static func jsonRPCShape(_ message: JSONRPCMessage, version: ProtocolVersion?, methodOfAnsweredRequest: String?) -> [String] {
        var problems: [String] = []
        guard case .object(let object) = message.jsonValue else {
            return ["a message must be a JSON object"]
        }
        if object["jsonrpc"] != "2.0" { problems.append("\"jsonrpc\" must be \"2.0\"") }
        func checkID(_ value: JSONValue?, required: Bool) {
            switch value {
            case .string?, .int?: break
            case nil where !required: break
            default: problems.append("\"id\" must be a string or an integer, found \(value?.typeName ?? "nothing")")
            }
        }
        func checkParams() {
            guard let params = object["params"] else { return }
            guard case .object(let members) = params else {
                problems.append("\"params\" must be an object, found \(params.typeName)")
                return
            }
            if let meta = members["_meta"], meta.objectValue == nil {
                problems.append("\"params._meta\" must be an object, found \(meta.typeName)")
            }
        }
        let allowed: Set<String>
        switch message {
        case .request:
            allowed = ["jsonrpc", "id", "method", "params"]
            checkID(object["id"], required: true)
            if object["method"]?.stringValue?.isEmpty != false { problems.append("\"method\" must be a non-empty string") }
            checkParams()
        case .notification:
            allowed = ["jsonrpc", "method", "params"]
            if object["id"] != nil { problems.append("a notification must not have an \"id\"") }
            if object["method"]?.stringValue?.isEmpty != false { problems.append("\"method\" must be a non-empty string") }
            checkParams()
        case .response:
            allowed = ["jsonrpc", "id", "result"]
            checkID(object["id"], required: true)
            if let result = object["result"], result.objectValue == nil {
                problems.append("\"result\" must be an object, found \(result.typeName)")
            }
            if methodOfAnsweredRequest == nil { problems.append("a result must answer a request the server sent") }
        case .errorResponse:
            allowed = ["jsonrpc", "id", "error"]
            checkID(object["id"], required: false)
            if let error = object["error"]?.objectValue {
                if error["code"]?.intValue == nil { problems.append("\"error.code\" must be an integer") }
                if error["message"]?.stringValue == nil { problems.append("\"error.message\" must be a string") }
            } else {
                problems.append("\"error\" must be an object")
            }
        }
        for key in object.keys where !allowed.contains(key) {
            problems.append("unexpected member \"\(key)\"")
        }
        return problems
    }
}
