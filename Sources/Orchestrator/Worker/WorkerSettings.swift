/// How a worker process claims and runs turns (see `env.example`).
public struct WorkerSettings: Sendable, Equatable {
    /// `ORCHESTRATOR_CONCURRENCY`: turns run at once by this process.
    public var concurrency: Int
    /// `TURN_PARTITIONS`: doorbell streams; must match the gateways'.
    public var partitions: Int
    /// `SESSION_LEASE_S`: how long a session lease lasts unless renewed (renewed every third of it).
    public var leaseDuration: Duration
    /// `CLAIM_IDLE_S`: a doorbell pending this long is claimed by another worker; above the lease.
    public var claimIdle: Duration
    /// `MAX_DELIVERIES`: attempts at a turn before it is dead-lettered.
    public var maxDeliveries: Int
    /// `TURN_TIMEOUT_S`: a turn running longer fails with `timeout`.
    public var turnTimeout: Duration
    /// `EVENT_HISTORY_MAX`: history entries kept per session (one per commit: `EventEntries`).
    public var historyLimit: Int
    /// How long one blocking read of the doorbells waits.
    public var readBlock: Duration

    public init(concurrency: Int = 32, partitions: Int = 16, leaseDuration: Duration = .seconds(5),
                claimIdle: Duration = .seconds(8), maxDeliveries: Int = 3, turnTimeout: Duration = .seconds(60),
                historyLimit: Int = 1000, readBlock: Duration = .seconds(1)) {
        self.concurrency = concurrency
        self.partitions = partitions
        self.leaseDuration = leaseDuration
        self.claimIdle = claimIdle
        self.maxDeliveries = maxDeliveries
        self.turnTimeout = turnTimeout
        self.historyLimit = historyLimit
        self.readBlock = readBlock
    }
}
