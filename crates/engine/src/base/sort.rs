//! One small stable sort for every sort that is compiled into the browser app.
//!
//! Why not `slice::sort_by`: std's stable sort (driftsort) is fast but large, and it is instantiated once per
//! element type and comparator: nine copies made about 36 KB of the playground's WASM before this module.
//! Here the work is done by two non-generic functions (a merge sort over indices, then an in-place
//! permutation), so each call site adds only two tiny closures. It stays O(n log n) time and O(n) extra
//! memory (two `Vec<usize>`), so `copyimage serve` and the benches sorting 100k items are fine.
//!
//! Same results as std: [`sort_by`] orders exactly as `slice::sort_by` does, equal elements keeping their
//! order (tested against std by proptest below).
//!
//! Layer: base (may use nothing else of this crate).

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`: the same order as `v.sort_by(cmp)`, equal elements keep their order.
pub fn sort_by<T, F: FnMut(&T, &T) -> Ordering>(v: &mut [T], mut cmp: F) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        stable_order(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    apply_order(order, &mut |a, b| v.swap(a, b));
}

/// Sorts `v` stably in ascending order: the same order as `v.sort()`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// For each element, whether an equal one (by `cmp`) comes earlier in `v`: what a `BTreeSet::insert` loop
/// would reject, without a set (each set's key type would add its own B-tree code to the WASM).
pub fn repeats_by<T, F: FnMut(&T, &T) -> Ordering>(v: &[T], mut cmp: F) -> Vec<bool> {
    repeats(v.len(), &mut |a, b| cmp(&v[a], &v[b]))
}

/// [`repeats_by`] over indices `0..n` (non-generic, so there is one copy of it in the WASM).
fn repeats(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<bool> {
    let mut repeated = vec![false; n];
    let order = stable_order(n, cmp);
    // Stable: within a run of equal elements the first is the earliest, every later one is a repeat.
    for w in order.windows(2) {
        if cmp(w[0], w[1]) == Ordering::Equal {
            repeated[w[1]] = true;
        }
    }
    repeated
}

/// The sorted order of `0..n` as a list of original indices: a bottom-up merge sort over indices,
/// taking from the right run only when the left head sorts strictly after it (`cmp(l, r)` is `Greater`),
/// which keeps it stable.
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut src: Vec<usize> = (0..n).collect();
    let mut dst: Vec<usize> = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            for slot in &mut dst[lo..hi] {
                // Take the right head only if the left run is used up or the left head sorts after it.
                if j < hi && (i >= mid || cmp(src[i], src[j]) == Ordering::Greater) {
                    *slot = src[j];
                    j += 1;
                } else {
                    *slot = src[i];
                    i += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    src
}

/// Moves the elements so that position `k` holds the element that was at `order[k]`, by following each
/// permutation cycle with `swap` (one swap per displaced element).
fn apply_order(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        // Position `at` wants what was at `order[at]`; until the cycle closes, that element is still in place.
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_small_cases() {
        let mut v: Vec<i32> = vec![];
        sort(&mut v);
        assert!(v.is_empty());
        let mut v = vec![1];
        sort(&mut v);
        assert_eq!(v, [1]);
        let mut v = vec![3, 1, 2, 5, 4, 0];
        sort(&mut v);
        assert_eq!(v, [0, 1, 2, 3, 4, 5]);
        let mut v = vec!["b", "a", "c", "a"];
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["c", "b", "a", "a"]);
    }

    #[test]
    fn is_stable() {
        // Sorted by key only: equal keys must keep their input order (the second field).
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e'), (2, 'f')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c'), (2, 'f')]);
    }

    #[test]
    fn sorts_large_inputs_like_std() {
        // 100k items with many duplicate keys: the size `copyimage serve` and the benches may sort.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let input: Vec<(u32, usize)> = (0..100_000)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ((x % 1000) as u32, i)
            })
            .collect();
        let mut ours = input.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std_sorted = input;
        std_sorted.sort_by_key(|a| a.0);
        assert_eq!(ours, std_sorted);
    }

    #[test]
    fn repeats_mark_every_later_equal_element() {
        let v = ["b", "a", "b", "c", "a", "b"];
        assert_eq!(repeats_by(&v, |a, b| a.cmp(b)), [false, false, true, false, true, true]);
        assert!(repeats_by::<u8, _>(&[], |a, b| a.cmp(b)).is_empty());
    }

    proptest! {
        #[test]
        fn repeats_match_a_set_insert_loop(v in proptest::collection::vec(0u8..20, 0..100)) {
            let mut seen = std::collections::BTreeSet::new();
            let expected: Vec<bool> = v.iter().map(|x| !seen.insert(*x)).collect();
            prop_assert_eq!(repeats_by(&v, |a, b| a.cmp(b)), expected);
        }


        #[test]
        fn same_order_as_std_sort_by(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            // Compare on the key only, so stability decides the order of the (tagged) equal keys.
            let tagged: Vec<(u8, u16, usize)> = v.iter().enumerate().map(|(i, &(k, x))| (k, x, i)).collect();
            let mut ours = tagged.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut expected = tagged;
            expected.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, expected);
        }

        #[test]
        fn same_order_as_std_sort(v in proptest::collection::vec(".{0,4}", 0..200)) {
            let mut ours = v.clone();
            sort(&mut ours);
            let mut expected = v;
            expected.sort();
            prop_assert_eq!(ours, expected);
        }

        #[test]
        fn reverse_comparator_matches_std(v in proptest::collection::vec((0u8..4, any::<u8>()), 0..200)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut expected = v;
            expected.sort_by_key(|a| std::cmp::Reverse(a.0));
            prop_assert_eq!(ours, expected);
        }
    }
}
