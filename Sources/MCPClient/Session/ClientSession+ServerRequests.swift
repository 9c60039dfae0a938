import MCPCore

extension ClientSession {
    /// Answers a request from the server: `ping` directly, sampling, elicitation and roots with
    /// the installed handlers, anything else with "method not found".
    func handleServerRequest(_ request: JSONRPCRequest) async throws -> JSONValue {
        dispatcher.enqueue(.request(request))
        let context = RequestContext(
            requestID: request.id,
            meta: request.params?["_meta"]?.objectValue,
            protocolVersion: protocolVersion
        )
        switch request.method {
        case "ping":
            return [:]
        case CreateMessageRequestParams.method:
            return try await answerSampling(try Self.decodeParams(CreateMessageRequestParams.self, request), context: context)
        case ElicitRequestParams.method:
            return try await answerElicitation(try Self.decodeParams(ElicitRequestParams.self, request), context: context)
        case ListRootsRequestParams.method:
            return try await answerRoots(context: context)
        default:
            throw MCPError.methodNotFound(request.method)
        }
    }

    private static func decodeParams<Params: Decodable>(_ type: Params.Type, _ request: JSONRPCRequest) throws -> Params {
        do {
            return try JSONValue.object(request.params ?? [:]).decode(Params.self)
        } catch let error as DecodingError {
            throw MCPError.invalidParams("invalid \(request.method) parameters: \(error.pathDescription)")
        }
    }

    func answerSampling(_ params: CreateMessageRequestParams, context: RequestContext) async throws -> JSONValue {
        guard let handler = handlers.sampling else {
            throw MCPError.methodNotFound(CreateMessageRequestParams.method)
        }
        if params.tools != nil || params.toolChoice != nil, handlers.samplingCapability.tools == nil {
            throw MCPError.invalidParams("the client did not declare sampling.tools, so a request may not carry tools or toolChoice")
        }
        let result = try await handler(params, context)
        if let version = protocolVersion, let problem = ProtocolCompatibility.problem(with: result, in: version) {
            throw MCPError.internalError("the sampling handler's result cannot be sent in protocol \(version): \(problem)")
        }
        return try Self.encodeResult(result)
    }

    func answerElicitation(_ params: ElicitRequestParams, context: RequestContext) async throws -> JSONValue {
        guard let handler = handlers.elicitation else {
            throw MCPError.methodNotFound(ElicitRequestParams.method)
        }
        let mode: ElicitationMode?
        switch params {
        case .form: mode = .form
        case .url: mode = .url
        default: mode = nil
        }
        guard let mode, handlers.elicitationModes.contains(mode) else {
            throw MCPError.invalidParams("the client does not support this elicitation mode")
        }
        var result = try await handler(params, context)
        if case .form(let form) = params, result.action == .accept {
            result.content = Self.withDefaults(result.content ?? [:], from: form.requestedSchema)
        }
        if let version = protocolVersion, let problem = ProtocolCompatibility.problem(with: result, in: version) {
            throw MCPError.internalError("the elicitation handler's result cannot be sent in protocol \(version): \(problem)")
        }
        return try Self.encodeResult(result)
    }

    /// An accepted form's content with the schema's `default` filled in for each field the
    /// answer left out (SEP-1034): what a form pre-filled with the defaults would have returned.
    static func withDefaults(_ content: JSONObject, from schema: ElicitationSchema) -> JSONObject {
        var content = content
        for property in schema.properties where content[property.name] == nil {
            // Only values an elicitation answer can carry (the official schemas allow strings,
            // integers, booleans and string arrays).
            switch (try? JSONValue(encoding: property.schema))?["default"] {
            case let value? where value.stringValue != nil || value.intValue != nil || value.boolValue != nil:
                content[property.name] = value
            case .array(let items)? where items.allSatisfy({ $0.stringValue != nil }):
                content[property.name] = .array(items)
            default:
                break
            }
        }
        return content
    }

    func answerRoots(context: RequestContext) async throws -> JSONValue {
        guard let handler = handlers.roots else {
            throw MCPError.methodNotFound(ListRootsRequestParams.method)
        }
        return try Self.encodeResult(ListRootsResult(roots: try await handler(context)))
    }

    private static func encodeResult(_ result: some Encodable) throws -> JSONValue {
        do {
            return try JSONValue(encoding: result)
        } catch {
            throw MCPError.internalError("the handler's result could not be encoded: \(error)")
        }
    }

    /// Fulfils the input requests of an `input_required` result with the installed handlers
    /// (concurrently) and returns the parameters for the retry: `inputResponses` keyed as the
    /// server keyed its requests, and `requestState` echoed unchanged (absent if it was absent).
    func prepareRetry(_ params: JSONObject, answering inputRequired: InputRequiredResult) async throws -> JSONObject {
        let responses = try await answer(inputRequired.inputRequests ?? [:])
        var params = params
        if responses.isEmpty {
            params.removeValue(forKey: "inputResponses")
        } else {
            params["inputResponses"] = .object(responses)
        }
        if let requestState = inputRequired.requestState {
            params["requestState"] = .string(requestState)
        } else {
            params.removeValue(forKey: "requestState")
        }
        return params
    }

    /// Answers the server's input requests (of an `input_required` result or a task) with the
    /// installed handlers, concurrently: the answers keyed as the requests were, in their order.
    func answer(_ requests: InputRequests) async throws -> JSONObject {
        let version = protocolVersion
        let answers = try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
            for (key, request) in requests {
                let context = RequestContext(inputKey: key, protocolVersion: version)
                group.addTask {
                    do {
                        switch request {
                        case .sampling(let params): return (key, try await self.answerSampling(params, context: context))
                        case .elicitation(let params): return (key, try await self.answerElicitation(params, context: context))
                        case .roots: return (key, try await self.answerRoots(context: context))
                        case .unknown(let method, _):
                            throw ClientError(.invalidResponse, "the server asked for input with unknown method \(method)")
                        }
                    } catch let error as MCPError where error.code == .methodNotFound {
                        throw ClientError(
                            .capabilityNotSupported,
                            "the server needs input this client has no handler for (\(error.message))",
                            underlyingError: error
                        )
                    }
                }
            }
            var answers: [String: JSONValue] = [:]
            for try await (key, answer) in group { answers[key] = answer }
            return answers
        }
        // Keys in the server's order, for readable traces.
        var responses = JSONObject()
        for (key, _) in requests { responses[key] = answers[key] }
        return responses
    }
}
