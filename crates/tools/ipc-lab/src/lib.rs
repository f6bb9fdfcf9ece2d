//! ipc-lab's library half: the inventory of IPC objects on this machine, behind `ipc-lab
//! ls`, `clean`, `limits` and the tour, and shared with ipc-lab's own tests.

pub mod objects;
pub mod sysvipc;
