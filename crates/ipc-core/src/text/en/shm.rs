//! English: the shared-memory lesson programs: sysv-writer, sysv-reader, posix-writer, posix-reader, mmap-kinds.

pub(crate) const TEXTS: &[(&str, &str)] = &[];
