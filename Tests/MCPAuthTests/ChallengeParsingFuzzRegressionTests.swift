import MCPAuth
import Testing

/// Inputs the fuzz oracle (scripts/fuzz, FuzzWWWAuthenticate) rejected, kept as regression tests.
@Suite("WWW-Authenticate parsing: fuzz regressions")
struct ChallengeParsingFuzzRegressionTests {
    /// The challenges written back canonically (every value quoted), as the fuzz target does.
    func canonical(_ challenges: [AuthenticationChallenge]) -> String {
        challenges.map { challenge in
            let parameters = challenge.parameters.sorted { $0.key < $1.key }.map { name, value in
                name + "=\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            return ([challenge.scheme] + [parameters.joined(separator: ", ")].filter { !$0.isEmpty }).joined(separator: " ")
        }
        .joined(separator: ", ")
    }

    /// FuzzWWWAuthenticate: `İ` was taken for a token character (any Unicode letter was); the
    /// lowercased parameter name `i̇` ends in a combining mark, so written back it no longer
    /// parsed as the same parameter. Tokens are ASCII (RFC 9110 tchar): the header's parameters
    /// end at the first character that is not.
    @Test func tokensAreASCII() {
        let parsed = AuthenticationChallenge.parse("Bearer İ=x")
        #expect(parsed == [AuthenticationChallenge(scheme: "Bearer", parameters: [:])])
        #expect(AuthenticationChallenge.parse(canonical(parsed)) == parsed)
        #expect(AuthenticationChallenge.parse("Ünicode realm=x").isEmpty)
    }

    /// Non-ASCII text inside quoted values (obs-text) is kept as sent.
    @Test func quotedValuesKeepNonASCIIText() {
        let parsed = AuthenticationChallenge.parse(#"Bearer realm="café ✓", error_description="Étape \"deux\"""#)
        #expect(parsed.first?.parameters == ["realm": "café ✓", "error_description": #"Étape "deux""#])
        #expect(AuthenticationChallenge.parse(canonical(parsed)) == parsed)
    }
}
