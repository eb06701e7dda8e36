import Foundation

/// Any JSON value, decoded exactly (a boolean is never a number).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let value): value == value.rounded() ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A JSON Schema (the subset the engines' answers need: `type`, `properties`, `required`,
/// `additionalProperties: false`, `enum`, `items`, `minimum`, `maximum`) and its validator.
public struct JSONSchema: Sendable, Hashable {
    public let root: JSONValue

    public init(_ text: String) throws {
        root = try JSONValue.parse(text)
    }

    /// Every violation, as `path: problem`; empty when the value is valid.
    public func violations(of value: JSONValue) -> [String] {
        var problems: [String] = []
        Self.check(value, against: root, at: "$", into: &problems)
        return problems
    }

    private static func check(_ value: JSONValue, against schema: JSONValue, at path: String, into problems: inout [String]) {
        if let type = schema["type"] {
            let allowed: [String] = switch type {
            case .string(let name): [name]
            case .array(let names): names.compactMap(\.stringValue)
            default: []
            }
            let actual = value.typeName
            let matches = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !allowed.isEmpty && !matches {
                problems.append("\(path): expected \(allowed.joined(separator: " or ")), got \(actual)")
                return
            }
        }
        if case .array(let options) = schema["enum"], !options.contains(value) {
            problems.append("\(path): must be one of \(options.compactMap(\.stringValue).joined(separator: ", "))")
        }
        if case .number(let number) = value {
            if case .number(let minimum) = schema["minimum"], number < minimum { problems.append("\(path): below \(minimum)") }
            if case .number(let maximum) = schema["maximum"], number > maximum { problems.append("\(path): above \(maximum)") }
        }
        if case .object(let fields) = value {
            if case .array(let required) = schema["required"] {
                for case .string(let name) in required where fields[name] == nil {
                    problems.append("\(path).\(name): required")
                }
            }
            let properties: [String: JSONValue] = if case .object(let p) = schema["properties"] { p } else { [:] }
            for (name, field) in fields {
                if let fieldSchema = properties[name] {
                    check(field, against: fieldSchema, at: "\(path).\(name)", into: &problems)
                } else if schema["additionalProperties"] == .bool(false) {
                    problems.append("\(path).\(name): not allowed")
                } else if let extra = schema["additionalProperties"], case .object = extra {
                    check(field, against: extra, at: "\(path).\(name)", into: &problems)
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                check(item, against: itemSchema, at: "\(path)[\(index)]", into: &problems)
            }
        }
    }
}
