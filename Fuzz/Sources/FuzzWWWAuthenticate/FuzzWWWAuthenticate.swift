/// What libFuzzer runs on each input: one `WWW-Authenticate` header value, as a server (or
/// anything between it and us) may send it, through `AuthenticationChallenge.parse`.
///
/// Beyond "never crashes and never hangs", checks that what was parsed is what a well-formed
/// header says: the challenges written back in canonical form (every value quoted and escaped)
/// parse to the same challenges; schemes and parameter names are non-empty tokens, names in
/// lowercase; and `bearer(in:)` finds the first Bearer challenge, in one header or split over
/// several.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWWWAuthenticate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    let header = String(decoding: bytes, as: UTF8.self)
    let challenges = AuthenticationChallenge.parse(header)

    for challenge in challenges {
        guard isToken(challenge.scheme) else { fatalError("scheme \(challenge.scheme.debugDescription) is not a token in \(header.debugDescription)") }
        for name in challenge.parameters.keys {
            guard isToken(name), name == name.lowercased() else {
                fatalError("parameter name \(name.debugDescription) is not a lowercase token in \(header.debugDescription)")
            }
        }
    }

    let canonical = write(challenges)
    let reparsed = AuthenticationChallenge.parse(canonical)
    guard reparsed == challenges else {
        fatalError("\(header.debugDescription) → \(challenges) → \(canonical.debugDescription) → \(reparsed)")
    }

    let bearer = challenges.first { $0.scheme.lowercased() == "bearer" }
    guard AuthenticationChallenge.bearer(in: [header]) == bearer else {
        fatalError("bearer(in:) disagrees with parse for \(header.debugDescription)")
    }
    // Each challenge in a header of its own (as a server may send them) gives the same answer.
    guard AuthenticationChallenge.bearer(in: challenges.map { write([$0]) }) == bearer else {
        fatalError("bearer(in:) over separate headers disagrees for \(header.debugDescription)")
    }
    return 0
}

/// RFC 9110 `token` (ASCII), plus the `/` and `:` the parser also accepts (token68 and URL-ish values).
private func isToken(_ string: String) -> Bool {
    !string.isEmpty && string.unicodeScalars.allSatisfy { scalar in
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "!#$%&'*+-.^_`|~/:".unicodeScalars.contains(scalar)
    }
}

/// The challenges as one header value: `Scheme a="1", b="t\"wo", Other`.
private func write(_ challenges: [AuthenticationChallenge]) -> String {
    challenges.map { challenge in
        let parameters = challenge.parameters.sorted { $0.key < $1.key }.map { name, value in
            var quoted = "\""
            for scalar in value.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(scalar)
            }
            return name + "=" + quoted + "\""
        }
        return ([challenge.scheme] + [parameters.joined(separator: ", ")].filter { !$0.isEmpty }).joined(separator: " ")
    }
    .joined(separator: ", ")
}
