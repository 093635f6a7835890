import Foundation

/// Wakes a waiting loop early: `wait(upTo:)` returns when the bell rings or the time is up, whichever is
/// first; a ring while nobody waits is kept for the next wait.
actor Doorbell {
    private var rung = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var generation = 0

    func ring() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            rung = true
        }
    }

    func wait(upTo seconds: Double) async {
        if rung || seconds <= 0 {
            rung = false
            return
        }
        generation += 1
        let mine = generation
        let timer = Task { [weak self] in
            try? await Task.sleep(for: .seconds(seconds))
            await self?.timeUp(mine)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if rung || Task.isCancelled {
                    rung = false
                    continuation.resume()
                } else {
                    waiter = continuation
                }
            }
        } onCancel: {
            Task { await self.ring() }
        }
        timer.cancel()
    }

    private func timeUp(_ mine: Int) {
        guard mine == generation, let waiter else { return }
        self.waiter = nil
        waiter.resume()
    }
}
