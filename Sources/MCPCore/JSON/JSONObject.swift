internal import OrderedCollections

/// A JSON object: string keys mapped to ``JSONValue``s, in the order they were written.
///
/// Lookups are by key; iteration follows insertion order, so what a server sends is re-encoded
/// in the same order. Equality ignores order, as JSON does.
public struct JSONObject: Sendable {
    var storage: OrderedDictionary<String, JSONValue>

    /// An empty object.
    public init() {
        storage = [:]
    }

    /// An object with the given members; for a repeated key the last value wins.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        var storage = OrderedDictionary<String, JSONValue>()
        for (key, value) in members { storage[key] = value }
        self.storage = storage
    }

    /// An object with the members of a dictionary, keys sorted so the result is deterministic.
    public init(_ dictionary: [String: JSONValue]) {
        self.init(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// Creates an object with room for `capacity` members.
    public init(minimumCapacity capacity: Int) {
        storage = OrderedDictionary(minimumCapacity: capacity)
    }

    /// The value for `key`, or `nil`. Assigning `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    /// The number of members.
    public var count: Int { storage.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { storage.isEmpty }

    /// The keys, in order.
    public var keys: [String] { Array(storage.keys) }

    /// The values, in key order.
    public var values: [JSONValue] { Array(storage.values) }

    /// Whether the object has a member named `key`.
    public func contains(key: String) -> Bool { storage.index(forKey: key) != nil }

    /// Removes and returns the member named `key`.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        storage.removeValue(forKey: key)
    }

    /// Adds the members of `other`; where both have a key, `other`'s value wins.
    public mutating func merge(_ other: JSONObject) {
        for (key, value) in other { storage[key] = value }
    }

    /// This object with the members of `other` added; where both have a key, `other`'s value wins.
    public func merging(_ other: JSONObject) -> JSONObject {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// The members as a Swift dictionary (order is lost).
    public var dictionary: [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: storage.map { ($0.key, $0.value) })
    }
}

extension JSONObject: Sequence {
    /// Iterates the members in order.
    public struct Iterator: IteratorProtocol {
        var base: OrderedDictionary<String, JSONValue>.Iterator

        public mutating func next() -> (key: String, value: JSONValue)? {
            base.next()
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(base: storage.makeIterator())
    }

    public var underestimatedCount: Int { storage.count }
}

extension JSONObject: Hashable {
    /// Objects are equal when they have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        for (key, value) in lhs.storage {
            guard let other = rhs.storage[key], other == value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine a commutative sum of per-member hashes.
        var sum = 0
        for (key, value) in storage {
            var memberHasher = Hasher()
            memberHasher.combine(key)
            memberHasher.combine(value)
            sum &+= memberHasher.finalize()
        }
        hasher.combine(storage.count)
        hasher.combine(sum)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: CustomStringConvertible, CustomDebugStringConvertible {
    /// The compact JSON text of this object.
    public var description: String { JSONValue.object(self).jsonString() }

    public var debugDescription: String { "JSONObject(\(description))" }
}
