import MCPCore

/// The stateless era (2026-07-28): every request carries its own protocol version, client
/// capabilities and identity; results carry `resultType` and the server's identity.
extension ServerSession {
    /// Serves one request on a stateless connection. `envelope` is the request's metadata when
    /// the caller has already checked it.
    func handleStateless(_ request: JSONRPCRequest, envelope checked: RequestEnvelope? = nil) async throws -> JSONValue {
        let versions = server.configuration.statelessProtocolVersions
        if request.method == InitializeRequestParams.method {
            // As the specification's compatibility matrix has it: the handshake names a version,
            // and this connection serves only the stateless ones.
            let requested = request.params?["protocolVersion"]?.stringValue.map(ProtocolVersion.init(rawValue:)) ?? ""
            throw RequestEnvelope.unsupported(requested, advertised: versions)
        }
        let envelope = try checked ?? RequestEnvelope(params: request.params, supported: versions, advertised: versions)
        let result: JSONValue
        switch request.method {
        case DiscoverRequestParams.method:
            _ = try decode(DiscoverRequestParams.self, request)
            let hint = server.configuration.cacheHint
            var discovered = DiscoverResult(
                supportedVersions: versions,
                capabilities: server.declaredCapabilities(handshakeVersion: nil),
                instructions: server.configuration.instructions,
                ttlMs: hint.ttlMs,
                cacheScope: hint.scope
            )
            discovered.serverInfo = server.configuration.serverInfo
            result = try encode(discovered)
        case ListToolsRequestParams.method:
            result = try cacheable(encode(listTools(try decode(ListToolsRequestParams.self, request), keepingExecution: false)))
        case ListResourcesRequestParams.method:
            result = try cacheable(encode(listResources(try decode(ListResourcesRequestParams.self, request))))
        case ListResourceTemplatesRequestParams.method:
            result = try cacheable(encode(listResourceTemplates(try decode(ListResourceTemplatesRequestParams.self, request))))
        case ListPromptsRequestParams.method:
            result = try cacheable(encode(listPrompts(try decode(ListPromptsRequestParams.self, request))))
        case CallToolRequestParams.method:
            let params = try decode(CallToolRequestParams.self, request)
            if let created = try callToolAsStatelessTask(params, request: request, envelope: envelope) {
                result = try encode(created)
            } else {
                result = try await answeringQuestions(request, envelope: envelope) { context in
                    try self.encode(try await self.callTool(params, context: context))
                }
            }
        case GetTaskRequestParams.method, UpdateTaskRequestParams.method, CancelTaskRequestParams.method:
            result = try handleStatelessTaskRequest(request, envelope: envelope)
        case GetPromptRequestParams.method:
            let params = try decode(GetPromptRequestParams.self, request)
            result = try await answeringQuestions(request, envelope: envelope) { context in
                try self.encode(try await self.getPrompt(params, context: context))
            }
        case ReadResourceRequestParams.method:
            let params = try decode(ReadResourceRequestParams.self, request)
            result = try await answeringQuestions(request, envelope: envelope) { context in
                do {
                    return try self.cacheable(self.encode(ReadResourceResult(contents: try await self.readResource(params.uri, context: context))))
                } catch let error as MCPError where error.code == .resourceNotFound {
                    // 2026-07-28 retired -32002 for an unknown resource in favour of -32602.
                    throw MCPError(code: .invalidParams, message: error.message, data: error.data)
                }
            }
        case CompleteRequestParams.method:
            let params = try decode(CompleteRequestParams.self, request)
            result = try encode(try await complete(params, context: statelessContext(for: request, envelope: envelope, round: nil)))
        case SubscriptionsListenRequestParams.method:
            result = try await listen(request, envelope: envelope)
        default:
            // Including the methods 2026-07-28 removed: ping, logging/setLevel,
            // resources/subscribe and resources/unsubscribe.
            throw MCPError.methodNotFound(request.method)
        }
        return stamped(result)
    }

    /// The context of a stateless request.
    func statelessContext(for request: JSONRPCRequest, envelope: RequestEnvelope, round: InputRound?) -> ServerContext {
        ServerContext(
            requestID: request.id,
            method: request.method,
            meta: request.params?["_meta"]?.objectValue,
            clientCapabilities: envelope.clientCapabilities,
            clientInfo: envelope.clientInfo,
            protocolVersion: envelope.protocolVersion,
            session: self,
            scope: .stateless(envelope, round)
        )
    }

    /// Runs `body` (the handler) for one round of a multi round-trip request: with the answers
    /// of earlier rounds (from the sealed `requestState`) and of this retry (`inputResponses`,
    /// only for the questions the last round asked). If the handler left questions open, the
    /// answer is an `input_required` result carrying them and the new state, whatever the handler
    /// returned or threw.
    private func answeringQuestions(
        _ request: JSONRPCRequest,
        envelope: RequestEnvelope,
        body: (ServerContext) async throws -> JSONValue
    ) async throws -> JSONValue {
        let params = request.params ?? [:]
        let codec = server.requestStateCodec
        let binding = RequestStateCodec.binding(method: request.method, params: params)
        var answers = JSONObject()
        if let token = params["requestState"] {
            guard let token = token.stringValue else { throw MCPError.invalidParams("requestState must be a string") }
            let state = try codec.open(token, method: request.method, binding: binding)
            answers = state.answers
            if let responses = params["inputResponses"] {
                guard let responses = responses.objectValue else { throw MCPError.invalidParams("inputResponses must be an object") }
                // Answers to questions this server did not ask are ignored, as the specification asks.
                for key in state.asked { if let answer = responses[key] { answers[key] = answer } }
            }
        }
        let round = InputRound(answers: answers, capabilities: envelope.clientCapabilities)
        let outcome: Result<JSONValue, any Error>
        do {
            outcome = .success(try await body(statelessContext(for: request, envelope: envelope, round: round)))
        } catch {
            outcome = .failure(error)
        }
        guard let pending = round.pendingRequests else { return try outcome.get() }
        try Task.checkCancellation()
        let known = round.knownAnswers
        guard known.count + pending.count <= InputRound.maximumQuestions else {
            throw MCPError.internalError("\(request.method) asked the client more than \(InputRound.maximumQuestions) questions")
        }
        let state = RequestStateCodec.Payload(
            method: request.method,
            binding: binding,
            expires: codec.expiryFromNow(),
            asked: pending.map(\.key),
            answers: known
        )
        var requests = InputRequests()
        for (key, question) in pending { requests[key] = question }
        return try encode(InputRequiredResult(inputRequests: requests, requestState: try codec.seal(state)))
    }

    /// Adds the caching hint to a cacheable result that has none of its own.
    private func cacheable(_ result: JSONValue) -> JSONValue {
        guard var object = result.objectValue else { return result }
        let hint = server.configuration.cacheHint
        if object["ttlMs"] == nil { object["ttlMs"] = .int(hint.ttlMs) }
        if object["cacheScope"] == nil { object["cacheScope"] = .string(hint.scope.rawValue) }
        return .object(object)
    }

    /// Adds `resultType` (unless the result has one, as `input_required` results do) and the
    /// server's identity in `_meta`, which 2026-07-28 results carry.
    private func stamped(_ result: JSONValue) -> JSONValue {
        guard var object = result.objectValue else { return result }
        var stampedObject: JSONObject = ["resultType": object.removeValue(forKey: "resultType") ?? .string(ResultType.complete.rawValue)]
        stampedObject.merge(object)
        var meta = stampedObject["_meta"]?.objectValue ?? [:]
        if meta[MetaKeys.serverInfo] == nil, let info = try? JSONValue(encoding: server.configuration.serverInfo) {
            meta[MetaKeys.serverInfo] = info
        }
        stampedObject["_meta"] = .object(meta)
        return .object(stampedObject)
    }
}
