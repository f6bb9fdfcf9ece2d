//! ipc-core: the one library of ipc-lab.
//!
//! Thin, safe wrappers for what nix lacks (System V shared memory, `ftok`), POSIX shared
//! memory on top of nix, validated object names, one error type that prints
//! `CALL(ARGS): ERRNO_NAME (message) — hint`, cleanup guards, child processes, Ctrl-C
//! handling, timeouts, and the tables of explanation texts. No program logic lives here.
//!
//! Every `unsafe` block of the workspace is in this crate, each with a `// SAFETY:` line.

pub mod args;
pub mod cli;
pub mod ctrl_c;
pub mod error;
pub mod guard;
pub mod interrupt;
pub mod key;
pub mod mapping;
pub mod message;
pub mod mq;
pub mod mutex;
pub mod name;
pub mod objects;
pub mod pitfall;
pub mod posix_shm;
pub mod process;
pub mod region;
pub mod sem;
pub mod sysv_msg;
pub mod sysv_shm;
pub mod sysvipc;
pub mod testkit;
pub mod time;
pub mod unique;

/// The tables of explanations, now their own crate (ipc-text).
pub use ipc_text as text;

pub use error::{IpcError, Result, run};
pub use guard::Cleanup;
pub use key::{KeyArgs, SysvKey};
pub use mapping::{Mapping, Sharing};
pub use mq::{MessageQueue, QueueAccess, QueueOptions};
pub use mutex::SharedMutex;
pub use name::{NameKind, ObjectName};
pub use pitfall::{Outcome, Pitfall};
pub use posix_shm::{PosixShm, ShmOptions};
pub use region::{Access, CText, SharedRegion, check_fits};
pub use sem::{NamedSemaphore, SemCreate, SharedSemaphore, sem_unlink};
pub use sysv_msg::SysvQueue;
pub use sysv_shm::{SysvAttachment, SysvSegment};
