//! English: the front door: ipc-lab tour, ls, clean, limits.

pub(crate) const TEXTS: &[(&str, &str)] = &[];
