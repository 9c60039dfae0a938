import Foundation
@testable import MCPAuth
import Testing

@Suite("WWW-Authenticate parsing")
struct ChallengeParsingTests {
    @Test("Bearer parameters, quoted and not, among other challenges")
    func bearerAmongOthers() throws {
        let header = #"Basic realm="x", Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", error_description="needs \"write\"""#
        let challenge = try #require(AuthenticationChallenge.bearer(in: [header]))
        #expect(challenge.error == "insufficient_scope")
        #expect(challenge.scopes == ["files:read", "files:write"])
        #expect(challenge.resourceMetadata == "https://mcp.example.com/.well-known/oauth-protected-resource")
        #expect(challenge.parameters["error_description"] == #"needs "write""#)
        #expect(AuthenticationChallenge.parse(header).map(\.scheme) == ["Basic", "Bearer"])
    }

    @Test("a bare Bearer challenge, token values, and a following scheme")
    func bareAndTokens() {
        #expect(AuthenticationChallenge.parse("Bearer") == [AuthenticationChallenge(scheme: "Bearer", parameters: [:])])
        let parsed = AuthenticationChallenge.parse("bearer scope=read, DPoP algs=ES256")
        #expect(parsed.count == 2)
        #expect(AuthenticationChallenge.bearer(in: ["bearer scope=read, DPoP algs=ES256"])?.scopes == ["read"])
        #expect(parsed[1].parameters["algs"] == "ES256")
    }
}
