import MCPCore

/// What libFuzzer runs on each input: one frame of untrusted bytes through the JSON-RPC/MCP decoder.
///
/// Beyond "never crashes", checks that nothing is lost: every decoded message survives
/// encode → decode unchanged, every parsed value is a fixed point of write → parse, and the
/// typed MCP decoders (what the session applies to results and server requests) never trap.
///
/// One loss is by design: a number beyond `Double`'s range (`1e400`) parses as ±infinity, as
/// JavaScript's and Python's parsers do, and non-finite numbers are written as `null`, as
/// `JSON.stringify` does (`MCPCoreTests` pins both). Values holding one are compared with it as
/// `null`, and such messages by their encoding being a fixed point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessageDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    if let value = try? JSONValue(parsing: bytes) {
        let written = value.jsonBytes()
        guard let again = try? JSONValue(parsing: written), again == finite(value) else {
            fatalError("write → parse changed the value: \(value) became \(String(decoding: written, as: UTF8.self))")
        }
    }
    for result in JSONRPCMessage.decodeFrame(bytes) {
        guard case .success(let message) = result else { continue }
        let encoded = message.jsonBytes()
        let decoded = JSONRPCMessage.decodeFrame(encoded)
        let holdsNonFinite = (try? JSONValue(parsing: encoded)).map { $0 != finite($0) } ?? false
            || (try? JSONValue(parsing: bytes)).map { $0 != finite($0) } ?? false
        guard decoded.count == 1, case .success(let roundTripped) = decoded[0],
            holdsNonFinite ? roundTripped.jsonBytes() == encoded : roundTripped == message
        else {
            fatalError("encode → decode changed the message: \(message) became \(decoded)")
        }
        decodeTyped(message)
    }
    return 0
}

/// `value` with every non-finite number replaced by `null`: what writing it produces.
private func finite(_ value: JSONValue) -> JSONValue {
    switch value {
    case .double(let number) where !number.isFinite:
        return .null
    case .array(let items):
        return .array(items.map(finite))
    case .object(let object):
        return .object(JSONObject(object.keys.map { ($0, finite(object[$0] ?? .null)) }))
    default:
        return value
    }
}

/// Applies the typed decoders a client uses to whatever the message carries; failures are fine.
private func decodeTyped(_ message: JSONRPCMessage) {
    let payload: JSONValue
    switch message {
    case .request(let request): payload = .object(request.params ?? [:])
    case .notification(let notification): payload = .object(notification.params ?? [:])
    case .response(let response): payload = response.result
    case .errorResponse(let response): payload = response.error.data ?? .null
    }
    roundTrip(InitializeResult.self, payload)
    roundTrip(CallToolResult.self, payload)
    roundTrip(ListToolsResult.self, payload)
    roundTrip(ListResourcesResult.self, payload)
    roundTrip(ListResourceTemplatesResult.self, payload)
    roundTrip(ReadResourceResult.self, payload)
    roundTrip(ListPromptsResult.self, payload)
    roundTrip(GetPromptResult.self, payload)
    roundTrip(CompleteResult.self, payload)
    roundTrip(CreateMessageRequestParams.self, payload)
    roundTrip(ElicitRequestParams.self, payload)
    roundTrip(ProgressNotificationParams.self, payload)
    roundTrip(LoggingMessageNotificationParams.self, payload)
    roundTrip(CancelledNotificationParams.self, payload)
}

/// Decodes `payload` as `type` and, when that works, encodes and decodes the value again.
private func roundTrip<T: Codable>(_ type: T.Type, _ payload: JSONValue) {
    guard let value = try? payload.decode(T.self) else { return }
    guard let encoded = try? JSONValue(encoding: value) else {
        fatalError("\(T.self) decoded from \(payload) but does not encode")
    }
    _ = try? encoded.decode(T.self)
}
