//! Văn bản tiếng Việt, mỗi nhóm chương trình một tệp. Cùng khóa với `en/`; `{0}`, `{1}`…
//! do chương trình điền vào. Tên errno, lệnh và con số giữ nguyên, không dịch.

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
