public import MCPCore

/// How a ``ClientSessionGroup`` names the tools, prompts, resources and templates it aggregates.
public enum GroupNaming: Sendable {
    /// Names stay as the servers give them, except where two servers use the same name: then
    /// each colliding name is prefixed with its server's name (`time_now`, `clock_now`).
    case prefixOnCollision(separator: String = "_")
    /// Every name is prefixed with its server's name.
    case alwaysPrefix(separator: String = "_")
    /// Names stay as the servers give them; a collision is an error
    /// (``ClientSessionGroup/GroupError/nameCollision(kind:name:servers:)``).
    case strict
    /// Your function names each component: its kind, its name on its server, and the server.
    case custom(@Sendable (ComponentKind, String, ServerIdentity) -> String)

    /// The default: prefix only what collides.
    public static var `default`: GroupNaming { .prefixOnCollision() }
}

/// The kinds of component a group aggregates.
public enum ComponentKind: String, Sendable, Hashable, CaseIterable {
    /// Tools.
    case tool
    /// Prompts.
    case prompt
    /// Resources.
    case resource
    /// Resource templates.
    case resourceTemplate
}

/// A member server as the naming function sees it.
public struct ServerIdentity: Sendable, Hashable {
    /// The name the server was added under.
    public var name: String
    /// What the server says about itself, once connected.
    public var info: Implementation?
}

extension GroupNaming {
    /// Applies the policy to every `(server, name)` of one kind, returning the exposed names in the
    /// same order, or the collisions when the policy is strict.
    func assign(_ kind: ComponentKind, _ items: [(server: ServerIdentity, name: String)]) -> Result<[String], ClientSessionGroup.GroupError> {
        var counts: [String: Int] = [:]
        for item in items { counts[item.name, default: 0] += 1 }
        switch self {
        case .strict:
            if let (name, _) = counts.first(where: { $0.value > 1 }) {
                let servers = items.filter { $0.name == name }.map(\.server.name)
                return .failure(.nameCollision(kind: kind, name: name, servers: servers))
            }
            return .success(items.map(\.name))
        case .custom(let function):
            return .success(items.map { function(kind, $0.name, $0.server) })
        case .alwaysPrefix(let separator):
            return .success(items.map { Self.prefixed($0.server.name, separator, $0.name, kind: kind) })
        case .prefixOnCollision(let separator):
            return .success(items.map { counts[$0.name, default: 0] > 1 ? Self.prefixed($0.server.name, separator, $0.name, kind: kind) : $0.name })
        }
    }

    /// `server + separator + name`, made a valid tool name for tools: only `A-Z a-z 0-9 _ - .`
    /// and at most 128 characters, as the specification asks of tool names.
    static func prefixed(_ server: String, _ separator: String, _ name: String, kind: ComponentKind) -> String {
        let joined = server + separator + name
        guard kind == .tool else { return joined }
        let allowed = joined.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-", ".": return Character(scalar)
            default: return "_"
            }
        }
        return String(allowed.prefix(128))
    }
}
