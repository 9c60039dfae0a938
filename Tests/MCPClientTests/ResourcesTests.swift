import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Resources")
struct ResourcesTests {
    static let bytes: [UInt8] = [0, 1, 2, 0x7F, 0x80, 0xFE, 0xFF]

    static func server() -> MCPServer {
        let server = MCPServer.testing()
        server.addResource(Resource(uri: "test://notes", name: "notes", mimeType: "text/plain")) { _ in
            [.text(TextResourceContents(uri: "test://notes", text: "line 1\nline 2 ✓", mimeType: "text/plain"))]
        }
        server.addResource(Resource(uri: "test://logo.png", name: "logo", mimeType: "image/png")) { _ in
            [.blob(BlobResourceContents(uri: "test://logo.png", blob: "AAECf4D+/w==", mimeType: "image/png"))]
        }
        server.addResourceTemplate(ResourceTemplate(uriTemplate: "files://{dir}/{name}", name: "file")) { uri, variables, _ in
            [.text(TextResourceContents(uri: uri, text: "dir=\(variables["dir"] ?? "?") name=\(variables["name"] ?? "?")"))]
        }
        server.addResourceTemplate(ResourceTemplate(uriTemplate: "repo://{+path}", name: "repo")) { uri, variables, _ in
            [.text(TextResourceContents(uri: uri, text: "path=\(variables["path"] ?? "?")"))]
        }
        return server
    }

    @Test("reading a text resource")
    func readText() async throws {
        try await TestConnection.withClient(to: Self.server()) { c in
            let result = try await c.client.readResource("test://notes")
            #expect(result.contents == [.text(TextResourceContents(uri: "test://notes", text: "line 1\nline 2 ✓", mimeType: "text/plain"))])
            #expect(result.text == "line 1\nline 2 ✓")
        }
    }

    @Test("reading a binary resource")
    func readBlob() async throws {
        try await TestConnection.withClient(to: Self.server()) { c in
            let result = try await c.client.readResource("test://logo.png")
            guard case .blob(let blob) = try #require(result.contents.first) else {
                Issue.record("expected blob contents, got \(result.contents)")
                return
            }
            #expect(blob.mimeType == "image/png")
            #expect(blob.decodedData == Self.bytes)
            #expect(result.text.isEmpty)
        }
    }

    @Test("a URI matching a template is read with the template's variables")
    func templateVariables() async throws {
        try await TestConnection.withClient(to: Self.server()) { c in
            #expect(try await c.client.readResource("files://docs/readme.md").text == "dir=docs name=readme.md")
            #expect(try await c.client.readResource("files://my%20docs/a.txt").text == "dir=my docs name=a.txt")
            #expect(try await c.client.readResource("repo://src/main/x.swift").text == "path=src/main/x.swift")
            let templates = try await c.client.listAllResourceTemplates()
            #expect(templates.map(\.uriTemplate) == ["files://{dir}/{name}", "repo://{+path}"])
        }
    }

    @Test("an unknown resource is error -32002 with the URI in its data")
    func notFound() async throws {
        try await TestConnection.withClient(to: Self.server()) { c in
            let error = try await #require(throws: MCPError.self) { try await c.client.readResource("test://missing") }
            #expect(error.code == .resourceNotFound)
            #expect(error.code.rawValue == -32002)
            #expect(error.data?["uri"] == "test://missing")
            // A URI with too many segments for the one-segment variables matches no template.
            await #expect(throws: MCPError.self) { try await c.client.readResource("files://a/b/c") }
        }
    }

    @Test("resources/updated reaches onResourceUpdated only while subscribed")
    func subscriptions() async throws {
        let updates = Recorder<String>()
        let handlers = ClientHandlers(onResourceUpdated: { updates.append($0.uri) })
        let server = Self.server()
        try await TestConnection.withClient(to: server, handlers: handlers) { c in
            // Not subscribed yet: nothing is sent.
            server.notifyResourceUpdated(uri: "test://notes")

            try await c.client.subscribe(to: "test://notes")
            #expect(c.transport.sentRequests("resources/subscribe").first?.params?["uri"] == "test://notes")
            server.notifyResourceUpdated(uri: "test://notes")
            try await updates.wait(forCount: 1)

            try await c.client.unsubscribe(from: "test://notes")
            #expect(c.transport.sentRequests("resources/unsubscribe").first?.params?["uri"] == "test://notes")
            server.notifyResourceUpdated(uri: "test://notes")

            // A later update of another subscribed resource arrives; the unsubscribed one never did.
            try await c.client.subscribe(to: "test://logo.png")
            server.notifyResourceUpdated(uri: "test://logo.png")
            try await updates.wait(forCount: 2)
            #expect(updates.values == ["test://notes", "test://logo.png"])
        }
    }

    @Test("a missing resource reads as nil, whichever not-found error the server uses")
    func missingResource() async throws {
        for (version, error) in [
            (ProtocolVersion.v2025_11_25, MCPError(code: .resourceNotFound, message: "Resource not found", data: ["uri": "x://gone"])),
            (.v2025_11_25, MCPError(code: .invalidParams, message: "Resource not found", data: ["uri": "x://gone"])),
        ] {
            try await TestConnection.withClient(toPeerAnswering: version) { c in
                let reading = Task { try await c.client.readResourceIfPresent("x://gone") }
                let request = try await c.peer.nextRequest("resources/read")
                try await c.peer.replyError(to: request.id, error)
                #expect(try await reading.value == nil)
            }
        }
        #expect(!MCPError(code: .invalidParams, message: "bad cursor").isResourceNotFound)
        #expect(!MCPError.methodNotFound("resources/read").isResourceNotFound)
    }
}
