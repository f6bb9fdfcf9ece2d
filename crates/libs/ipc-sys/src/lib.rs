//! ipc-sys: the system calls nix does not wrap, shaped like nix.
//!
//! One safe function per call, named as the call (`shmget`, `sem_open`, ...), flags as typed
//! bitflags, `Result<T, Errno>` everywhere, owned handles where they prevent misuse. No text,
//! no command-line parsing: the callers attach the error line's context where they call.
//! The modules are named after the C headers that declare their calls.
//!
//! Every `unsafe` block of the workspace is in this crate, each with a `// SAFETY:` line.

mod bus;
pub mod ipc;
pub mod mem;
pub mod mman;
pub mod mqueue;
pub mod msg;
pub mod process;
pub mod pthread;
pub mod sem;
pub mod semaphore;
pub mod shared;
pub mod shm;
pub mod signal;
pub mod trace;
pub mod unistd;
