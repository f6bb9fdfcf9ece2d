//! Tiếng Việt: shared-memory pitfalls and semaphores: shm-errors, sem-demos.

pub(crate) const TEXTS: &[(&str, &str)] = &[];
