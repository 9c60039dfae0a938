/// A JSON object: string keys mapped to ``JSONValue``s, in the order they were written.
///
/// Lookups are by key; iteration follows insertion order, so what a server sends is re-encoded
/// in the same order. Equality ignores order, as JSON does.
public struct JSONObject: Sendable {
    /// One member, in place: a single array of these is the whole object.
    struct Member: Sendable {
        var key: String
        var value: JSONValue
    }

    /// The members in insertion order. Most objects on the wire have a handful of members, so a
    /// single array searched linearly beats a hash table (one allocation instead of two or three,
    /// no hashing); ``index`` takes over for large objects.
    private(set) var members: [Member]
    /// Each key's position in ``members``, built once an object outgrows linear search.
    private var index: [String: Int]?

    /// Objects with more members than this are searched through ``index``.
    private static let linearSearchLimit = 12

    /// An empty object.
    public init() {
        members = []
    }

    /// An object with the given members; for a repeated key the last value wins.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        self.members = []
        self.members.reserveCapacity(members.underestimatedCount)
        for (key, value) in members { self[key] = value }
    }

    /// An object with the members of a dictionary, keys sorted so the result is deterministic.
    public init(_ dictionary: [String: JSONValue]) {
        self.init(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// Creates an object with room for `capacity` members.
    public init(minimumCapacity capacity: Int) {
        members = []
        members.reserveCapacity(capacity)
    }

    /// The position of `key` in ``members``.
    @inline(__always)
    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        for position in members.indices where members[position].key == key { return position }
        return nil
    }

    /// The value for `key`, or `nil`. Assigning `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return members[position].value
        }
        set {
            guard let newValue else {
                removeValue(forKey: key)
                return
            }
            if let position = position(of: key) {
                members[position].value = newValue
            } else {
                append(key, newValue)
            }
        }
    }

    /// Changes the value of the member named `key`, in place; does nothing when there is none.
    mutating func modifyValue(forKey key: String, _ body: (inout JSONValue) -> Void) {
        guard let position = position(of: key) else { return }
        body(&members[position].value)
    }

    /// Appends a member whose key is known to be new.
    private mutating func append(_ key: String, _ value: JSONValue) {
        members.append(Member(key: key, value: value))
        if index != nil {
            index![key] = members.count - 1
        } else if members.count > Self.linearSearchLimit {
            rebuildIndex()
        }
    }

    private mutating func rebuildIndex() {
        var index = [String: Int](minimumCapacity: members.count)
        for position in members.indices { index[members[position].key] = position }
        self.index = index
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys, in order.
    public var keys: [String] { members.map(\.key) }

    /// The values, in key order.
    public var values: [JSONValue] { members.map(\.value) }

    /// Whether the object has a member named `key`.
    public func contains(key: String) -> Bool { position(of: key) != nil }

    /// Removes and returns the member named `key`.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = position(of: key) else { return nil }
        let removed = members.remove(at: position).value
        if index != nil {
            if members.count > Self.linearSearchLimit {
                index!.removeValue(forKey: key)
                for later in position..<members.count { index![members[later].key] = later }
            } else {
                index = nil
            }
        }
        return removed
    }

    /// Adds the members of `other`; where both have a key, `other`'s value wins.
    public mutating func merge(_ other: JSONObject) {
        for member in other.members { self[member.key] = member.value }
    }

    /// This object with the members of `other` added; where both have a key, `other`'s value wins.
    public func merging(_ other: JSONObject) -> JSONObject {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// The members as a Swift dictionary (order is lost).
    public var dictionary: [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0.value) })
    }
}

extension JSONObject: Sequence {
    /// Iterates the members in order.
    public struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[Member]>

        public mutating func next() -> (key: String, value: JSONValue)? {
            guard let member = base.next() else { return nil }
            return (member.key, member.value)
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(base: members.makeIterator())
    }

    public var underestimatedCount: Int { members.count }
}

extension JSONObject: Hashable {
    /// Objects are equal when they have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine a commutative sum of per-member hashes.
        var sum = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member.key)
            memberHasher.combine(member.value)
            sum &+= memberHasher.finalize()
        }
        hasher.combine(members.count)
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
