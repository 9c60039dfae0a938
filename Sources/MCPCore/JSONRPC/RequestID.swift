/// The identifier of a JSON-RPC request: a string or an integer.
public enum RequestID: Hashable, Sendable {
    /// An integer identifier.
    case int(Int)
    /// A string identifier.
    case string(String)

    /// The identifier as JSON.
    public var jsonValue: JSONValue {
        switch self {
        case .int(let value): return .int(value)
        case .string(let value): return .string(value)
        }
    }

    /// Reads an identifier from JSON: a string, or a number with an integer value.
    public init?(jsonValue: JSONValue) {
        switch jsonValue {
        case .string(let value): self = .string(value)
        case .int(let value): self = .int(value)
        case .double(let value):
            guard let exact = Int(exactly: value) else { return nil }
            self = .int(exact)
        default: return nil
        }
    }
}

extension RequestID: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }
}

extension RequestID: CustomStringConvertible {
    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .string(let value): return "\"\(value)\""
        }
    }
}

extension RequestID: Codable {
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard let id = RequestID(jsonValue: value) else {
            throw DecodingError.typeMismatch(
                RequestID.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected a string or integer id, found \(value.typeName)")
            )
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}

/// A token that ties progress notifications to the request that asked for them: a string or an
/// integer.
public enum ProgressToken: Hashable, Sendable {
    /// An integer token.
    case int(Int)
    /// A string token.
    case string(String)

    /// The token as JSON.
    public var jsonValue: JSONValue {
        switch self {
        case .int(let value): return .int(value)
        case .string(let value): return .string(value)
        }
    }

    /// Reads a token from JSON: a string, or a number with an integer value.
    public init?(jsonValue: JSONValue) {
        guard let id = RequestID(jsonValue: jsonValue) else { return nil }
        self.init(id)
    }

    /// The token equal to a request's identifier, which is how this SDK makes tokens unique
    /// among the requests in flight.
    public init(_ id: RequestID) {
        switch id {
        case .int(let value): self = .int(value)
        case .string(let value): self = .string(value)
        }
    }
}

extension ProgressToken: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }
}

extension ProgressToken: CustomStringConvertible {
    public var description: String { RequestID(self).description }
}

extension RequestID {
    /// The request identifier equal to a progress token.
    public init(_ token: ProgressToken) {
        switch token {
        case .int(let value): self = .int(value)
        case .string(let value): self = .string(value)
        }
    }
}

extension ProgressToken: Codable {
    public init(from decoder: any Decoder) throws {
        let id = try RequestID(from: decoder)
        self.init(id)
    }

    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}
