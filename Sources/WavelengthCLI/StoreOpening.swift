import Foundation
import Logging
import WavePipeline
import WaveStorePostgres

/// Opens the shard store the settings name (`--store postgres://… --job NAME`), or none: the
/// default keeps each shard's analyses in its folder's SQLite file.
enum StoreOpening {
    static func open(_ configuration: RunConfiguration, logger: Logger) throws -> (any ShardStore)? {
        guard let url = configuration.store else { return nil }
        guard let job = configuration.job else {
            throw RunError("--store needs --job NAME (the job the shards are filed under)", outcome: .usage)
        }
        let store = try PostgresShardStore(url: url, job: job)
        logger.debug("shard store: \(store.name)")
        return store
    }
}
