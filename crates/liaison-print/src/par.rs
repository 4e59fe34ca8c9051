//! Work spread over every core (std::thread::scope, at most 8 threads), results in input order: encoding codes,
//! drawing PNGs and SVGs, cropping photos. One helper so the batch, the PDFs and the benchmark split work the same
//! way.

/// `f` of every item, computed on every core, in the items' order. Thread `t` takes items `t`, `t + n`, `t + 2n` …
/// so threads get similar work even when the items' costs drift along the list (photos, longer signed codes).
/// A panic in `f` is resumed on the calling thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads().min(items.len()).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    let per_thread: Vec<Vec<R>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| s.spawn(move || items.iter().skip(t).step_by(threads).map(f).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    // Item i was computed by thread i % threads as its (i / threads)-th.
    let mut iters: Vec<_> = per_thread.into_iter().map(Vec::into_iter).collect();
    (0..items.len()).map(|i| iters[i % threads].next().expect("one result per item")).collect()
}

/// The threads [`map`] uses: the cores, at most 8 (beyond that the calling thread's serial part dominates).
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_order() {
        let items: Vec<u64> = (0..1001).collect();
        let out = super::map(&items, |i| i * i);
        assert_eq!(out.len(), items.len());
        assert!(out.iter().enumerate().all(|(i, v)| *v == (i as u64) * (i as u64)));
        assert!(super::map(&[] as &[u8], |b| *b).is_empty());
    }
}
