public import MCPCore

extension Client {
    /// One page of the server's prompts.
    public func listPrompts(cursor: String? = nil, options: RequestOptions = .default) async throws -> ListPromptsResult {
        try await send(ListPromptsRequestParams(cursor: cursor), options: options)
    }

    /// All of the server's prompts, every page.
    public func listAllPrompts(options: RequestOptions = .default) async throws -> [Prompt] {
        try await allPages(ListPromptsRequestParams.self, options: options)
    }

    /// Gets a prompt, filled in with `arguments`.
    public func getPrompt(_ name: String, arguments: [String: String]? = nil, options: RequestOptions = .default) async throws -> GetPromptResult {
        try await send(GetPromptRequestParams(name: name, arguments: arguments), options: options)
    }
}
