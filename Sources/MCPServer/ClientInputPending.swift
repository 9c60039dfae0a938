public import MCPCore

/// Thrown by ``ServerContext``'s requests to the client (sampling, elicitation, roots) in the
/// 2026-07-28 protocol when the client has not answered the question yet.
///
/// The stateless protocol has no server-to-client requests: the server answers the client's
/// request with an `input_required` result listing its questions, and the client retries with
/// the answers. ``MCPServer`` does this for you: it runs the handler again on the retry, and the
/// same call then returns the client's answer. Let this error propagate; if a handler catches
/// it anyway (say with a catch-all that turns failures into a tool error), the server still
/// answers `input_required`, because it tracks the open questions itself.
public struct ClientInputPending: Error, Sendable, CustomStringConvertible {
    /// The key the question is listed under in the `input_required` result.
    public let key: String
    /// The question.
    public let request: InputRequest

    /// Says what is pending, for logs.
    public var description: String {
        "the client has not answered \(request.method) (\(key)) yet; the request will be retried with the answer"
    }
}
