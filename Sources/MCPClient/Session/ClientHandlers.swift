public import MCPCore

/// What a client does when the server asks something of it or tells it something.
///
/// Each request handler the client installs adds the matching capability to what it declares
/// (sampling, elicitation, roots); a capability is never declared without its handler, and a
/// request with no handler is answered with the JSON-RPC "method not found" error.
///
/// Request handlers run concurrently, each in its own task, so a slow one never delays other
/// traffic; when the server cancels its request, the handler's task is cancelled. Notification
/// callbacks run one at a time, in the order the notifications arrived, off the connection's
/// reader.
public struct ClientHandlers: Sendable {
    /// Answers `sampling/createMessage`: run the model and return its message.
    public var sampling: (@Sendable (CreateMessageRequestParams, RequestContext) async throws -> CreateMessageResult)?
    /// Which sampling features to declare alongside ``sampling`` (for example tool use).
    public var samplingCapability: ClientCapabilities.Sampling

    /// Answers `elicitation/create`: ask the user and return their answer.
    public var elicitation: (@Sendable (ElicitRequestParams, RequestContext) async throws -> ElicitResult)?
    /// Which elicitation modes to declare alongside ``elicitation``.
    public var elicitationModes: Set<ElicitationMode>

    /// Answers `roots/list`: the directories and files the server may work with.
    public var roots: (@Sendable (RequestContext) async throws -> [Root])?
    /// Whether the client will send `notifications/roots/list_changed` (declared with ``roots``).
    public var rootsListChanged: Bool

    /// Receives log messages (`notifications/message`).
    public var onLogMessage: (@Sendable (LoggingMessageNotificationParams) async -> Void)?
    /// Receives every progress notification, including those of requests that have their own
    /// progress callback.
    public var onProgress: (@Sendable (ProgressNotificationParams) async -> Void)?
    /// Receives `notifications/resources/updated`.
    public var onResourceUpdated: (@Sendable (ResourceUpdatedNotificationParams) async -> Void)?
    /// Receives the list-changed notifications of tools, resources and prompts.
    public var onListChanged: (@Sendable (ListKind) async -> Void)?
    /// Receives `notifications/elicitation/complete` (URL-mode elicitation finished).
    public var onElicitationComplete: (@Sendable (ElicitationCompleteNotificationParams) async -> Void)?
    /// Receives `notifications/tasks/status`.
    public var onTaskStatus: (@Sendable (TaskStatusNotificationParams) async -> Void)?
    /// Receives every notification, typed, after the specific callbacks above.
    public var onNotification: (@Sendable (ServerNotification) async -> Void)?
    /// Receives everything else worth knowing: malformed messages, responses to unknown ids,
    /// the connection closing.
    public var onMessage: (@Sendable (IncomingMessage) async -> Void)?

    /// Creates handlers; by default none, so the client declares no optional capability.
    public init(
        sampling: (@Sendable (CreateMessageRequestParams, RequestContext) async throws -> CreateMessageResult)? = nil,
        samplingCapability: ClientCapabilities.Sampling = .init(),
        elicitation: (@Sendable (ElicitRequestParams, RequestContext) async throws -> ElicitResult)? = nil,
        elicitationModes: Set<ElicitationMode> = [.form, .url],
        roots: (@Sendable (RequestContext) async throws -> [Root])? = nil,
        rootsListChanged: Bool = true,
        onLogMessage: (@Sendable (LoggingMessageNotificationParams) async -> Void)? = nil,
        onProgress: (@Sendable (ProgressNotificationParams) async -> Void)? = nil,
        onResourceUpdated: (@Sendable (ResourceUpdatedNotificationParams) async -> Void)? = nil,
        onListChanged: (@Sendable (ListKind) async -> Void)? = nil,
        onElicitationComplete: (@Sendable (ElicitationCompleteNotificationParams) async -> Void)? = nil,
        onTaskStatus: (@Sendable (TaskStatusNotificationParams) async -> Void)? = nil,
        onNotification: (@Sendable (ServerNotification) async -> Void)? = nil,
        onMessage: (@Sendable (IncomingMessage) async -> Void)? = nil
    ) {
        self.sampling = sampling
        self.samplingCapability = samplingCapability
        self.elicitation = elicitation
        self.elicitationModes = elicitationModes
        self.roots = roots
        self.rootsListChanged = rootsListChanged
        self.onLogMessage = onLogMessage
        self.onProgress = onProgress
        self.onResourceUpdated = onResourceUpdated
        self.onListChanged = onListChanged
        self.onElicitationComplete = onElicitationComplete
        self.onTaskStatus = onTaskStatus
        self.onNotification = onNotification
        self.onMessage = onMessage
    }

    /// The capabilities these handlers justify declaring, on top of `base` (whose experimental
    /// and extension entries are kept).
    public func capabilities(base: ClientCapabilities = .init()) -> ClientCapabilities {
        var capabilities = base
        if sampling != nil { capabilities.sampling = samplingCapability }
        if elicitation != nil {
            capabilities.elicitation = ClientCapabilities.Elicitation(
                form: elicitationModes.contains(.form) ? [:] : nil,
                url: elicitationModes.contains(.url) ? [:] : nil
            )
        }
        if roots != nil { capabilities.roots = ClientCapabilities.Roots(listChanged: rootsListChanged ? true : nil) }
        return capabilities
    }
}

/// A way of asking the user for information (2025-11-25).
public enum ElicitationMode: String, Sendable, Hashable, CaseIterable {
    /// A form with fields, shown by the client.
    case form
    /// A web page the user visits, outside the client.
    case url
}

/// The kinds of list a server can announce a change of.
public enum ListKind: String, Sendable, Hashable, CaseIterable {
    /// `notifications/tools/list_changed`.
    case tools
    /// `notifications/resources/list_changed`.
    case resources
    /// `notifications/prompts/list_changed`.
    case prompts
}

/// What a request handler knows about the server's request.
public struct RequestContext: Sendable {
    /// The JSON-RPC id of the server's request; `nil` when the request arrived inside an
    /// `input_required` result (2026-07-28), which has a key instead.
    public var requestID: RequestID?
    /// The key of the request in an `input_required` result (2026-07-28).
    public var inputKey: String?
    /// The request's `_meta`, if any.
    public var meta: JSONObject?
    /// The protocol version in use.
    public var protocolVersion: ProtocolVersion?

    /// Creates a context.
    public init(requestID: RequestID? = nil, inputKey: String? = nil, meta: JSONObject? = nil, protocolVersion: ProtocolVersion? = nil) {
        self.requestID = requestID
        self.inputKey = inputKey
        self.meta = meta
        self.protocolVersion = protocolVersion
    }
}
