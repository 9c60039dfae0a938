/// A JSON-RPC 2.0 request: a method call that expects a response.
public struct JSONRPCRequest: Sendable, Hashable {
    /// The identifier the response will carry.
    public var id: RequestID
    /// The method name, such as `tools/call`.
    public var method: String
    /// The parameters object, if any.
    public var params: JSONObject?

    /// Creates a request.
    public init(id: RequestID, method: String, params: JSONObject? = nil) {
        self.id = id
        self.method = method
        self.params = params
    }
}

/// A JSON-RPC 2.0 notification: a method call that gets no response.
public struct JSONRPCNotification: Sendable, Hashable {
    /// The method name, such as `notifications/progress`.
    public var method: String
    /// The parameters object, if any.
    public var params: JSONObject?

    /// Creates a notification.
    public init(method: String, params: JSONObject? = nil) {
        self.method = method
        self.params = params
    }
}

/// A successful JSON-RPC 2.0 response.
public struct JSONRPCResponse: Sendable, Hashable {
    /// The identifier of the request this answers.
    public var id: RequestID
    /// The result. MCP results are objects; anything else is kept as sent and rejected when decoded.
    public var result: JSONValue

    /// Creates a response.
    public init(id: RequestID, result: JSONValue) {
        self.id = id
        self.result = result
    }
}

/// A JSON-RPC 2.0 error response.
public struct JSONRPCErrorResponse: Sendable, Hashable {
    /// The identifier of the request this answers; absent when the request could not be read.
    public var id: RequestID?
    /// The error.
    public var error: MCPError

    /// Creates an error response.
    public init(id: RequestID?, error: MCPError) {
        self.id = id
        self.error = error
    }
}

/// Any JSON-RPC 2.0 message.
public enum JSONRPCMessage: Sendable, Hashable {
    /// A request.
    case request(JSONRPCRequest)
    /// A notification.
    case notification(JSONRPCNotification)
    /// A successful response.
    case response(JSONRPCResponse)
    /// An error response.
    case errorResponse(JSONRPCErrorResponse)
}

// MARK: - Encoding

extension JSONRPCMessage {
    /// The message as a JSON object.
    public var jsonValue: JSONValue {
        var object = JSONObject(minimumCapacity: 4)
        object["jsonrpc"] = "2.0"
        switch self {
        case .request(let request):
            object["id"] = request.id.jsonValue
            object["method"] = .string(request.method)
            if let params = request.params { object["params"] = .object(params) }
        case .notification(let notification):
            object["method"] = .string(notification.method)
            if let params = notification.params { object["params"] = .object(params) }
        case .response(let response):
            object["id"] = response.id.jsonValue
            object["result"] = response.result
        case .errorResponse(let response):
            if let id = response.id { object["id"] = id.jsonValue }
            var error: JSONObject = ["code": .int(response.error.code.rawValue), "message": .string(response.error.message)]
            if let data = response.error.data { error["data"] = data }
            object["error"] = .object(error)
        }
        return .object(object)
    }

    /// The message as compact UTF-8 JSON text, without a trailing newline.
    public func jsonBytes() -> [UInt8] {
        jsonValue.jsonBytes()
    }

    /// Appends the message's compact JSON text to `bytes`.
    public func writeJSON(to bytes: inout [UInt8]) {
        jsonValue.writeJSON(to: &bytes)
    }
}

// MARK: - Decoding

/// A received message that is not a valid JSON-RPC message: bad JSON, a wrong member type, or a
/// shape that is none of request, notification and response.
///
/// Transports report these to the session, which tells the message handler and carries on.
public struct InvalidMessageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public var reason: String
    /// The request identifier, when the message looked like a request whose id could be read; the
    /// receiver can then answer it with an error response.
    public var requestID: RequestID?
    /// The identifier of the request a response answers, when the message looked like a response
    /// (it had `result` or `error`) whose id could be read. A response is never answered; the
    /// receiver can fail the request it was meant to answer instead.
    public var responseID: RequestID?
    /// The start of the offending text, for diagnostics (at most 200 characters).
    public var excerpt: String

    /// Creates an error.
    public init(reason: String, requestID: RequestID? = nil, responseID: RequestID? = nil, excerpt: String = "") {
        self.reason = reason
        self.requestID = requestID
        self.responseID = responseID
        self.excerpt = excerpt
    }

    public var description: String {
        excerpt.isEmpty ? "invalid message: \(reason)" : "invalid message: \(reason): \(excerpt)"
    }

    /// The error for a frame that is not JSON.
    init(unparsable error: any Error, excerpt: String) {
        self.init(reason: (error as? JSONParseError)?.description ?? "\(error)", excerpt: excerpt)
    }

    static func excerpt(of bytes: UnsafeRawBufferPointer) -> String {
        let prefix = UnsafeRawBufferPointer(rebasing: bytes.prefix(200))
        return String(decoding: prefix, as: UTF8.self)
    }
}

extension JSONRPCMessage {
    /// Decodes one frame of JSON text: a single message, or a batch (a JSON array of messages).
    ///
    /// Never throws: every element that is not a valid message becomes an ``InvalidMessageError``.
    public static func decodeFrame(_ bytes: UnsafeRawBufferPointer, maximumDepth: Int = JSONValue.defaultMaximumDepth)
        -> [Result<JSONRPCMessage, InvalidMessageError>]
    {
        decodeFrame(bytes, maximumDepth: maximumDepth, releasingInput: false)
    }

    /// Decodes one frame; with `releasingInput`, `bytes` is writable memory its owner does not
    /// read again (a transport's consumed frame), whose pages are given back to the system as
    /// large strings are copied out of them, so a large message does not need twice its size.
    package static func decodeFrame(_ bytes: UnsafeRawBufferPointer, maximumDepth: Int = JSONValue.defaultMaximumDepth, releasingInput: Bool)
        -> [Result<JSONRPCMessage, InvalidMessageError>]
    {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, maximumDepth: maximumDepth, releasingInput: releasingInput)
        } catch {
            return [.failure(InvalidMessageError(unparsable: error, excerpt: InvalidMessageError.excerpt(of: bytes)))]
        }
        return decodeFrame(value: value)
    }

    /// The messages of a parsed frame: one, or the elements of a batch.
    static func decodeFrame(value: JSONValue) -> [Result<JSONRPCMessage, InvalidMessageError>] {
        if case .array(let elements) = value {
            if elements.isEmpty {
                return [.failure(InvalidMessageError(reason: "empty batch", excerpt: "[]"))]
            }
            return elements.map(decodeOne)
        }
        return [decodeOne(value)]
    }

    private static func decodeOne(_ value: JSONValue) -> Result<JSONRPCMessage, InvalidMessageError> {
        do {
            return .success(try JSONRPCMessage(json: value))
        } catch {
            return .failure(error)
        }
    }

    /// Decodes one frame of JSON text; see ``decodeFrame(_:maximumDepth:)-(UnsafeRawBufferPointer,_)``.
    public static func decodeFrame(_ bytes: some Collection<UInt8>) -> [Result<JSONRPCMessage, InvalidMessageError>] {
        if let result = bytes.withContiguousStorageIfAvailable({ decodeFrame(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { decodeFrame($0) }
    }

    /// Reads a message from its JSON form.
    ///
    /// - Throws: ``InvalidMessageError`` when `json` is not a JSON-RPC 2.0 message.
    public init(json: JSONValue) throws(InvalidMessageError) {
        guard case .object(let object) = json else {
            throw InvalidMessageError(reason: "a message must be a JSON object, found \(json.typeName)", excerpt: Self.excerpt(json))
        }
        let rawID = object["id"]
        let id = rawID.flatMap(RequestID.init(jsonValue:))
        // Answering a broken response with an error would look like an answer to one of the peer's
        // own requests (both sides number their requests alike): its id is reported separately.
        let isResponse = object["method"] == nil && (object["result"] != nil || object["error"] != nil)
        guard object["jsonrpc"] == "2.0" else {
            throw InvalidMessageError(
                reason: "\"jsonrpc\" must be \"2.0\"",
                requestID: isResponse ? nil : id,
                responseID: isResponse ? id : nil,
                excerpt: Self.excerpt(json)
            )
        }
        if let method = object["method"] {
            guard case .string(let name) = method else {
                throw InvalidMessageError(reason: "\"method\" must be a string", requestID: id, excerpt: Self.excerpt(json))
            }
            var params: JSONObject?
            switch object["params"] {
            case nil, .null?: params = nil
            case .object(let value)?: params = value
            case let other?:
                throw InvalidMessageError(
                    reason: "\"params\" must be an object, found \(other.typeName)", requestID: id, excerpt: Self.excerpt(json)
                )
            }
            switch rawID {
            case nil:
                self = .notification(JSONRPCNotification(method: name, params: params))
            case let raw?:
                guard let id else {
                    throw InvalidMessageError(
                        reason: "\"id\" must be a string or an integer, found \(raw.typeName)", excerpt: Self.excerpt(json)
                    )
                }
                self = .request(JSONRPCRequest(id: id, method: name, params: params))
            }
            return
        }
        if let result = object["result"] {
            guard let id else {
                throw InvalidMessageError(reason: "a response needs a string or integer \"id\"", excerpt: Self.excerpt(json))
            }
            self = .response(JSONRPCResponse(id: id, result: result))
            return
        }
        if let error = object["error"] {
            guard case .object(let fields) = error, let code = fields["code"]?.intValue else {
                throw InvalidMessageError(reason: "\"error\" must be an object with an integer \"code\"", responseID: id, excerpt: Self.excerpt(json))
            }
            let message = fields["message"]?.stringValue ?? ""
            self = .errorResponse(
                JSONRPCErrorResponse(id: id, error: MCPError(code: ErrorCode(rawValue: code), message: message, data: fields["data"]))
            )
            return
        }
        throw InvalidMessageError(
            reason: "not a request, notification or response (no \"method\", \"result\" or \"error\")",
            requestID: id,
            excerpt: Self.excerpt(json)
        )
    }

    private static func excerpt(_ json: JSONValue) -> String {
        String(json.jsonString().prefix(200))
    }
}

extension JSONRPCMessage: CustomStringConvertible {
    public var description: String { jsonValue.jsonString() }
}
