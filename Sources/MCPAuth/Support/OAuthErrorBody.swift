/// An OAuth error answer: `{"error": …, "error_description": …}`.
struct OAuthErrorBody: Decodable {
    var error: String
    var errorDescription: String?

    var summary: String { error + (errorDescription.map { " (\($0))" } ?? "") }

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
    }
}
