//! Outcomes handed on in the order of the cases, as soon as every earlier case is done.
//!
//! Workers finish cases in any order. Each finished outcome waits here until the cases
//! before it are done, and is then passed to the sink by whichever worker completes the
//! run of them: the journal, the report, the print file and the messages follow the
//! input order (the same files and the same stderr whatever the number of threads),
//! and a case is recorded a moment after it is written, not at the end of a block. One
//! worker feeds the sink at a time; the others only leave their outcome and go on.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, TryLockError};

use super::CaseOutcome;

/// The outcomes waiting for their turn, and the sink they go to.
pub struct InOrder<'s> {
    /// The index of the next outcome due, and those that arrived before their turn.
    waiting: Mutex<(usize, BTreeMap<usize, CaseOutcome>)>,
    sink: Mutex<&'s mut (dyn FnMut(CaseOutcome) + Send)>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<'s> InOrder<'s> {
    /// Outcomes numbered from `first` on, to `sink`.
    pub fn new(first: usize, sink: &'s mut (dyn FnMut(CaseOutcome) + Send)) -> InOrder<'s> {
        InOrder {
            waiting: Mutex::new((first, BTreeMap::new())),
            sink: Mutex::new(sink),
        }
    }

    /// Hands on outcome `index` (from any thread), with every later one it unblocks.
    pub fn push(&self, index: usize, outcome: CaseOutcome) {
        lock(&self.waiting).1.insert(index, outcome);
        loop {
            let mut sink = match self.sink.try_lock() {
                Ok(sink) => sink,
                Err(TryLockError::Poisoned(e)) => e.into_inner(),
                // Another worker is feeding the sink; it looks for this outcome before
                // it lets go.
                Err(TryLockError::WouldBlock) => return,
            };
            while let Some(next) = self.next_due() {
                (*sink)(next);
            }
            drop(sink);
            // An outcome that came due while the sink was held, from a worker that then
            // found the sink busy, is handed on now.
            let waiting = lock(&self.waiting);
            if !waiting.1.contains_key(&waiting.0) {
                return;
            }
        }
    }

    fn next_due(&self) -> Option<CaseOutcome> {
        let mut waiting = lock(&self.waiting);
        let due = waiting.0;
        let outcome = waiting.1.remove(&due)?;
        waiting.0 += 1;
        Some(outcome)
    }

    /// The index of the next outcome due: one past the last handed on.
    pub fn next_index(&self) -> usize {
        lock(&self.waiting).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::CaseStatus;
    use rayon::prelude::*;
    use std::path::PathBuf;

    fn outcome(i: usize) -> CaseOutcome {
        CaseOutcome {
            input: PathBuf::from(i.to_string()),
            status: CaseStatus::Rendered,
            outputs: Vec::new(),
            pages: i,
            problems: Default::default(),
            accepted: Vec::new(),
            journal: Vec::new(),
            pending: Vec::new(),
        }
    }

    #[test]
    fn outcomes_come_out_in_order_whatever_order_they_arrive_in() {
        let mut seen = Vec::new();
        let mut sink = |o: CaseOutcome| seen.push(o.pages);
        let in_order = InOrder::new(10, &mut sink);
        for i in [12, 11, 14, 10, 13] {
            in_order.push(i, outcome(i));
        }
        assert_eq!(in_order.next_index(), 15);
        drop(in_order);
        assert_eq!(seen, vec![10, 11, 12, 13, 14]);
    }

    #[test]
    fn many_threads_hand_on_every_outcome_once_and_in_order() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let mut seen = Vec::new();
        let mut sink = |o: CaseOutcome| seen.push(o.pages);
        let in_order = InOrder::new(0, &mut sink);
        pool.install(|| {
            (0..5000usize).into_par_iter().for_each(|i| {
                // uneven work, so workers finish out of order
                std::hint::black_box((0..(i * 7919) % 3000).sum::<usize>());
                in_order.push(i, outcome(i));
            })
        });
        assert_eq!(in_order.next_index(), 5000);
        drop(in_order);
        assert_eq!(seen, (0..5000).collect::<Vec<_>>());
    }
}
