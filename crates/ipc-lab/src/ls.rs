//! `ipc-lab ls`: not built yet (see the open issue that names it).

/// Options of `ipc-lab ls`.
#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> ipc_core::Result<()> {
    Err(ipc_core::IpcError::refused(
        "ipc-lab ls",
        "not built yet in this version of ipc-lab",
    ))
}
