import MCPClient
import MCPCore
import Testing

/// Results a stateless server marks reusable (`ttlMs`, `cacheScope`), kept and dropped as it says.
@Suite("Response cache (2026-07-28)")
struct ResponseCacheTests {
    static func configuration(cache: ResponseCache, context: String? = nil) -> ClientSession.Configuration {
        var configuration = TestConnection.configuration
        configuration.responseCache = cache
        configuration.authorizationContext = context
        return configuration
    }

    static let tools: JSONValue = ["tools": [["name": "a", "inputSchema": ["type": "object"]]], "ttlMs": 60_000, "cacheScope": "private"]

    @Test("a result with ttlMs is served again until the list changes; refresh and bypass go to the server")
    func listsAreCachedUntilChanged() async throws {
        let cache = ResponseCache()
        try await TestConnection.withSession(configuration: Self.configuration(cache: cache)) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            let first = Task { try await c.session.send(ListToolsRequestParams()) }
            let request = try await c.peer.nextRequest("tools/list")
            try await c.peer.reply(to: request.id, Self.tools)
            #expect(try await first.value.tools.map(\.name) == ["a"])
            // Served from the cache: nothing reaches the server.
            #expect(try await c.session.send(ListToolsRequestParams()).tools.map(\.name) == ["a"])
            #expect(c.transport.sentRequests("tools/list").count == 1)
            #expect(cache.count == 1)

            // refresh asks (and stores), bypass asks (and does not).
            let refreshed = Task { try await c.session.send(ListToolsRequestParams(), options: RequestOptions(cachePolicy: .refresh)) }
            try await c.peer.reply(to: try await c.peer.nextRequest("tools/list").id, Self.tools)
            _ = try await refreshed.value
            let bypassed = Task { try await c.session.send(ListToolsRequestParams(), options: RequestOptions(cachePolicy: .bypass)) }
            try await c.peer.reply(to: try await c.peer.nextRequest("tools/list").id, ["tools": [], "ttlMs": 60_000])
            #expect(try await bypassed.value.tools.isEmpty)
            #expect(try await c.session.send(ListToolsRequestParams()).tools.map(\.name) == ["a"])

            // The list changed: the next listing asks again.
            try await c.peer.notify("notifications/tools/list_changed")
            try await waitUntil { cache.count == 0 }
            let after = Task { try await c.session.send(ListToolsRequestParams()) }
            try await c.peer.reply(to: try await c.peer.nextRequest("tools/list").id, ["tools": [], "ttlMs": 0])
            #expect(try await after.value.tools.isEmpty)
            #expect(cache.count == 0, "ttlMs 0 means immediately stale: not stored")
        }
    }

    @Test("pages are cached separately; a resource read is dropped when the resource is updated")
    func pagesAndResources() async throws {
        let cache = ResponseCache()
        try await TestConnection.withSession(configuration: Self.configuration(cache: cache)) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            let page2 = Task { try await c.session.send(ListToolsRequestParams(cursor: "2")) }
            try await c.peer.reply(to: try await c.peer.nextRequest("tools/list").id, Self.tools)
            _ = try await page2.value
            let page1 = Task { try await c.session.send(ListToolsRequestParams()) }
            try await c.peer.reply(to: try await c.peer.nextRequest("tools/list").id, Self.tools)
            _ = try await page1.value
            #expect(cache.count == 2)

            let read = Task { try await c.session.send(ReadResourceRequestParams(uri: "file:///a.txt")) }
            try await c.peer.reply(to: try await c.peer.nextRequest("resources/read").id, [
                "contents": [["uri": "file:///a.txt", "text": "v1"]], "ttlMs": 60_000,
            ])
            _ = try await read.value
            #expect(try await c.session.send(ReadResourceRequestParams(uri: "file:///a.txt")).contents.first?.text == "v1")
            try await c.peer.notify("notifications/resources/updated", ["uri": "file:///a.txt"])
            try await waitUntil { cache.count == 2 }
        }
    }

    @Test("private results stay within their authorization context; public ones are shared")
    func scopes() async throws {
        let cache = ResponseCache()
        try await TestConnection.withSession(configuration: Self.configuration(cache: cache, context: "alice")) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            let prompts = Task { try await c.session.send(ListPromptsRequestParams()) }
            try await c.peer.reply(to: try await c.peer.nextRequest("prompts/list").id, ["prompts": [["name": "mine"]], "ttlMs": 60_000, "cacheScope": "private"])
            _ = try await prompts.value
            let templates = Task { try await c.session.send(ListResourceTemplatesRequestParams()) }
            try await c.peer.reply(to: try await c.peer.nextRequest("resources/templates/list").id, ["resourceTemplates": [], "ttlMs": 60_000, "cacheScope": "public"])
            _ = try await templates.value
        }
        try await TestConnection.withSession(configuration: Self.configuration(cache: cache, context: "bob")) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            // Public: served. Private: Bob asks the server himself.
            _ = try await c.session.send(ListResourceTemplatesRequestParams())
            #expect(c.transport.sentRequests("resources/templates/list").isEmpty)
            let prompts = Task { try await c.session.send(ListPromptsRequestParams()) }
            try await c.peer.reply(to: try await c.peer.nextRequest("prompts/list").id, ["prompts": [["name": "bobs"]]])
            #expect(try await prompts.value.prompts.map(\.name) == ["bobs"])
        }
    }

    @Test("a result reached through input rounds is never cached; handshake-era results never are")
    func neverCached() async throws {
        let cache = ResponseCache()
        let handlers = ClientHandlers(roots: { _ in [] })
        try await TestConnection.withSession(configuration: Self.configuration(cache: cache), handlers: handlers) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            let read = Task { try await c.session.send(ReadResourceRequestParams(uri: "x://y")) }
            let first = try await c.peer.nextRequest("resources/read")
            try await c.peer.reply(to: first.id, try JSONValue(encoding: InputRequiredResult(inputRequests: ["r": .roots(ListRootsRequestParams())], requestState: nil)))
            let second = try await c.peer.nextRequest("resources/read")
            try await c.peer.reply(to: second.id, ["contents": [], "ttlMs": 60_000])
            _ = try await read.value
            #expect(cache.count == 0)
        }
    }
}
