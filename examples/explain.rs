//! Prints what `explain` makes of each argument: the repaired text, the
//! model's cost before and after, and the plan.
//!
//! `cargo run --example explain -- 'cafÃ©' 'Ð¿Ñ€Ð¸Ð²ÐµÑ‚'`

fn main() {
    for arg in std::env::args().skip(1) {
        let e = unmojibake::explain(&arg);
        println!("{arg:?} -> {:?}", e.text());
        println!("  cost {} -> {}", e.cost_before(), e.cost_after());
        for line in e.plan().to_string().lines() {
            println!("  {line}");
        }
    }
}
