/// Official JSON-Schema-Test-Suite tests this validator is known to fail, each with the reason.
///
/// Keys are `"<file path below tests/draft2020-12>|<case description>|<test description>"`; a `*`
/// test description excludes the whole case. The suite test fails if an excluded test starts
/// passing, so this list cannot go stale.
enum OfficialSuiteExclusions {
    static let reasons: [String: String] = [:]
}
