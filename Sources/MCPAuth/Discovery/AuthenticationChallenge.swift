/// One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1): a scheme and its parameters.
public struct AuthenticationChallenge: Sendable, Hashable {
    /// The scheme, as sent (compare case-insensitively).
    public var scheme: String
    /// The parameters, names lowercased, values unquoted.
    public var parameters: [String: String]

    /// Creates a challenge.
    public init(scheme: String, parameters: [String: String]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    /// `resource_metadata`: where the protected-resource metadata is (RFC 9728 §5.1).
    public var resourceMetadata: String? { parameters["resource_metadata"] }
    /// `scope`, split on spaces: the scopes the server requires.
    public var scopes: [String]? { parameters["scope"].map { $0.split(separator: " ").map(String.init) } }
    /// `error` (for example `insufficient_scope` or `invalid_token`).
    public var error: String? { parameters["error"] }

    /// The `Bearer` challenge among the values of every `WWW-Authenticate` header, if any.
    public static func bearer(in headerValues: [String]) -> AuthenticationChallenge? {
        headerValues.lazy.flatMap { parse($0) }.first { $0.scheme.lowercased() == "bearer" }
    }

    /// Every challenge in one header value: `Scheme a=1, b="two", Other c=3`.
    public static func parse(_ value: String) -> [AuthenticationChallenge] {
        var scanner = Scanner(Array(value.unicodeScalars))
        var challenges: [AuthenticationChallenge] = []
        while true {
            scanner.skip { $0 == " " || $0 == "\t" || $0 == "," }
            guard let scheme = scanner.token() else { break }
            var challenge = AuthenticationChallenge(scheme: scheme, parameters: [:])
            // Parameters follow until a token not followed by "=" (the next challenge's scheme).
            while true {
                scanner.skip { $0 == " " || $0 == "\t" || $0 == "," }
                let mark = scanner.position
                guard let name = scanner.token() else { break }
                scanner.skip { $0 == " " || $0 == "\t" }
                guard scanner.consume("=") else {
                    scanner.position = mark
                    break
                }
                scanner.skip { $0 == " " || $0 == "\t" }
                let parameterValue = scanner.quotedString() ?? scanner.token() ?? ""
                challenge.parameters[name.lowercased()] = parameterValue
            }
            challenges.append(challenge)
        }
        return challenges
    }

    /// A cursor over the header's characters.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func skip(while predicate: (Unicode.Scalar) -> Bool) {
            while position < scalars.count, predicate(scalars[position]) { position += 1 }
        }

        mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
            return true
        }

        /// A token (RFC 9110 tchar), also accepting token68's `/` `+` and trailing `=` is left alone.
        /// ASCII only, as tchar is: a letter such as `İ` would not stay a token once a parameter
        /// name is lowercased (`i̇` ends in a combining mark).
        mutating func token() -> String? {
            let start = position
            skip { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "!#$%&'*+-.^_`|~/:".unicodeScalars.contains(scalar)
            }
            guard position > start else { return nil }
            return String(String.UnicodeScalarView(scalars[start..<position]))
        }

        mutating func quotedString() -> String? {
            guard consume("\"") else { return nil }
            var result = String.UnicodeScalarView()
            while position < scalars.count {
                let scalar = scalars[position]
                position += 1
                if scalar == "\"" { return String(result) }
                if scalar == "\\", position < scalars.count {
                    result.append(scalars[position])
                    position += 1
                } else {
                    result.append(scalar)
                }
            }
            return String(result)
        }
    }
}
