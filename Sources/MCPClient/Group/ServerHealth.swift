public import MCPCore

/// The state of one member of a ``ClientSessionGroup``.
public struct ServerHealth: Sendable {
    /// Where a member stands.
    public enum State: Sendable, Hashable {
        /// Connecting (or reconnecting).
        case connecting
        /// Connected and answering.
        case connected
        /// Not connected; see ``ServerHealth/lastError``. It may be retried.
        case failed
        /// Removed or the group closed.
        case disconnected
    }

    /// The member's name.
    public var name: String
    /// Where it stands.
    public var state: State
    /// What the server says about itself, once connected.
    public var serverInfo: Implementation?
    /// The protocol version in use, once connected.
    public var protocolVersion: ProtocolVersion?
    /// Why it last failed (to connect, or later).
    public var lastError: (any Error)?
    /// How long the last ping took, if one was measured.
    public var pingLatency: Duration?
    /// How many times it has been reconnected.
    public var reconnections: Int
}
