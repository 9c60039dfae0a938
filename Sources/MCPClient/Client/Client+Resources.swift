public import MCPCore

extension Client {
    /// One page of the server's resources.
    public func listResources(cursor: String? = nil, options: RequestOptions = .default) async throws -> ListResourcesResult {
        try await send(ListResourcesRequestParams(cursor: cursor), options: options)
    }

    /// All of the server's resources, every page.
    public func listAllResources(options: RequestOptions = .default) async throws -> [Resource] {
        try await allPages(ListResourcesRequestParams.self, options: options)
    }

    /// One page of the server's resource templates.
    public func listResourceTemplates(cursor: String? = nil, options: RequestOptions = .default) async throws -> ListResourceTemplatesResult {
        try await send(ListResourceTemplatesRequestParams(cursor: cursor), options: options)
    }

    /// All of the server's resource templates, every page.
    public func listAllResourceTemplates(options: RequestOptions = .default) async throws -> [ResourceTemplate] {
        try await allPages(ListResourceTemplatesRequestParams.self, options: options)
    }

    /// Reads a resource.
    public func readResource(_ uri: String, options: RequestOptions = .default) async throws -> ReadResourceResult {
        try await send(ReadResourceRequestParams(uri: uri), options: options)
    }

    /// Reads a resource, or returns `nil` if the server says it does not exist (in either era's
    /// way: see ``MCPError/isResourceNotFound``).
    public func readResourceIfPresent(_ uri: String, options: RequestOptions = .default) async throws -> ReadResourceResult? {
        do {
            return try await readResource(uri, options: options)
        } catch let error as MCPError where error.isResourceNotFound {
            return nil
        }
    }

    /// Asks the server to send `notifications/resources/updated` when the resource changes.
    public func subscribe(to uri: String, options: RequestOptions = .default) async throws {
        _ = try await send(SubscribeRequestParams(uri: uri), options: options)
    }

    /// Stops the notifications asked for by ``subscribe(to:options:)``.
    public func unsubscribe(from uri: String, options: RequestOptions = .default) async throws {
        _ = try await send(UnsubscribeRequestParams(uri: uri), options: options)
    }
}
