//! Re-extraction merged into any hand-edited text: never a panic, and a merged text reads back
//! with the old facts first and a second merge adds nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::merge(data);
});
