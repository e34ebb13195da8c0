//! The fast path allocates nothing per record beyond its result: scoring a
//! typed record makes exactly one allocation (the `Vec` of indicator scores),
//! also when derived values are filled in and indicators are not applicable.
//!
//! A counting global allocator sees every allocation of this test binary,
//! which holds this one test so that no other test runs beside it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use scorecard_tests::{compile, seed, EXAMPLE_MEASUREMENTS};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to the system allocator; the
// counter is the only addition.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Allocations made by `f`, run `n` times.
fn allocations(n: usize, mut f: impl FnMut()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..n {
        f();
    }
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

#[test]
fn scoring_a_typed_record_allocates_only_the_result() {
    let card = seed();
    let record = card.parse_record(EXAMPLE_MEASUREMENTS).unwrap();
    let mut total = scorecard::Decimal::ZERO;
    let made = allocations(1000, || total += card.score(&record).unwrap().total);
    assert_eq!(made, 1000, "allocations for 1000 seed records");
    assert!(total > scorecard::Decimal::ZERO);

    // A derived value (计算) and a not-applicable indicator are filled in without allocating either.
    let card = compile(
        "计分表 「甲」\n不适用指标 剔除后折算\n输入 执行数 = spent（万元）\n输入 预算数 = budget（万元）\n\
         输入 无任务 = none（是否）\n计算 执行率 = 执行数 ÷ 预算数，除数为零时为 100%\n\
         三级指标 预算执行率\n  分值 10分\n  评分 执行率低于90%，扣5分\n\
         三级指标 任务\n  分值 10分\n  不适用条件 无任务\n  评分 执行数低于1万元，扣10分\n",
    );
    let record = card.parse_record(r#"{"spent": 85, "budget": 100, "none": true}"#).unwrap();
    // The first record on a thread sets up the buffer derived values are filled into; later ones reuse it.
    total += card.score(&record).unwrap().total;
    let made = allocations(1000, || total += card.score(&record).unwrap().total);
    assert_eq!(made, 1000, "allocations for 1000 records with a derived value");
}
