//! hello.rs: a Rust WASI guest.
//! Prints a greeting, counts word frequencies of its arguments (or of a
//! built-in sentence) with a HashMap, and exits with the number of distinct
//! words modulo 256 as its exit code, so hosts can check exit-code plumbing.

use std::collections::HashMap;
use std::process;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<String> = if args.is_empty() {
        "the quick brown fox jumps over the lazy dog the end"
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    } else {
        args
    };

    println!("Hello from Rust on Djinn! {} word(s)", words.len());

    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in &words {
        *counts.entry(w.as_str()).or_insert(0) += 1;
    }

    // HashMap iteration order is randomised; sort for deterministic output.
    let mut sorted: Vec<(&str, usize)> = counts.iter().map(|(k, v)| (*k, *v)).collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (word, n) in &sorted {
        println!("{:>8} {}", word, n);
    }

    let code = (sorted.len() % 256) as i32;
    eprintln!("exiting with code {}", code);
    process::exit(code);
}
