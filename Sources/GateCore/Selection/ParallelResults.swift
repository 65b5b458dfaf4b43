/// Fixed-size result slots that `DispatchQueue.concurrentPerform` iterations fill, each iteration its own slot.
///
/// Safe because the slots are allocated up front and every index is written by exactly one iteration;
/// they are read only after `concurrentPerform` returns.
final class ParallelResults<Element>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Element?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Stores the result of iteration `index`; call once per index.
    func set(_ index: Int, _ value: Element) {
        slots[index] = value
    }

    /// The results in order; call after all iterations finished.
    var values: [Element?] { Array(slots) }
}
