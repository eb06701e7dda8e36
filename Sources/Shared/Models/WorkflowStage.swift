/// Where a session's conversation stands (protocol.md §3).
public enum WorkflowStage: String, Sendable, Codable, CaseIterable {
    case received, parsing
    case mediaProcessing = "media_processing"
    case understanding, clarifying
    case awaitingAnswer = "awaiting_answer"
    case searching, ranking, completed, failed, cancelled

    /// The stages a turn can end in, as `done.stage` reports them.
    public static let terminal: Set<WorkflowStage> = [.completed, .awaitingAnswer, .failed, .cancelled]
}

/// The type of a server → client frame (protocol.md §1.2).
public enum EventType: String, Sendable, Codable, CaseIterable {
    case connected, ping, ack, progress, token, transcript
    case imageAttributes = "image_attributes"
    case requirements, clarification, results, done, error, notice

    /// Connection-level frames carry no `event_id` and are not stored in a session's history.
    public var isConnectionLevel: Bool { self == .connected || self == .ping || self == .notice }
}

/// The kind of a media attachment.
public enum MediaType: String, Sendable, Codable, CaseIterable {
    case image, audio

    /// MIME types the cluster accepts for this kind (protocol.md §1.3).
    public var acceptedMIMETypes: Set<String> {
        switch self {
        case .image: ["image/jpeg", "image/png", "image/webp"]
        case .audio: ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"]
        }
    }

    /// The kind a MIME type belongs to, if the cluster accepts it.
    public static func of(mimeType: String) -> MediaType? {
        let normalized = mimeType.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        return allCases.first { $0.acceptedMIMETypes.contains(normalized) }
    }
}

import Foundation
