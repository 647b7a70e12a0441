//! Spreading independent work (one engagement each) over the machine's cores.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// Applies `f` to every item on up to `available_parallelism` threads, keeping
/// order. Threads take the next item as they finish one, so an engagement with
/// many sessions does not leave the other cores idle.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut indexed: Vec<(usize, R)> = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        done.push((index, f(item)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    indexed.sort_by_key(|(index, _)| *index);
    indexed.into_iter().map(|(_, r)| r).collect()
}

/// Folds `items` into one value on up to `available_parallelism` threads: each
/// thread folds the items it takes into its own `init()` with `step`, and the
/// threads' values are combined with `merge`. Nothing is kept per item, so
/// memory stays that of the accumulators; `merge` must not depend on which
/// thread took which item.
pub fn fold<T: Sync, A: Send>(
    items: &[T],
    init: impl Fn() -> A + Sync,
    step: impl Fn(A, &T) -> A + Sync,
    merge: impl Fn(A, A) -> A,
) -> A {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().fold(init(), step);
    }
    let next = AtomicUsize::new(0);
    let folded: Vec<A> = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut acc = init();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        acc = step(acc, item);
                    }
                    acc
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    folded.into_iter().reduce(merge).unwrap_or_else(init)
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(
            super::map(&items, |x| x * 2),
            items.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
        assert!(super::map(&Vec::<u32>::new(), |x| *x).is_empty());
    }

    #[test]
    fn folds_every_item_once() {
        let items: Vec<u64> = (1..=1000).collect();
        let sum = super::fold(&items, || 0, |acc, x| acc + x, |a, b| a + b);
        assert_eq!(sum, 500_500);
        assert_eq!(
            super::fold(&Vec::<u64>::new(), || 7, |a, x| a + x, |a, b| a + b),
            7
        );
    }
}
