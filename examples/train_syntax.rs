//! Retrains the tagger and parser weights of `src/extract/syntax/weights/` from a treebank
//! folder of CoNLL-U files, and prints their accuracy on the held-out news.
//!
//! `cargo run --release --example train_syntax -- TREEBANK_DIR WEIGHTS_DIR`

use std::path::PathBuf;
use std::process::ExitCode;

use factsheet::extract::syntax::train;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [treebank, weights] = args.as_slice() else {
        eprintln!("usage: train_syntax TREEBANK_DIR WEIGHTS_DIR");
        return ExitCode::from(2);
    };
    let trained = match train::train(treebank) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}: {e}", treebank.display());
            return ExitCode::FAILURE;
        }
    };
    for (name, bytes) in [
        ("tagger.bin", &trained.tagger),
        ("parser.bin", &trained.parser),
    ] {
        let path = weights.join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{}: {} bytes", path.display(), bytes.len());
    }
    print!("{}", trained.report);
    ExitCode::SUCCESS
}
