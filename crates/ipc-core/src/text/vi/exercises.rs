//! Tiếng Việt: exercises and grader: ipc-lab grade, hint, list.

pub(crate) const TEXTS: &[(&str, &str)] = &[];
