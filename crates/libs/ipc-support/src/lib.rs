//! ipc-support: what every lesson program needs beside its system calls, which it makes
//! itself (POSIX through nix, System V and semaphores through ipc-sys).
//!
//! - the one error line, `PROGRAM: CALL(ARGS): ERRNO (message) — hint`: [`IpcError`],
//!   [`Context`] and [`call!`] to attach it where a call fails, [`hints`] shared by several
//!   programs, [`run`] to print it and exit;
//! - cleanup guards ([`Cleanup`]), Ctrl-C ([`interrupt`]), forked children ([`process`]);
//! - the command line: usage errors on one line ([`cli`]), sizes and modes ([`args`]), keys
//!   ([`key`]), object names and the lesson's defaults ([`name`]), timeouts ([`time`]);
//! - the C string a writer leaves in shared memory ([`message`]), the error demos' report
//!   ([`pitfall`]), what bounds a message queue ([`mq`]), unique names ([`unique`]);
//! - a shared machine: whose an object is ([`owner`], from [`sysvipc`] and the file system),
//!   a name that is not a shared-memory object ([`shm`]).
//!
//! No `unsafe` here: the calls that need it are in ipc-sys.

pub mod args;
pub mod call;
pub mod cli;
pub mod error;
pub mod guard;
pub mod hints;
pub mod interrupt;
pub mod key;
pub mod maps;
pub mod message;
pub mod mq;
pub mod name;
pub mod owner;
pub mod pitfall;
pub mod process;
pub mod shm;
pub mod sysvipc;
pub mod time;
pub mod unique;

pub use error::{Context, Hint, IpcError, Result, run, warn};
pub use guard::Cleanup;
pub use name::{NameKind, ObjectName};
