import Foundation
@testable import MCPAuth
import Testing

@Suite("Token stores")
struct TokenStoreTests {
    static let metadata = AuthorizationFlowTests.metadata

    func exercise(_ store: any TokenStore) async throws {
        let a = AuthorizationRecord(server: "https://s1", issuer: "https://as1", resource: "https://s1", authorizationServer: Self.metadata, tokens: TokenSet(accessToken: "t1"))
        let b = AuthorizationRecord(server: "https://s1", issuer: "https://as2", resource: "https://s1", authorizationServer: Self.metadata, tokens: TokenSet(accessToken: "t2"))
        let c = AuthorizationRecord(server: "https://s2", issuer: "https://as1", resource: "https://s2", authorizationServer: Self.metadata, tokens: TokenSet(accessToken: "t3"))
        for record in [a, b, c] { try await store.save(record) }
        #expect(try await store.record(server: "https://s1", issuer: "https://as1")?.tokens?.accessToken == "t1")
        #expect(try await store.record(server: "https://s2", issuer: "https://as1")?.tokens?.accessToken == "t3")
        #expect(try await store.records(server: "https://s1").count == 2)
        #expect(try await store.allRecords().count == 3)
        try await store.remove(server: "https://s1", issuer: "https://as2")
        #expect(try await store.records(server: "https://s1").map(\.issuer) == ["https://as1"])
        try await store.remove(server: "https://s1", issuer: nil)
        #expect(try await store.records(server: "https://s1").isEmpty)
        #expect(try await store.allRecords().count == 1)
    }

    @Test("in memory: keyed by server and issuer")
    func inMemory() async throws {
        try await exercise(InMemoryTokenStore())
    }

    @Test("file: keyed by server and issuer, replaced atomically, no temporary files left")
    func file() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FileTokenStore(directory: directory)
        try await exercise(store)
        let record = AuthorizationRecord(server: "https://s2", issuer: "https://as1", resource: "https://s2", authorizationServer: Self.metadata, tokens: TokenSet(accessToken: "new"))
        try await store.save(record)
        #expect(try await store.record(server: "https://s2", issuer: "https://as1")?.tokens?.accessToken == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test("descriptions never show a token or a secret")
    func noSecretsInDescriptions() {
        let tokens = TokenSet(accessToken: "ACCESS-SECRET", refreshToken: "REFRESH-SECRET")
        #expect(!String(describing: tokens).contains("SECRET"))
        #expect(!"\(tokens)".contains("SECRET"))
    }
}
