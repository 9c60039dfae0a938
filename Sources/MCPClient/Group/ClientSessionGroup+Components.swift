public import MCPCore

/// A component aggregated by a ``ClientSessionGroup``: the name the group exposes it under, the
/// member that owns it, and the component as that server describes it.
public struct GroupComponent<Component: Sendable>: Sendable {
    /// The name the group exposes (what ``ClientSessionGroup/callTool(_:arguments:options:)`` and
    /// the other routed calls take).
    public var name: String
    /// The member server that owns it.
    public var server: String
    /// The component as its server describes it (with the server's own name).
    public var component: Component
}

extension GroupComponent where Component == Tool {
    /// The tool as the group presents it: the server's description under the exposed name, ready
    /// to hand to a model.
    public var exposedTool: Tool {
        var tool = component
        tool.name = name
        return tool
    }
}

extension ClientSessionGroup {
    /// The tools of every connected server, every page, named by the naming policy.
    ///
    /// - Throws: ``GroupError/nameCollision(kind:name:servers:)`` with strict naming.
    public func tools() async throws -> [GroupComponent<Tool>] {
        try await aggregate(.tool, \.tools, { $0.tools = $1 }, name: \.name) { client in
            guard client.serverCapabilities?.tools != nil else { return [] }
            return try await client.listAllTools()
        }
    }

    /// The prompts of every connected server, every page.
    public func prompts() async throws -> [GroupComponent<Prompt>] {
        try await aggregate(.prompt, \.prompts, { $0.prompts = $1 }, name: \.name) { client in
            guard client.serverCapabilities?.prompts != nil else { return [] }
            return try await client.listAllPrompts()
        }
    }

    /// The resources of every connected server, every page. Their exposed `name`s follow the
    /// naming policy; their URIs are the servers' own.
    public func resources() async throws -> [GroupComponent<Resource>] {
        try await aggregate(.resource, \.resources, { $0.resources = $1 }, name: \.name) { client in
            guard client.serverCapabilities?.resources != nil else { return [] }
            return try await client.listAllResources()
        }
    }

    /// The resource templates of every connected server, every page.
    public func resourceTemplates() async throws -> [GroupComponent<ResourceTemplate>] {
        try await aggregate(.resourceTemplate, \.templates, { $0.templates = $1 }, name: \.name) { client in
            guard client.serverCapabilities?.resources != nil else { return [] }
            return try await client.listAllResourceTemplates()
        }
    }

    // MARK: Routed calls

    /// Calls a tool by its exposed name on the server that owns it.
    public func callTool(_ name: String, arguments: JSONObject? = nil, options: RequestOptions = .default) async throws -> CallToolResult {
        let (client, tool) = try await owner(of: name, in: try await tools(), kind: .tool)
        return try await client.callTool(tool.name, arguments: arguments, options: options)
    }

    /// Starts a tool by its exposed name on the server that owns it, letting that server run it
    /// as a task (see ``Client/startTool(_:arguments:meta:options:)``). A returned task belongs
    /// to that server's client.
    public func startTool(_ name: String, arguments: JSONObject? = nil, options: RequestOptions = .default) async throws -> ToolInvocation {
        let (client, tool) = try await owner(of: name, in: try await tools(), kind: .tool)
        return try await client.startTool(tool.name, arguments: arguments, options: options)
    }

    /// Gets a prompt by its exposed name from the server that owns it.
    public func getPrompt(_ name: String, arguments: [String: String]? = nil, options: RequestOptions = .default) async throws -> GetPromptResult {
        let (client, prompt) = try await owner(of: name, in: try await prompts(), kind: .prompt)
        return try await client.getPrompt(prompt.name, arguments: arguments, options: options)
    }

    /// Reads a resource from the server that lists it, or whose template matches the URI.
    public func readResource(_ uri: String, options: RequestOptions = .default) async throws -> ReadResourceResult {
        if let resource = try await resources().first(where: { $0.component.uri == uri }) {
            return try await client(of: resource.server).readResource(uri, options: options)
        }
        for template in try await resourceTemplates() where URITemplate(template.component.uriTemplate).match(uri) != nil {
            return try await client(of: template.server).readResource(uri, options: options)
        }
        throw GroupError.unknownComponent(kind: .resource, name: uri)
    }

    /// Completes an argument of a prompt (by exposed name) or resource template (by URI template)
    /// on the server that owns it.
    public func complete(
        argument: String,
        value: String,
        in reference: CompletionReference,
        context: [String: String]? = nil,
        options: RequestOptions = .default
    ) async throws -> CompleteResult {
        switch reference {
        case .prompt(let prompt):
            let (client, owned) = try await owner(of: prompt.name, in: try await prompts(), kind: .prompt)
            var local = prompt
            local.name = owned.name
            return try await client.complete(argument: argument, value: value, in: .prompt(local), context: context, options: options)
        case .resource(let template):
            guard let owner = try await resourceTemplates().first(where: { $0.component.uriTemplate == template.uri }) else {
                throw GroupError.unknownComponent(kind: .resourceTemplate, name: template.uri)
            }
            return try await client(of: owner.server).complete(argument: argument, value: value, in: reference, context: context, options: options)
        default:
            throw GroupError.unknownComponent(kind: .prompt, name: "\(reference)")
        }
    }

    /// The connected client of member `name`.
    public func client(of name: String) throws -> Client {
        try state.withLock { state in
            guard let member = state.members[name] else { throw GroupError.unknownComponent(kind: .tool, name: name) }
            guard let client = member.client, member.health.state == .connected else {
                throw GroupError.serverUnavailable(name: name, reason: member.health.lastError)
            }
            return client
        }
    }

    // MARK: Aggregation

    private func owner<Component>(
        of name: String,
        in components: [GroupComponent<Component>],
        kind: ComponentKind
    ) async throws -> (Client, Component) {
        guard let component = components.first(where: { $0.name == name }) else {
            throw GroupError.unknownComponent(kind: kind, name: name)
        }
        return (try client(of: component.server), component.component)
    }

    /// Fetches (or takes from the cache) each connected member's list, then names the union.
    /// A member whose listing fails is marked with the error and left out; the rest go on.
    private func aggregate<Item: Sendable>(
        _ kind: ComponentKind,
        _ cached: KeyPath<ListCache, [Item]?>,
        _ store: @escaping @Sendable (inout ListCache, [Item]) -> Void,
        name: @escaping @Sendable (Item) -> String,
        fetch: @escaping @Sendable (Client) async throws -> [Item]
    ) async throws -> [GroupComponent<Item>] {
        let members = state.withLock { state in
            state.order.compactMap { name -> (String, Client, Implementation?, [Item]?)? in
                guard let member = state.members[name], member.health.state == .connected, let client = member.client else { return nil }
                return (name, client, member.health.serverInfo, member.cache[keyPath: cached])
            }
        }
        let lists = await withTaskGroup(of: (String, [Item]).self) { group in
            for (server, client, _, cachedItems) in members {
                group.addTask {
                    if let cachedItems { return (server, cachedItems) }
                    do {
                        let items = try await fetch(client)
                        self.update(server) { store(&$0.cache, items) }
                        return (server, items)
                    } catch {
                        self.update(server) { $0.health.lastError = error }
                        return (server, [])
                    }
                }
            }
            var lists: [String: [Item]] = [:]
            for await (server, items) in group { lists[server] = items }
            return lists
        }
        var entries: [(server: ServerIdentity, name: String, item: Item)] = []
        for (server, _, info, _) in members {
            for item in lists[server] ?? [] {
                entries.append((ServerIdentity(name: server, info: info), name(item), item))
            }
        }
        let names = try configuration.naming.assign(kind, entries.map { ($0.server, $0.name) }).get()
        return zip(entries, names).map { entry, exposed in
            GroupComponent(name: exposed, server: entry.server.name, component: entry.item)
        }
    }
}
