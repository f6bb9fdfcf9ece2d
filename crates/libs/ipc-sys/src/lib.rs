//! ipc-sys: the system calls nix does not wrap, shaped like nix.
//!
//! One safe function per call, named as the call (`shmget`, `sem_open`, ...), flags as typed
//! bitflags, `Result<T, Errno>` everywhere, owned handles where they prevent misuse. No text,
//! no command-line parsing: the callers attach the error line's context where they call.
//!
//! Every `unsafe` block of the workspace is in this crate, each with a `// SAFETY:` line.

pub mod mem;
pub mod process;
pub mod trace;
