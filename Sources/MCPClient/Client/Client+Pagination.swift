public import MCPCore

extension Client {
    /// Fetches every page of a paginated list, following `nextCursor` until the last page.
    ///
    /// - Throws: ``ClientError`` with code ``ClientError/Code-swift.struct/invalidResponse`` if the
    ///   server hands back a cursor it already gave (which would loop forever).
    public func allPages<Params: PaginatedRequestParams>(
        _ type: Params.Type,
        options: RequestOptions = .default
    ) async throws -> [Params.Result.Item] {
        var items: [Params.Result.Item] = []
        var seen: Set<String> = []
        var cursor: String?
        repeat {
            let page = try await send(Params(cursor: cursor), options: options)
            items.append(contentsOf: page.items)
            cursor = page.nextCursor
            if let cursor, !seen.insert(cursor).inserted {
                throw ClientError(.invalidResponse, "the server repeated the cursor \(cursor)", method: Params.method)
            }
        } while cursor != nil
        return items
    }
}
