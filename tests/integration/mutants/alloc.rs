//! A counting allocator for the test binary, so the mutation test can bound
//! memory and work without timing anything: per thread, how many bytes are
//! live, the most that were live since a mark, and how many allocations
//! were made. Counts are per thread because tests run in parallel; each
//! mutant is exercised on one thread from start to end.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

#[global_allocator]
static COUNTING: Counting = Counting;

thread_local! {
    // `const` thread-locals without a destructor never allocate, so they
    // are safe to touch from inside the allocator.
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
    static COUNT: Cell<u64> = const { Cell::new(0) };
}

fn grew(bytes: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + bytes as i64;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
    let _ = COUNT.try_with(|count| count.set(count.get() + 1));
}

fn shrank(bytes: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get() - bytes as i64));
}

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        moved
    }
}

/// Where the current thread's counters stood at [`mark`].
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    live: i64,
    count: u64,
}

/// What the current thread used since a [`Mark`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// The most bytes live at once, above what was live at the mark.
    pub peak_bytes: u64,
    /// Allocations made: a deterministic measure of work.
    pub allocations: u64,
}

/// Starts measuring on this thread.
pub fn mark() -> Mark {
    let live = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(live));
    Mark {
        live,
        count: COUNT.with(Cell::get),
    }
}

impl Mark {
    /// This thread's use since the mark.
    pub fn usage(&self) -> Usage {
        Usage {
            peak_bytes: (PEAK.with(Cell::get) - self.live).max(0) as u64,
            allocations: COUNT.with(Cell::get) - self.count,
        }
    }
}
