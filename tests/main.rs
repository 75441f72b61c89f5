//! The one integration test binary: runs `factsheet` on temporary copies of sites and checks
//! the files it writes.

mod browser;
mod cli;
mod edits;
mod hostile;
mod serve;
mod support;
