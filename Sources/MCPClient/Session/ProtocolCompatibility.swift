import MCPCore

/// What each protocol version can carry, so the client never sends a message the negotiated
/// version's schema rejects (strict in what we send).
enum ProtocolCompatibility {
    /// Why `result` cannot be sent in `version`, or `nil` if it can.
    static func problem(with result: CreateMessageResult, in version: ProtocolVersion) -> String? {
        let blocks = result.content.blocks
        if case .multiple = result.content, version < .v2025_11_25 {
            return "several content blocks need protocol 2025-11-25 or later"
        }
        for block in blocks {
            switch block {
            case .audio where version < .v2025_03_26:
                return "audio content needs protocol 2025-03-26 or later"
            case .toolUse where version < .v2025_11_25, .toolResult where version < .v2025_11_25:
                return "tool use in sampling needs protocol 2025-11-25 or later"
            default:
                continue
            }
        }
        return nil
    }

    /// Why `result` cannot be sent in `version`, or `nil` if it can.
    static func problem(with result: ElicitResult, in version: ProtocolVersion) -> String? {
        guard version < .v2025_11_25, let content = result.content else { return nil }
        for (name, value) in content {
            if case .array = value { return "the multi-select answer \"\(name)\" needs protocol 2025-11-25 or later" }
        }
        return nil
    }
}
