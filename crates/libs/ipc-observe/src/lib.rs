//! ipc-observe: what a program did, seen from outside it. A tracer follows every process
//! and thread of a run with ptrace from their birth and records the calls the lessons
//! teach (with their arguments), which process wrote each line and the shared memory
//! behind it; `inspect` reads /proc and the IPC namespace (objects, mappings, memory);
//! `watch` bounds the output and the memory. The report and the spec are the types both
//! sides of a sandbox exchange. ipc-sandbox isolates a run and drives this crate;
//! `ipc-lab trace` uses the tracer on a student's own programs.

pub mod inspect;
pub mod report;
pub mod spec;
pub mod tracer;
pub mod watch;
