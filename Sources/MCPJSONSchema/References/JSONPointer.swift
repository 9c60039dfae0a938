import MCPCore

/// RFC 6901 JSON Pointer helpers. Pointers are kept in their escaped text form (`/a~1b/0`),
/// which is cheap to hash, to append to and to print.
enum JSONPointer {
    /// `token` escaped for use as one pointer segment (`~` → `~0`, `/` → `~1`).
    static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        var escaped = ""
        escaped.reserveCapacity(token.utf8.count + 2)
        for character in token {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// `pointer` with `token` appended as one more segment.
    static func appending(_ pointer: String, _ token: String) -> String {
        pointer + "/" + escape(token)
    }

    /// `pointer` with an array index appended.
    static func appending(_ pointer: String, _ index: Int) -> String {
        pointer + "/" + String(index)
    }

    /// The unescaped segments of `pointer`, or `nil` if it is not a valid pointer
    /// (it must be empty or start with `/`, and `~` must be followed by `0` or `1`).
    static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let token = unescape(raw) else { return nil }
            tokens.append(token)
        }
        return tokens
    }

    private static func unescape(_ raw: Substring) -> String? {
        guard raw.contains("~") else { return String(raw) }
        var token = ""
        var iterator = raw.makeIterator()
        while let character = iterator.next() {
            if character == "~" {
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: return nil
                }
            } else {
                token.append(character)
            }
        }
        return token
    }

    /// The pointer, re-escaped from its segments (normalizes nothing, but validates).
    static func normalized(_ pointer: String) -> String? {
        guard let tokens = tokens(pointer) else { return nil }
        return tokens.reduce(into: "") { $0 += "/" + escape($1) }
    }

    /// The value `pointer` designates inside `root`, or `nil` if there is none.
    static func resolve(_ pointer: String, in root: JSONValue) -> JSONValue? {
        guard let tokens = tokens(pointer) else { return nil }
        var current = root
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let array):
                // Array indices are decimal without leading zeros (RFC 6901 section 4).
                guard let index = Int(token), String(index) == token, array.indices.contains(index) else { return nil }
                current = array[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The pointer for a sequence of instance path components.
    static func string(from components: [InstancePathComponent]) -> String {
        var pointer = ""
        for component in components {
            switch component {
            case .key(let key): pointer += "/" + escape(key)
            case .index(let index): pointer += "/" + String(index)
            }
        }
        return pointer
    }
}

/// One step into a JSON instance: a member name or an array index.
enum InstancePathComponent: Sendable {
    case key(String)
    case index(Int)
}
