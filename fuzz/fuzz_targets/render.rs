//! The renderer: any fact file with its article (and config) that a build accepts renders with
//! the built-in theme, never a panic, a template error or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::render(data);
});
