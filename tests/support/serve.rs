//! Starting `factsheet serve` as a child process on a free port, shared by the integration
//! tests and the serve benchmark (which includes this file by its path).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// `factsheet serve ARGS` in `root` on any free port: the child, its address and the lines it
/// printed before it served.
pub fn serve(root: &Path, args: &[&str]) -> (Child, String, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(["serve", "--port", "0"])
        .args(args)
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    let address = loop {
        let line = lines.next().expect("serve prints its address").unwrap();
        printed.push(line.clone());
        if let Some(at) = line.find("http://") {
            let rest = &line[at + "http://".len()..];
            break rest[..rest.find('/').unwrap()].to_string();
        }
    };
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, address, printed)
}
