// big.rs: the compile benchmark's module (bench/compile/run.sh). Built in debug mode (-C opt-level=0), as a
// Rust developer's first build would be: every generic instantiation (collections, sorting, iterators,
// formatting, hashing) for each of the record types below becomes its own unoptimized function, which gives a
// module of several megabytes of code. Running it prints one checksum line per record type.
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt::Write;

macro_rules! record {
    ($name:ident, $seed:expr) => {
        mod $name {
            use super::*;

            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
            pub struct Item {
                pub id: u64,
                pub tag: String,
                pub values: Vec<i32>,
                pub pair: (u16, i64),
                pub flag: Option<bool>,
            }

            pub fn make(n: usize) -> Vec<Item> {
                let mut s: u64 = $seed;
                (0..n)
                    .map(|i| {
                        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        Item {
                            id: s >> 40,
                            tag: format!("{}-{}", stringify!($name), i % 17),
                            values: (0..(i % 5)).map(|k| (s >> k) as i32 % 1000).collect(),
                            pair: ((s >> 16) as u16, (s as i64) >> 20),
                            flag: if i % 3 == 0 { None } else { Some(i % 2 == 0) },
                        }
                    })
                    .collect()
            }

            pub fn run(n: usize) -> String {
                let mut items = make(n);
                items.sort();
                let mut by_tag: HashMap<String, Vec<Item>> = HashMap::new();
                for it in &items {
                    by_tag.entry(it.tag.clone()).or_default().push(it.clone());
                }
                let ordered: BTreeMap<u64, &Item> = items.iter().map(|it| (it.id, it)).collect();
                let unique: HashSet<&Item> = items.iter().collect();
                let mut queue: VecDeque<Item> = items.iter().rev().cloned().collect();
                queue.rotate_left(n / 3);
                let total: i64 = items.iter().flat_map(|it| it.values.iter()).map(|&v| v as i64).sum();
                let maxpair = items.iter().map(|it| it.pair).max().unwrap_or_default();
                let mut out = String::new();
                write!(
                    out,
                    "{} n={} tags={} ordered={} unique={} front={:?} total={} maxpair={:?}",
                    stringify!($name),
                    n,
                    by_tag.len(),
                    ordered.len(),
                    unique.len(),
                    queue.front().map(|it| it.id),
                    total,
                    maxpair
                )
                .unwrap();
                out
            }
        }
    };
}

macro_rules! records {
    ($($name:ident = $seed:expr),* $(,)?) => {
        $(record!($name, $seed);)*
        fn run_all(n: usize) {
            $(println!("{}", $name::run(n));)*
        }
    };
}

records! {
    r00 = 1, r01 = 2, r02 = 3, r03 = 4, r04 = 5, r05 = 6, r06 = 7, r07 = 8, r08 = 9, r09 = 10,
    r10 = 11, r11 = 12, r12 = 13, r13 = 14, r14 = 15, r15 = 16, r16 = 17, r17 = 18, r18 = 19, r19 = 20, r20 = 21,
}

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    run_all(n);
}
