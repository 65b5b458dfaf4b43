/// The changed regions between two versions of a text file, by line (Myers' O(ND) diff after trimming the common
/// head and tail). Each hunk names the old lines it replaces: `oldStart..<oldStart + oldCount` (1-based); a pure
/// insertion has `oldCount == 0` and sits between old lines `oldStart - 1` and `oldStart`.
struct LineDiff {
    struct Hunk: Sendable, Hashable {
        var oldStart: Int
        var oldCount: Int
        var newStart: Int
        var newCount: Int
    }

    /// nil when the edit distance passes `limit` (too different to be worth locating: treat the file as replaced).
    static func hunks(old: [UInt8], new: [UInt8], limit: Int = 4000) -> [Hunk]? {
        hunks(old: lines(old), new: lines(new), limit: limit)
    }

    static func lines(_ bytes: [UInt8]) -> [Substring] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }

    static func hunks(old a: [Substring], new b: [Substring], limit: Int) -> [Hunk]? {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let x = Array(a[head..<(a.count - tail)])
        let y = Array(b[head..<(b.count - tail)])
        if x.isEmpty && y.isEmpty { return [] }
        guard let matches = commonLines(x, y, limit: limit) else { return nil }
        // Walk the matched pairs; the gaps between them are the hunks.
        var hunks: [Hunk] = []
        var i = 0
        var j = 0
        for (mi, mj) in matches + [(x.count, y.count)] {
            if mi > i || mj > j {
                hunks.append(Hunk(oldStart: head + i + 1, oldCount: mi - i, newStart: head + j + 1, newCount: mj - j))
            }
            i = mi + 1
            j = mj + 1
        }
        return hunks
    }

    /// Index pairs of the lines a shortest edit script keeps, in order (Myers, greedy forward with a trace).
    private static func commonLines(_ x: [Substring], _ y: [Substring], limit: Int) -> [(Int, Int)]? {
        let n = x.count
        let m = y.count
        let maxD = min(n + m, limit)
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var px: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    px = v[offset + k + 1]
                } else {
                    px = v[offset + k - 1] + 1
                }
                var py = px - k
                while px < n, py < m, x[px] == y[py] {
                    px += 1
                    py += 1
                }
                v[offset + k] = px
                if px >= n && py >= m {
                    found = true
                    break outer
                }
            }
        }
        guard found else { return nil }
        // Backtrack through the saved frontiers, collecting the diagonal (matching) moves.
        var pairs: [(Int, Int)] = []
        var px = n
        var py = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let frontier = trace[d]
            let k = px - py
            let previousK: Int
            if d == 0 {
                previousK = 0
            } else if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let startX = d == 0 ? 0 : frontier[offset + previousK] + (previousK == k - 1 ? 1 : 0)
            let startY = startX - k
            while px > startX && py > startY {
                px -= 1
                py -= 1
                pairs.append((px, py))
            }
            if d > 0 {
                px = frontier[offset + previousK]
                py = px - previousK
            }
        }
        return pairs.reversed()
    }
}
