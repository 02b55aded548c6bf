/// A set of 64-bit hashes with open addressing and linear probing.
///
/// The lexicon looks up a hash for every token it sees; Swift's `Set` runs SipHash on every
/// lookup, which showed up in profiles. The keys here are already FNV-1a hashes, so one
/// multiply-shift spreads them over the slots. Zero is reserved for "empty" (a key of zero is
/// stored as one: a lexicon hash collision of 2⁻⁶⁴ is accepted).
struct HashSet64: Sendable {
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        let key = HashSet64.key(hash)
        var index = home(key)
        return slots.withUnsafeBufferPointer { buffer in
            while true {
                let slot = buffer[index]
                if slot == key { return true }
                if slot == 0 { return false }
                index = (index + 1) & mask
            }
        }
    }

    /// Inserts; returns true when the hash was new.
    @discardableResult
    mutating func insert(_ hash: UInt64) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        let key = HashSet64.key(hash)
        var index = home(key)
        while true {
            let slot = slots[index]
            if slot == key { return false }
            if slot == 0 {
                slots[index] = key
                count += 1
                return true
            }
            index = (index + 1) & mask
        }
    }

    mutating func formUnion(_ other: HashSet64) {
        for slot in other.slots where slot != 0 { insert(slot) }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for slot in old where slot != 0 { insert(slot) }
    }
}
