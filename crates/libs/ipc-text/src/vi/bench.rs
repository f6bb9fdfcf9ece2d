//! Tiếng Việt: ipc-bench.

pub(crate) const TEXTS: &[(&str, &str)] = &[];
