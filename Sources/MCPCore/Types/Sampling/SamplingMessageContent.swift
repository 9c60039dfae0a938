/// The content of a sampling message: a single block, or (2025-11-25) an array of blocks.
///
/// The two shapes are kept apart so a message re-encodes exactly as it was received, and so a
/// client speaking an older protocol version can avoid sending an array. Use ``blocks`` to
/// read either shape uniformly.
public enum SamplingMessageContent: Hashable, Sendable {
    /// One block, sent as a JSON object.
    case single(SamplingContent)
    /// Several blocks, sent as a JSON array (2025-11-25).
    case multiple([SamplingContent])

    /// Content of one or several blocks: ``single(_:)`` for exactly one, ``multiple(_:)`` otherwise.
    public init(_ blocks: [SamplingContent]) {
        self = blocks.count == 1 ? .single(blocks[0]) : .multiple(blocks)
    }

    /// The blocks, whichever the shape.
    public var blocks: [SamplingContent] {
        switch self {
        case .single(let block): return [block]
        case .multiple(let blocks): return blocks
        }
    }

    /// The text of every text block, joined with newlines.
    public var text: String {
        blocks.compactMap(\.text).joined(separator: "\n")
    }

    /// The tool calls among the blocks (2025-11-25).
    public var toolUses: [ToolUseContent] {
        blocks.compactMap { block in
            if case .toolUse(let content) = block { return content }
            return nil
        }
    }

    /// The tool results among the blocks (2025-11-25).
    public var toolResults: [ToolResultContent] {
        blocks.compactMap { block in
            if case .toolResult(let content) = block { return content }
            return nil
        }
    }

    /// A single text block.
    public static func text(_ text: String, annotations: Annotations? = nil) -> SamplingMessageContent {
        .single(.text(text, annotations: annotations))
    }
}

extension SamplingMessageContent: Codable {
    public init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var blocks: [SamplingContent] = []
            if let count = array.count { blocks.reserveCapacity(count) }
            while !array.isAtEnd {
                blocks.append(try array.decode(SamplingContent.self))
            }
            self = .multiple(blocks)
        } else {
            self = .single(try SamplingContent(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .single(let block):
            try block.encode(to: encoder)
        case .multiple(let blocks):
            var container = encoder.unkeyedContainer()
            for block in blocks { try container.encode(block) }
        }
    }
}
