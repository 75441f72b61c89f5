//! The one integration test binary: runs `factsheet` on temporary copies of sites and checks
//! the files it writes.

mod browser;
mod careless;
mod cli;
mod edits;
mod hostile;
mod incremental;
// What the fuzz targets check, replayed over their corpus by `robust`.
#[path = "../fuzz/harness.rs"]
mod harness;
mod robust;
mod serve;
mod support;
