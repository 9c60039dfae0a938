public import MCPCore
import MCPJSONSchema

extension Client {
    /// One page of the server's tools.
    public func listTools(cursor: String? = nil, options: RequestOptions = .default) async throws -> ListToolsResult {
        let generation = toolCatalog.generation
        let page = try await send(ListToolsRequestParams(cursor: cursor), options: options)
        toolCatalog.record(page.tools, complete: false, generation: generation)
        return page
    }

    /// All of the server's tools, every page.
    public func listAllTools(options: RequestOptions = .default) async throws -> [Tool] {
        let generation = toolCatalog.generation
        let tools = try await allPages(ListToolsRequestParams.self, options: options)
        toolCatalog.record(tools, complete: true, generation: generation)
        return tools
    }

    /// Calls a tool.
    ///
    /// A tool that fails reports it in the result (`isError`); this method returns such results.
    /// Use ``CallToolResult/throwingIfError(toolName:)`` or ``callTool(_:arguments:as:options:)``
    /// to treat them as errors.
    ///
    /// - Parameters:
    ///   - name: The tool's name.
    ///   - arguments: The arguments, as a JSON object.
    ///   - meta: Members to send in the request's `_meta`.
    ///   - options: Timeout and progress for this call.
    public func callTool(
        _ name: String,
        arguments: JSONObject? = nil,
        meta: JSONObject? = nil,
        options: RequestOptions = .default
    ) async throws -> CallToolResult {
        try await checkedCall(CallToolRequestParams(name: name, arguments: arguments, meta: meta), options: options)
    }

    /// Calls a tool with arguments given as any `Encodable` value that encodes as a JSON object
    /// (a struct, a dictionary, …).
    public func callTool(
        _ name: String,
        arguments: some Encodable & Sendable,
        meta: JSONObject? = nil,
        options: RequestOptions = .default
    ) async throws -> CallToolResult {
        // Not `callTool(_:arguments:…)`: JSONObject is Encodable too, so that would recurse.
        try await checkedCall(CallToolRequestParams(name: name, arguments: try Self.argumentsObject(arguments, tool: name), meta: meta), options: options)
    }

    /// Calls a tool and decodes its structured result as `Output`.
    ///
    /// - Throws: ``ToolError`` if the tool reports failure; ``ClientError`` naming the offending
    ///   path if the result does not decode as `Output`.
    public func callTool<Output: Decodable>(
        _ name: String,
        arguments: some Encodable & Sendable,
        as type: Output.Type,
        options: RequestOptions = .default
    ) async throws -> Output {
        try await callTool(name, arguments: arguments, options: options)
            .throwingIfError(toolName: name)
            .decodeStructuredContent(as: Output.self)
    }

    /// Calls a tool and follows it as an asynchronous sequence of progress reports ending in the
    /// result. Ending iteration early cancels the call.
    public func callToolWithProgress(
        _ name: String,
        arguments: JSONObject? = nil,
        meta: JSONObject? = nil,
        options: RequestOptions = .default
    ) throws -> AsyncThrowingStream<RequestUpdate<CallToolResult>, any Error> {
        try session().sendWithUpdates(CallToolRequestParams(name: name, arguments: arguments, meta: meta), options: options)
    }

    /// Sends a call, checking its arguments and result against the tool's schemas as configured.
    ///
    /// A tool a 2025-11-25 server runs only as a task (`execution.taskSupport` `required`) is
    /// called as one, and the task followed to its end.
    private func checkedCall(_ params: CallToolRequestParams, options: RequestOptions) async throws -> CallToolResult {
        let checksArguments = configuration.validatesToolArguments
        let entry = checksArguments || configuration.validatesToolOutput || offersExperimentalTasks
            ? await catalogEntry(params.name, options: options) : nil
        if checksArguments, let schema = entry?.inputSchema {
            let outcome = try? schema.validate(.object(params.arguments ?? [:]))
            if let outcome, !outcome.isValid {
                throw ToolSchemaViolation(toolName: params.name, side: .arguments, errors: outcome.errors)
            }
        }
        let result: CallToolResult
        if offersExperimentalTasks, entry?.tool.execution?.taskSupport == .required {
            let session = try session()
            switch try await sendAsTask(params, session: session, options: options) {
            case .completed(let immediate):
                result = immediate
            case .task(let task):
                let start: MCPTask
                if let created = task.created { start = created } else { start = try await task.status(options: options) }
                let object = try await session.followTask(start, method: CallToolRequestParams.method, options: options)
                result = try ClientSession.decodeResult(CallToolResult.self, from: object, method: CallToolRequestParams.method)
            }
        } else {
            result = try await session().callTool(params, options: options)
        }
        return try checkedOutput(result, toolName: params.name, entry: entry)
    }

    /// Checks a tool's result against its output schema, as configured (listing the tools first
    /// if the tool has not been seen).
    func checkedOutput(_ result: CallToolResult, toolName: String, options: RequestOptions) async throws -> CallToolResult {
        guard configuration.validatesToolOutput else { return result }
        return try checkedOutput(result, toolName: toolName, entry: await catalogEntry(toolName, options: options))
    }

    private func checkedOutput(_ result: CallToolResult, toolName: String, entry: ToolCatalog.Entry?) throws -> CallToolResult {
        // A failed call has no structured result to check.
        guard configuration.validatesToolOutput, result.isError != true, let schema = entry?.outputSchema else { return result }
        guard let structured = result.structuredContent else {
            throw ToolSchemaViolation(toolName: toolName, side: .result, errors: [], result: result)
        }
        if let outcome = try? schema.validate(structured), !outcome.isValid {
            throw ToolSchemaViolation(toolName: toolName, side: .result, errors: outcome.errors, result: result)
        }
        return result
    }

    /// The catalog's entry for a tool, listing every tool first if the catalog has not seen it
    /// (once per change of the list). A server whose listing fails is not checked.
    func catalogEntry(_ name: String, options: RequestOptions) async -> ToolCatalog.Entry? {
        if let entry = toolCatalog.entry(name) { return entry }
        guard !toolCatalog.isComplete, serverCapabilities?.tools != nil || serverCapabilities == nil else { return nil }
        // Only the caller's time limit carries over: its progress, id and _meta are the call's.
        var listing = RequestOptions.default
        listing.timeout = options.timeout
        _ = try? await listAllTools(options: listing)
        return toolCatalog.entry(name)
    }

    static func argumentsObject(_ arguments: some Encodable, tool: String) throws -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONValue(encoding: arguments)
        } catch {
            throw ClientError(.invalidRequest, "the arguments of \(tool) could not be encoded: \(error)", method: CallToolRequestParams.method, underlyingError: error)
        }
        guard case .object(let object) = value else {
            throw ClientError(.invalidRequest, "tool arguments must encode as a JSON object, not \(value.typeName)", method: CallToolRequestParams.method)
        }
        return object
    }
}
