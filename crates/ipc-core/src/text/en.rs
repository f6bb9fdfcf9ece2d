//! English texts, one file per group of programs so that work on one group never touches
//! another's. Keys are `PROGRAM.TOPIC.PART`; `{0}`, `{1}`… are filled in by the caller.

mod base;
mod bench;
mod exercises;
mod front;
mod mq;
mod pitfalls;
mod shm;

pub(super) const TABLES: &[&[(&str, &str)]] = &[
    base::TEXTS,
    shm::TEXTS,
    mq::TEXTS,
    pitfalls::TEXTS,
    front::TEXTS,
    exercises::TEXTS,
    bench::TEXTS,
];
