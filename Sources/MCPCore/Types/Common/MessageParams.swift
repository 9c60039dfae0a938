/// The parameters of an MCP request, tied to its method name and its result type.
///
/// Every request type conforms, so a session can send any of them generically:
///
/// ```swift
/// let result = try await session.send(CallToolRequestParams(name: "add", arguments: ["a": 1, "b": 2]))
/// // result is a CallToolResult
/// ```
public protocol RequestParams: Codable, Sendable {
    /// The type of the request's result.
    associatedtype Result: Codable & Sendable
    /// The JSON-RPC method name, such as `tools/call`.
    static var method: String { get }
}

/// The parameters of an MCP notification, tied to its method name.
public protocol NotificationParams: Codable, Sendable {
    /// The JSON-RPC method name, such as `notifications/progress`.
    static var method: String { get }
}

/// A request for one page of a list.
public protocol PaginatedRequestParams: RequestParams where Result: PaginatedResult {
    /// Where to continue from: the `nextCursor` of the previous page, or `nil` for the first.
    var cursor: String? { get set }
    /// Creates the request for the page at `cursor`.
    init(cursor: String?)
}

/// One page of a list.
public protocol PaginatedResult: Codable, Sendable {
    /// The type of the listed items.
    associatedtype Item: Codable & Sendable
    /// The items on this page.
    var items: [Item] { get }
    /// The cursor of the next page, or `nil` on the last page.
    var nextCursor: String? { get }
}

/// A result with no content of its own (the answer to `ping`, `logging/setLevel`, …).
public struct EmptyResult: Hashable, Sendable {
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates an empty result.
    public init(meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension EmptyResult: Codable {
    enum CodingKeys: String, CodingKey {
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
