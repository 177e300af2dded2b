/// A trie over the UTF-8 bytes of a list of keys, flattened into arrays: walk
/// it byte by byte from ``root`` with ``child(of:byte:)``; ``key(at:)`` tells
/// which key (its index in the list) ends at a node.
struct ByteKeyTrie: Sendable {
    static let root = 0
    /// The edges (byte, child) of node `n` are `edgeBytes[edgeStart[n]..<edgeStart[n + 1]]`, sorted by byte.
    private let edgeStart: [Int32]
    private let edgeBytes: [UInt8]
    private let edgeTargets: [Int32]
    /// The key that ends at each node, or -1.
    private let terminal: [Int32]
    /// Which bytes begin a key.
    private let firstBytes: [Bool]

    /// A key listed twice ends at the node of its first listing.
    init(keys: [String]) {
        var children: [[UInt8: Int32]] = [[:]]
        var terminal: [Int32] = [-1]
        var firstBytes = [Bool](repeating: false, count: 256)
        for (index, key) in keys.enumerated() {
            var node = 0
            for byte in key.utf8 {
                if let next = children[node][byte] {
                    node = Int(next)
                } else {
                    children.append([:])
                    terminal.append(-1)
                    let next = Int32(children.count - 1)
                    children[node][byte] = next
                    node = Int(next)
                }
            }
            guard node != 0, let first = key.utf8.first else { continue }
            firstBytes[Int(first)] = true
            if terminal[node] < 0 { terminal[node] = Int32(index) }
        }
        var edgeStart: [Int32] = [0]
        var edgeBytes: [UInt8] = []
        var edgeTargets: [Int32] = []
        for edges in children {
            for (byte, target) in edges.sorted(by: { $0.key < $1.key }) {
                edgeBytes.append(byte)
                edgeTargets.append(target)
            }
            edgeStart.append(Int32(edgeBytes.count))
        }
        self.edgeStart = edgeStart
        self.edgeBytes = edgeBytes
        self.edgeTargets = edgeTargets
        self.terminal = terminal
        self.firstBytes = firstBytes
    }

    /// Whether some key begins with `byte`.
    func begins(with byte: UInt8) -> Bool { firstBytes[Int(byte)] }

    /// The node reached from `node` by `byte`, if any key continues so.
    func child(of node: Int, byte: UInt8) -> Int? {
        var edge = Int(edgeStart[node])
        let end = Int(edgeStart[node + 1])
        while edge < end {
            let b = edgeBytes[edge]
            if b == byte { return Int(edgeTargets[edge]) }
            if b > byte { return nil }
            edge += 1
        }
        return nil
    }

    /// The index of the key that ends at `node`, if one does.
    func key(at node: Int) -> Int? {
        let key = terminal[node]
        return key >= 0 ? Int(key) : nil
    }
}
