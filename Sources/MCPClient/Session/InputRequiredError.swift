public import MCPCore

/// A stateless (2026-07-28) request whose server needs input first, handed to the caller because
/// ``ClientSession/Configuration/fulfilsInputRequests`` is off.
///
/// Answer ``result``'s input requests (or decline) and send the request again with
/// ``ClientSession/retry(_:inputResponses:options:)``, which echoes the server's `requestState`
/// unchanged and uses a new request id:
///
/// ```swift
/// do {
///     result = try await client.callTool("deploy", arguments: ["env": "prod"])
/// } catch let pending as InputRequiredError {
///     let answers: JSONObject = ["confirm": try JSONValue(encoding: ElicitResult.accept(["ok": true]))]
///     let raw = try await client.session().retry(pending, inputResponses: answers)
///     …
/// }
/// ```
public struct InputRequiredError: Error, Sendable, CustomStringConvertible {
    /// The method of the request.
    public var method: String
    /// The request's parameters as last sent (without its protocol `_meta`, which every round
    /// adds afresh).
    public var params: JSONObject
    /// What the server asks for, and its opaque state.
    public var result: InputRequiredResult

    /// Creates the error.
    public init(method: String, params: JSONObject, result: InputRequiredResult) {
        self.method = method
        self.params = params
        self.result = result
    }

    /// The method and the keys of the input it needs.
    public var description: String {
        let keys = (result.inputRequests ?? [:]).keys.sorted().joined(separator: ", ")
        return "\(method) needs input first (\(keys.isEmpty ? "no requests; retry with its state" : keys))"
    }
}

extension ClientSession {
    /// Sends a request again with the caller's answers to its input requests, echoing the
    /// server's `requestState` byte for byte (and none if it sent none). The result may itself
    /// ask for more input (another ``InputRequiredError``).
    ///
    /// - Returns: The complete result object, undecoded.
    public func retry(_ pending: InputRequiredError, inputResponses: JSONObject, options: RequestOptions = .default) async throws -> JSONObject {
        var params = pending.params
        if inputResponses.isEmpty {
            params.removeValue(forKey: "inputResponses")
        } else {
            params["inputResponses"] = .object(inputResponses)
        }
        if let state = pending.result.requestState {
            params["requestState"] = .string(state)
        } else {
            params.removeValue(forKey: "requestState")
        }
        return try await sendRequest(method: pending.method, params: params, options: options)
    }
}
