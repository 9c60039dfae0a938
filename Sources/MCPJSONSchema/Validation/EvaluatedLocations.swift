/// The properties and items of one instance that subschemas have evaluated successfully: the
/// annotations `unevaluatedProperties` and `unevaluatedItems` depend on.
///
/// Only collected when some schema on the path has an `unevaluated*` keyword, so ordinary
/// validation never pays for it.
struct EvaluatedLocations {
    /// Every property was evaluated (by `additionalProperties` or a nested `unevaluatedProperties`).
    var allProperties = false
    /// Names evaluated by `properties` and `patternProperties` (may repeat).
    var properties: [String] = []
    /// Every item was evaluated (by `items`, `additionalItems` or a nested `unevaluatedItems`).
    var allItems = false
    /// The first `itemPrefix` items were evaluated (by `prefixItems`, or array-form `items`).
    var itemPrefix = 0
    /// Indices matched by `contains` (draft 2020-12 only).
    var itemIndices: [Int] = []

    mutating func merge(_ other: EvaluatedLocations) {
        allProperties = allProperties || other.allProperties
        if !allProperties { properties += other.properties }
        allItems = allItems || other.allItems
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if !allItems { itemIndices += other.itemIndices }
    }

    /// A membership test for properties, hashing when the list is long.
    func propertyLookup() -> (String) -> Bool {
        if allProperties { return { _ in true } }
        if properties.count <= 8 {
            let names = properties
            return { names.contains($0) }
        }
        let names = Set(properties)
        return { names.contains($0) }
    }

    /// A membership test for item indices, hashing when the list is long.
    func itemLookup() -> (Int) -> Bool {
        if allItems { return { _ in true } }
        let prefix = itemPrefix
        if itemIndices.count <= 8 {
            let indices = itemIndices
            return { $0 < prefix || indices.contains($0) }
        }
        let indices = Set(itemIndices)
        return { $0 < prefix || indices.contains($0) }
    }
}
