//! English: message queues: posix-mq, sysv-msg, mq-errors.

pub(crate) const TEXTS: &[(&str, &str)] = &[];
