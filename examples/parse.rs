//! Prints the tags and dependency tree the extractor reads for each line of standard input.
//!
//! `echo "Revenue rose 5% to $3bn." | cargo run --release --example parse`

use std::io::BufRead;

use factsheet::extract::syntax;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        for (i, (word, tag, head, label)) in syntax::parse_text(&line).iter().enumerate() {
            let head = head.map_or("root".to_string(), |h| h.to_string());
            println!("{i}\t{word}\t{tag:?}\t{head}\t{label:?}");
        }
        println!();
    }
}
