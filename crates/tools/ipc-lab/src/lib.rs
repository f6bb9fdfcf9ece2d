//! ipc-lab's library half: the inventory of IPC objects on this machine, behind `ipc-lab
//! ls`, `clean`, `limits` and the tour, and shared with ipc-lab's own tests.

pub mod objects;
/// The kernel's /proc/sysvipc tables, shared with the lesson programs' hints (ipc-support).
pub use ipc_support::sysvipc;
