/// A `format` this validator can assert, with its checker.
///
/// Formats are annotations unless ``JSONSchema/Options/validatesFormats`` is set or the schema's
/// meta-schema enables the format-assertion vocabulary. Unknown formats are always ignored.
enum StringFormat: String, Sendable, CaseIterable {
    case dateTime = "date-time"
    case date
    case time
    case duration
    case email
    case idnEmail = "idn-email"
    case hostname
    case idnHostname = "idn-hostname"
    case ipv4
    case ipv6
    case uri
    case uriReference = "uri-reference"
    case iri
    case iriReference = "iri-reference"
    case uriTemplate = "uri-template"
    case jsonPointer = "json-pointer"
    case relativeJSONPointer = "relative-json-pointer"
    case regex
    case uuid

    /// Whether `string` is valid for this format.
    func accepts(_ string: String) -> Bool {
        switch self {
        case .dateTime: return DateTimeFormat.isDateTime(string)
        case .date: return DateTimeFormat.isDate(string)
        case .time: return DateTimeFormat.isTime(string)
        case .duration: return DurationFormat.isDuration(string)
        case .email: return EmailFormat.isEmail(string, international: false)
        case .idnEmail: return EmailFormat.isEmail(string, international: true)
        case .hostname: return HostnameFormat.isHostname(string)
        case .idnHostname: return HostnameFormat.isInternationalHostname(string)
        case .ipv4: return IPAddressFormat.isIPv4(Substring(string))
        case .ipv6: return IPAddressFormat.isIPv6(Substring(string))
        case .uri: return URIFormat.isValid(string, allowsRelative: false, international: false)
        case .uriReference: return URIFormat.isValid(string, allowsRelative: true, international: false)
        case .iri: return URIFormat.isValid(string, allowsRelative: false, international: true)
        case .iriReference: return URIFormat.isValid(string, allowsRelative: true, international: true)
        case .uriTemplate: return URITemplateFormat.isURITemplate(string)
        case .jsonPointer: return JSONPointerFormat.isJSONPointer(Substring(string))
        case .relativeJSONPointer: return JSONPointerFormat.isRelativeJSONPointer(string)
        case .regex: return ECMAScriptRegexParser.isValid(string)
        case .uuid: return UUIDFormat.isUUID(string)
        }
    }
}
