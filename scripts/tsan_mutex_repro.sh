#!/usr/bin/env bash
# shellcheck disable=SC2016  # the $0 in the Swift snippets below is closure syntax, not a shell expansion
# Is ThreadSanitizer's report inside `Synchronization.Mutex.withLock` a real race? (issue 18)
#
# Builds two copies of one small program under -sanitize=thread: eight threads add to a dictionary
# behind a lock, once with the standard library's `Mutex` and once with Foundation's `NSLock`.
# Both print the right total (80000). On Linux, TSan reports "Swift access race" for the `Mutex`
# copy only: `Mutex` parks threads on a futex, which TSan does not intercept, so it never sees the
# hand-off. Exit 0 when the NSLock copy is clean (the lock the pipeline's StageClock now uses).
set -euo pipefail
work="$(mktemp -d -t wavelength-tsan-XXXXXX)"
trap 'rm -rf "$work"' EXIT

program() {  # $1: lock declaration, $2: guarded update, $3: guarded read
  cat <<SWIFT
import Foundation
import Synchronization
final class Counts: @unchecked Sendable {
    $1
    func add(_ key: String) { $2 }
    var total: Int64 { $3 }
}
let counts = Counts()
DispatchQueue.concurrentPerform(iterations: 8) { i in
    for _ in 0..<10_000 { counts.add(i % 2 == 0 ? "even" : "odd") }
}
print(counts.total)
SWIFT
}
program 'private let state = Mutex<[String: Int64]>([:])' \
        'state.withLock { $0[key, default: 0] += 1 }' \
        'state.withLock { $0.values.reduce(0, +) }' > "$work/mutex.swift"
program 'private let lock = NSLock(); private var state: [String: Int64] = [:]' \
        'lock.withLock { state[key, default: 0] += 1 }' \
        'lock.withLock { state.values.reduce(0, +) }' > "$work/nslock.swift"

status=0
for name in mutex nslock; do
  swiftc -sanitize=thread -g "$work/$name.swift" -o "$work/$name"
  out="$("$work/$name" 2>&1 || true)"
  reports="$(grep -c 'WARNING: ThreadSanitizer' <<<"$out" || true)"
  total="$(grep -E '^[0-9]+$' <<<"$out" | tail -1)"
  echo "$name: total $total, ThreadSanitizer reports $reports"
  if [ "$name" = nslock ] && { [ "$reports" != 0 ] || [ "$total" != 80000 ]; }; then status=1; fi
done
exit $status
