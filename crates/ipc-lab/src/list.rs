//! `ipc-lab list`: not built yet (see the open issue that names it).

/// Options of `ipc-lab list`.
#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ipc_core::Result<()> {
    Err(ipc_core::IpcError::refused(
        "ipc-lab list",
        "not built yet in this version of ipc-lab",
    ))
}
