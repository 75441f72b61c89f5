//! The article reader and the extractor: any bytes, read as an article of either format, never
//! panic, and every fact's `span` lies inside the article on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::article(data);
});
