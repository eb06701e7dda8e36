import Foundation

/// The agent nodes' prompts: one readable Markdown file per node under `Prompts/`, with
/// `{{placeholders}}` filled in per call.
public struct PromptLibrary: Sendable {
    public enum Node: String, Sendable, CaseIterable {
        case needMediaOps = "need_media_ops"
        case buildRequirementSpec = "build_requirement_spec"
        case needClarify = "need_clarify"
        case askClarifyingQuestion = "ask_clarifying_q"
        case rankAndCompose = "rank_and_compose"
    }

    public struct MissingPrompt: Error, CustomStringConvertible {
        public let node: String
        public var description: String { "prompt resource Prompts/\(node).md is missing from the bundle" }
    }

    private let templates: [Node: String]

    /// Loads every node's template from the module's resources.
    public static func bundled() throws -> PromptLibrary {
        var templates: [Node: String] = [:]
        for node in Node.allCases {
            guard let url = Bundle.module.url(forResource: node.rawValue, withExtension: "md", subdirectory: "Prompts")
                    ?? Bundle.module.url(forResource: node.rawValue, withExtension: "md"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw MissingPrompt(node: node.rawValue)
            }
            templates[node] = text
        }
        return PromptLibrary(templates: templates)
    }

    public init(templates: [Node: String]) {
        self.templates = templates
    }

    /// The node's template with each `{{name}}` replaced; unknown placeholders stay visible.
    public func render(_ node: Node, _ values: [String: String]) -> String {
        var text = templates[node] ?? ""
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{{\(name)}}", with: value)
        }
        return text
    }
}
