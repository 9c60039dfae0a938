/// A typed answer to an ``InputRequest``: the result the client would have returned for the
/// request in earlier protocol versions.
public protocol InputResponse: Encodable, Sendable {}

extension CreateMessageResult: InputResponse {}
extension ElicitResult: InputResponse {}
extension ListRootsResult: InputResponse {}

/// Builds the `inputResponses` object of a retried 2026-07-28 request: the answers to the
/// ``InputRequiredResult/inputRequests`` of the server's `input_required` result, keyed as the
/// requests were.
///
/// ```swift
/// var responses = InputResponses()
/// try responses.set(ElicitResult.accept(["name": "octocat"]), forKey: "github_login")
/// var retry = original
/// retry.inputResponses = responses.jsonObject
/// retry.requestState = inputRequired.requestState
/// ```
public struct InputResponses: Hashable, Sendable {
    /// The answers as sent: each key of an input request mapped to its result object.
    public var jsonObject: JSONObject

    /// Creates answers from an object already built, or none.
    public init(_ jsonObject: JSONObject = [:]) {
        self.jsonObject = jsonObject
    }

    /// Creates answers from typed results, keyed as the input requests were (in key order).
    public init(_ responses: [String: any InputResponse]) throws {
        self.init()
        for (key, response) in responses.sorted(by: { $0.key < $1.key }) {
            try set(response, forKey: key)
        }
    }

    /// Records the answer to the input request named `key`, replacing any earlier one.
    public mutating func set(_ response: any InputResponse, forKey key: String) throws {
        jsonObject[key] = try JSONValue(encoding: response)
    }

    /// The answer to the input request named `key`, as JSON. Assigning `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { jsonObject[key] }
        set { jsonObject[key] = newValue }
    }

    /// The answer to the input request named `key`, decoded as `type`; `nil` if there is none.
    public func response<Response: Decodable>(_ type: Response.Type, forKey key: String) throws -> Response? {
        try jsonObject[key].map { try $0.decode(type) }
    }

    /// The keys of the answered input requests, in order.
    public var keys: [String] { jsonObject.keys }

    /// Whether no input request has been answered.
    public var isEmpty: Bool { jsonObject.isEmpty }
}

extension InputResponses: Codable {
    public init(from decoder: any Decoder) throws {
        jsonObject = try JSONObject(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try jsonObject.encode(to: encoder)
    }
}
