import Foundation

/// A state the runtime checkpoints channel by channel, as LangGraph does: each channel is one
/// field, encoded on its own, and a checkpoint re-encodes and writes only the channels a node
/// changed. A node that sets one small field then costs that field, not the whole state.
///
/// Every stored field must be a channel: a field left out is not restored after a crash
/// (`StateCodec.roundTrip` lets a test check that).
public protocol ChanneledState: Codable, Sendable {
    static var channels: [StateChannel<Self>] { get }
}

/// One field of a `ChanneledState`: its name in the checkpoint and how to encode, restore and
/// compare it.
public struct StateChannel<State>: Sendable {
    public let name: String
    let encode: @Sendable (State) throws -> [UInt8]
    let restore: @Sendable (inout State, [UInt8]) throws -> Void
    let isUnchanged: @Sendable (State, State) -> Bool

    /// A channel encoded with `JSONEncoder`.
    public init<Value: Codable & Equatable & Sendable>(_ name: String, _ field: any WritableKeyPath<State, Value> & Sendable) {
        self.init(name, field, encode: { try Array(JSONEncoder().encode($0)) })
    }

    /// A channel encoded by `encode` (a hand-written writer for a large field that changes often),
    /// read back with `JSONDecoder`: `encode` must write the JSON of `Value`'s `Decodable` form.
    public init<Value: Codable & Equatable & Sendable>(
        _ name: String, _ field: any WritableKeyPath<State, Value> & Sendable,
        encode: @escaping @Sendable (Value) throws -> [UInt8]
    ) {
        self.init(name, field, encode: encode, decode: { try JSONDecoder().decode(Value.self, from: Data($0)) })
    }

    /// A channel encoded by `encode` and read back by `decode` (hand-written JSON both ways, for
    /// the fields read and written on every run). `decode` must read what `encode` writes, and
    /// both must agree with `Value`'s Codable form, which older checkpoints may hold.
    public init<Value: Equatable & Sendable>(
        _ name: String, _ field: any WritableKeyPath<State, Value> & Sendable,
        encode: @escaping @Sendable (Value) throws -> [UInt8], decode: @escaping @Sendable ([UInt8]) throws -> Value
    ) {
        self.init(name, get: { $0[keyPath: field] }, set: { $0[keyPath: field] = $1 }, encode: encode, decode: decode)
    }

    /// A channel whose field is read by `get` and written by `set` (`{ $0.notes }`,
    /// `{ $0.notes = $1 }`), encoded by `encode` and read back by `decode`. The same as the key
    /// path form, for a state saved after every node of every run: the runtime compares every
    /// channel at every save, and projecting a key path is a generic runtime call each time,
    /// where a closure is a field access.
    public init<Value: Equatable & Sendable>(
        _ name: String, get: @escaping @Sendable (State) -> Value, set: @escaping @Sendable (inout State, Value) -> Void,
        encode: @escaping @Sendable (Value) throws -> [UInt8], decode: @escaping @Sendable ([UInt8]) throws -> Value
    ) {
        self.name = name
        self.encode = { state in try encode(get(state)) }
        restore = { state, bytes in set(&state, try decode(bytes)) }
        isUnchanged = { get($0) == get($1) }
    }
}

/// A state held by reference: a run's state as last saved, which the encoders of that save share.
public final class StateSnapshot<State: Sendable>: Sendable {
    public let state: State
    public init(_ state: State) { self.state = state }
}

/// How the runtime turns a state into checkpoint channels and back: channel by channel for a
/// `ChanneledState`, otherwise the whole state as the one channel `state`.
public struct StateCodec<State: Codable & Sendable>: Sendable {
    let channels: [StateChannel<State>]?

    public init() {
        channels = (State.self as? any ChanneledState.Type).map { Self.channels(of: $0) }
    }

    private static func channels<C: ChanneledState>(of type: C.Type) -> [StateChannel<State>] {
        // `State` is `C` here; the cast only re-spells the same type.
        C.channels as? [StateChannel<State>] ?? []
    }

    /// The channels of `state` that differ from `previous` (all of them when `previous` is nil).
    public func encode(_ state: State, since previous: State?) throws -> [String: [UInt8]] {
        var changed: [String: [UInt8]] = [:]
        for channel in changes(in: state, since: previous) { changed[channel.name] = try channel.encode() }
        return changed
    }

    /// The channels of `state` that differ from `previous`, each encoded when called.
    public func changes(in state: State, since previous: State?) -> [CheckpointDraft.Channel] {
        changes(in: StateSnapshot(state), since: previous.map(StateSnapshot.init))
    }

    /// The channels of `snapshot` that differ from `previous`, each encoded when called. The
    /// encoders share the snapshot: a closure capturing the state itself would copy the whole
    /// struct (every field retained) once per changed channel, at every save.
    public func changes(in snapshot: StateSnapshot<State>, since previous: StateSnapshot<State>?) -> [CheckpointDraft.Channel] {
        guard let channels else {
            return [(StoredCheckpoint.wholeStateChannel, { try Array(JSONEncoder().encode(snapshot.state)) })]
        }
        var changed: [CheckpointDraft.Channel] = []
        for channel in channels {
            if let previous, channel.isUnchanged(previous.state, snapshot.state) { continue }
            changed.append((channel.name, { try channel.encode(snapshot.state) }))
        }
        return changed
    }

    /// The state stored in `stored`, built on `base` (the graph's initial state) for a
    /// `ChanneledState`. `isComplete` is false when the state came from the whole-state form
    /// (written before the state had channels), so the next save must write every channel.
    public func decode(_ stored: [String: [UInt8]], base: State) throws -> (state: State, isComplete: Bool) {
        if let channels, channels.contains(where: { stored[$0.name] != nil }) {
            var state = base
            for channel in channels {
                if let bytes = stored[channel.name] { try channel.restore(&state, bytes) }
            }
            return (state, true)
        }
        guard let whole = stored[StoredCheckpoint.wholeStateChannel] else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no state channel stored"))
        }
        return (try JSONDecoder().decode(State.self, from: Data(whole)), channels == nil)
    }

    /// `state` encoded and decoded again on `base`: equal to `state` exactly when every stored
    /// field is a channel.
    public func roundTrip(_ state: State, base: State) throws -> State {
        try decode(encode(state, since: nil), base: base).state
    }
}
