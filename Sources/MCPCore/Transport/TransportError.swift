/// A failure of the channel under a session: it could not be opened, it broke, or it was closed.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The transport was closed (by this side or the peer) before or while the operation ran.
        public static let closed = Code("closed")
        /// The channel could not be opened.
        public static let connectionFailed = Code("connectionFailed")
        /// Reading or writing failed.
        public static let ioFailed = Code("ioFailed")
        /// A server process exited.
        public static let processExited = Code("processExited")
        /// A received message exceeded the configured maximum size.
        public static let messageTooLarge = Code("messageTooLarge")
        /// The peer broke the transport's own protocol (a malformed answer, a forbidden redirect).
        public static let protocolViolation = Code("protocolViolation")
        /// The server answered with an HTTP error status (see ``TransportError/statusCode``).
        public static let httpStatus = Code("httpStatus")
        /// The server forgot the session and a new one could not be started.
        public static let sessionExpired = Code("sessionExpired")
        /// Authorizing a request the server refused (401/403) failed: the cause is the underlying
        /// error, the server's status is ``TransportError/statusCode``. Not a sign of the server's era.
        public static let authorizationFailed = Code("authorizationFailed")

        public var description: String { name }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A readable account of what happened.
    public var message: String
    /// The error that caused this one, if any.
    public var underlyingError: (any Error)?
    /// The HTTP status code, for errors of HTTP transports.
    public var statusCode: Int?

    /// Creates a transport error.
    public init(_ code: Code, _ message: String, statusCode: Int? = nil, underlyingError: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.statusCode = statusCode
        self.underlyingError = underlyingError
    }

    public var description: String {
        // The cause is shown unless the message already tells it.
        if let underlyingError, !message.contains(String(describing: underlyingError)) { return "\(message) (\(underlyingError))" }
        return message
    }
}
