/// A failure raised on this side of a connection: a timeout, a cancelled or closed connection, a
/// response that could not be understood.
///
/// Never confused with the peer's own errors, which arrive as ``MCPError``:
///
/// ```swift
/// do {
///     _ = try await client.callTool("slow")
/// } catch let error as ClientError where error.code == .timedOut {
///     // no answer in time; the server was sent notifications/cancelled
/// } catch let error as MCPError {
///     // the server refused the call
/// }
/// ```
public struct ClientError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The request got no response within its timeout.
        public static let timedOut = Code("timedOut")
        /// The connection closed or failed while the request was pending, or was already closed.
        public static let connectionClosed = Code("connectionClosed")
        /// The operation needs a connection that has not been opened.
        public static let notConnected = Code("notConnected")
        /// The peer's response could not be decoded as the expected result.
        public static let invalidResponse = Code("invalidResponse")
        /// A value to send could not be encoded.
        public static let invalidRequest = Code("invalidRequest")
        /// The server answered with a protocol version this client does not speak.
        public static let unsupportedProtocolVersion = Code("unsupportedProtocolVersion")
        /// The server did not declare the capability the operation needs.
        public static let capabilityNotSupported = Code("capabilityNotSupported")
        /// A multi round-trip request needed more rounds than allowed.
        public static let tooManyRounds = Code("tooManyRounds")
        /// A tool's structured output did not match its output schema.
        public static let invalidToolOutput = Code("invalidToolOutput")
        /// Tool arguments did not match the tool's input schema.
        public static let invalidToolArguments = Code("invalidToolArguments")
        /// The task running the request was cancelled (by this client or the server) before it
        /// finished, or the server forgot it.
        public static let taskCancelled = Code("taskCancelled")

        public var description: String { name }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A readable account of what happened.
    public var message: String
    /// The method of the request concerned, if any.
    public var method: String?
    /// The error that caused this one, if any (a ``TransportError``, a `DecodingError`, …).
    public var underlyingError: (any Error)?

    /// Creates a client error.
    public init(_ code: Code, _ message: String, method: String? = nil, underlyingError: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.method = method
        self.underlyingError = underlyingError
    }

    public var description: String {
        var text = message
        if let method { text = "\(method): \(text)" }
        if let underlyingError {
            // The cause is shown unless the message already tells it.
            let cause = String(describing: underlyingError)
            if !text.contains(cause) { text += ": \(cause)" }
        }
        return text
    }
}
