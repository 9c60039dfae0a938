/// A coding key for any string or integer, for containers whose keys are not known in advance.
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int?

    public init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    public init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    /// A key for `string`.
    public init(_ string: String) {
        self.init(stringValue: string)
    }
}

/// A position inside a value being encoded or decoded, built as a linked list so descending one
/// level costs one small allocation instead of copying an array of keys.
final class CodingPathNode: Sendable {
    let parent: CodingPathNode?
    let key: AnyCodingKey?
    let depth: Int

    static let root = CodingPathNode(parent: nil, key: nil)

    private init(parent: CodingPathNode?, key: AnyCodingKey?) {
        self.parent = parent
        self.key = key
        self.depth = (parent?.depth ?? -1) + 1
    }

    func appending(_ key: some CodingKey) -> CodingPathNode {
        CodingPathNode(
            parent: self,
            key: key.intValue.map(AnyCodingKey.init(intValue:)) ?? AnyCodingKey(stringValue: key.stringValue)
        )
    }

    func appending(index: Int) -> CodingPathNode {
        CodingPathNode(parent: self, key: AnyCodingKey(intValue: index))
    }

    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        keys.reserveCapacity(depth)
        var node: CodingPathNode? = self
        while let current = node, let key = current.key {
            keys.append(key)
            node = current.parent
        }
        return keys.reversed()
    }
}

extension Array where Element == any CodingKey {
    /// The path as people read it: `content[0].text`, or `(root)` when empty.
    public var jsonPathDescription: String {
        var text = ""
        for key in self {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text.isEmpty ? "(root)" : text
    }
}

extension DecodingError {
    /// A one-line description naming the path of the offending value, e.g.
    /// `content[0].text: expected String, found number`.
    public var pathDescription: String {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.codingPath.jsonPathDescription): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let path = (context.codingPath + [key]).jsonPathDescription
            return "\(path): required member is missing"
        @unknown default:
            return String(describing: self)
        }
    }
}
