import Foundation
import OCOPCatalog
import OCOPStore
import Synchronization

/// What an account's last comparison was worked out from. A periodic pass that finds the same marks, on the same
/// day, before a refusal it held back expires, would plan what that one planned (it is queued already): it
/// compares nothing. At 100,000 products a comparison is some 126,000 targets against as many bindings, on every
/// account every sync period.
final class LastComparison: Sendable {
    private struct Basis: Sendable {
        var inputs: PlanInputs
        var day: CalendarDay
        /// When the first refusal it held back expires (it is then planned again).
        var until: Date
    }

    private let kept = Mutex<Basis?>(nil)

    /// Whether a comparison from `inputs` on `day` at `now` would plan what the last one did.
    func holds(_ inputs: PlanInputs, day: CalendarDay, at now: Date) -> Bool {
        kept.withLock { basis in
            guard let basis else { return false }
            return basis.inputs == inputs && basis.day == day && now < basis.until
        }
    }

    func keep(_ inputs: PlanInputs, day: CalendarDay, until: Date) {
        kept.withLock { $0 = Basis(inputs: inputs, day: day, until: until) }
    }
}
