import NIOPosix
import Synchronization

/// A fixed set of decoders, loaded once at start. A request leases one decoder, runs it on one of
/// the pool's own threads, and gives it back; requests beyond the pool wait in order, each until
/// its deadline.
public final class DecoderPool: Sendable {
    /// How many decoders (and threads) there are.
    public let size: Int
    let leases: LeaseQueue
    private let threads: NIOThreadPool

    /// Loads `size` decoders (this takes a while: call it once, at start).
    init(size: Int, files: SpeechModelFiles) throws(DecoderError) {
        var decoders: [PocketSphinxDecoder] = []
        for _ in 0..<size { decoders.append(try PocketSphinxDecoder(files: files)) }
        self.size = size
        leases = LeaseQueue(decoders)
        threads = NIOThreadPool(numberOfThreads: size)
        threads.start()
    }

    deinit {
        threads.shutdownGracefully { _ in }
    }

    /// Requests waiting for a decoder now.
    var waitingCount: Int { leases.waitingCount }

    /// Runs `body` with a decoder of its own, on a pool thread.
    /// - Throws: `DecoderPoolError.busy` when no decoder became free before `deadline`.
    func withDecoder<T: Sendable>(
        deadline: ContinuousClock.Instant, _ body: @escaping @Sendable (PocketSphinxDecoder) throws -> T
    ) async throws -> T {
        let decoder = try await leases.lease(deadline: deadline)
        defer { leases.giveBack(decoder) }
        return try await threads.runIfActive { try body(decoder) }
    }
}

/// No decoder became free before the request's deadline.
public struct DecoderPoolBusy: Error, Sendable {}

/// The free decoders and the requests waiting for one, in arrival order.
///
/// Each waiting request has an id that goes through exactly two calls: `register` (from the
/// continuation) and `expire` (when its deadline passes, it is cancelled, or it was served). A
/// waiter is resumed once: by `giveBack` with a decoder, or by `expire` with `DecoderPoolBusy`;
/// both decide under the lock.
final class LeaseQueue: Sendable {
    private struct State {
        var free: [PocketSphinxDecoder]
        var waiters: [UInt64: CheckedContinuation<PocketSphinxDecoder, any Error>] = [:]
        var order: [UInt64] = []
        /// Served ids whose `expire` has not run yet.
        var served: Set<UInt64> = []
        /// Ids whose `expire` ran before `register`.
        var expired: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    init(_ decoders: [PocketSphinxDecoder]) {
        state = Mutex(State(free: decoders))
    }

    /// How many requests are waiting.
    var waitingCount: Int { state.withLock { $0.order.count } }

    func lease(deadline: ContinuousClock.Instant) async throws -> PocketSphinxDecoder {
        let (decoder, id): (PocketSphinxDecoder?, UInt64) = state.withLock { state in
            if let decoder = state.free.popLast() { return (decoder, 0) }
            state.nextID += 1
            return (nil, state.nextID)
        }
        if let decoder { return decoder }
        return try await withThrowingTaskGroup(of: PocketSphinxDecoder?.self) { group in
            group.addTask {
                try await withCheckedThrowingContinuation { continuation in
                    self.register(id, continuation)
                }
            }
            group.addTask {
                // Ends at the deadline, or early when the request is cancelled or was served.
                try? await Task.sleep(until: deadline, clock: .continuous)
                self.expire(id)
                return nil
            }
            while let result = try await group.next() {
                if let decoder = result {
                    group.cancelAll()
                    return decoder
                }
            }
            throw DecoderPoolBusy()
        }
    }

    func giveBack(_ decoder: PocketSphinxDecoder) {
        let continuation: CheckedContinuation<PocketSphinxDecoder, any Error>? = state.withLock { state in
            while !state.order.isEmpty {
                let id = state.order.removeFirst()
                if let continuation = state.waiters.removeValue(forKey: id) {
                    state.served.insert(id)
                    return continuation
                }
            }
            state.free.append(decoder)
            return nil
        }
        continuation?.resume(returning: decoder)
    }

    private func register(_ id: UInt64, _ continuation: CheckedContinuation<PocketSphinxDecoder, any Error>) {
        enum Outcome { case wait, expired, decoder(PocketSphinxDecoder) }
        let outcome: Outcome = state.withLock { state in
            if state.expired.remove(id) != nil { return .expired }
            if let decoder = state.free.popLast() {
                state.served.insert(id)
                return .decoder(decoder)
            }
            state.waiters[id] = continuation
            state.order.append(id)
            return .wait
        }
        switch outcome {
        case .wait: break
        case .expired: continuation.resume(throwing: DecoderPoolBusy())
        case .decoder(let decoder): continuation.resume(returning: decoder)
        }
    }

    private func expire(_ id: UInt64) {
        let continuation: CheckedContinuation<PocketSphinxDecoder, any Error>? = state.withLock { state in
            if let continuation = state.waiters.removeValue(forKey: id) {
                state.order.removeAll { $0 == id }
                return continuation
            }
            if state.served.remove(id) == nil { state.expired.insert(id) }
            return nil
        }
        continuation?.resume(throwing: DecoderPoolBusy())
    }
}
