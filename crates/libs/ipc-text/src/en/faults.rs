//! English: a shared machine and its faults: other users' objects, a full /dev/shm, an object
//! that shrinks or goes away under a program, a stdout that cannot be written (issue 16).

pub(crate) const TEXTS: &[(&str, &str)] = &[
    ("faults.mq.receive.lost", "the message was already taken off {0}, so here it is: priority {1}: {2}"),
];
