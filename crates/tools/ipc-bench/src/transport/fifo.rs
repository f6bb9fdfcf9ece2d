//! Named pipes (`mkfifo`) in the temporary directory, one per direction.

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use ipc_support::{Cleanup, IpcError, Result, unique};
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

use super::stream::StreamEnd;
use super::{Channel, Endpoint, Mechanism, SetupError, Side, io_errno};

pub const MECHANISM: Mechanism = Mechanism {
    name: "fifo",
    describe: ipc_text::id!("bench-mech-fifo"),
    kernel_copy: true,
    open,
};

struct Fifos {
    down: PathBuf,
    up: PathBuf,
    /// Unlink both paths when the run ends.
    _guards: Vec<Cleanup>,
}

fn open(_size: usize) -> Result<Box<dyn Channel>, SetupError> {
    let dir = std::env::temp_dir();
    let down = dir.join(unique::unique_name("ipc-bench-fifo"));
    let up = dir.join(unique::unique_name("ipc-bench-fifo"));
    let mut guards = Vec::new();
    for path in [&down, &up] {
        nix::unistd::mkfifo(path, Mode::from_bits_truncate(0o600))
            .map_err(|e| IpcError::sys(format!("mkfifo({})", path.display()), e))?;
        let p = path.clone();
        guards.push(Cleanup::new(path.display().to_string(), move || {
            std::fs::remove_file(&p)
                .map_err(|e| IpcError::sys(format!("unlink({})", p.display()), io_errno(&e)))
        }));
    }
    Ok(Box::new(Fifos {
        down,
        up,
        _guards: guards,
    }))
}

impl Channel for Fifos {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        // O_RDWR never blocks in open(2) on Linux, so neither side waits for the other.
        let (tx, rx) = side.pick(&self.down, &self.up);
        Ok(Box::new(StreamEnd {
            tx: open_rdwr(tx)?,
            rx: open_rdwr(rx)?,
        }))
    }
}

fn open_rdwr(path: &Path) -> Result<OwnedFd> {
    nix::fcntl::open(path, OFlag::O_RDWR | OFlag::O_CLOEXEC, Mode::empty())
        .map_err(|e| IpcError::sys(format!("open({}, O_RDWR)", path.display()), e))
}
