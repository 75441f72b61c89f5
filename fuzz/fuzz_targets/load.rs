//! The YAML loader and validator: any text, as a fact file with or without its article, gives
//! located problems, never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::load(data);
});
