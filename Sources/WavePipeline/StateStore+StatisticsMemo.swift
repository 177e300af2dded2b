import Foundation
import GRDB
import Logging
import WaveTerms

extension StateStore {
    /// The statistics memo kept under `key`, encoded, if there is one.
    func statisticsMemo(key: String) throws -> [UInt8]? {
        try database().read { db in
            guard let row = try GRDB.Row.fetchOne(db, sql: "SELECT memo FROM statistics_memo WHERE id = 1 AND key = ?",
                                                  arguments: [key]) else { return nil }
            return try row.withUnsafeData(atIndex: 0) { $0.map { [UInt8]($0) } }
        }
    }

    /// Keeps `memo` (encoded) under `key`, in place of the one kept before.
    func keepStatisticsMemo(_ memo: [UInt8], key: String) throws {
        try database().write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO statistics_memo VALUES (1, ?, ?)", arguments: [key, Data(memo)])
        }
    }
}

/// The run state as the keeper of the corpus stage's ``StatisticsMemo``: one memo, under the
/// per-document fingerprint (the program build and its settings), so a rebuilt program starts an
/// empty one. A memo that cannot be read starts empty; one that cannot be written is told to the
/// operator and not kept. Either way the outputs are the same, only slower to compute.
enum StateStatisticsMemo {
    static func load(store: StateStore, fingerprint: String) -> StatisticsMemo {
        guard let bytes = try? store.statisticsMemo(key: fingerprint), let memo = StatisticsMemo(encoded: bytes) else {
            return StatisticsMemo()
        }
        return memo
    }

    static func keep(_ memo: StatisticsMemo, store: StateStore, fingerprint: String, logger: Logger) {
        let (hits, misses) = memo.counts
        logger.debug("corpus statistics: \(hits) results taken from the run state, \(misses) computed")
        do { try store.keepStatisticsMemo(memo.encoded(), key: fingerprint) } catch {
            logger.warning("cannot keep the statistics memo in \(store.path) (the next run computes them again): \(error)")
        }
    }
}
