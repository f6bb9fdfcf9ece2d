//! `--wait-reader`: instead of the lesson's `while(1);`, watch the segment with IPC_STAT
//! until a reader has attached and detached (or removed it).

use std::time::{Duration, Instant};

use ipc_support::{Context, IpcError, Result, call, interrupt};
use ipc_sys::shm::{ShmctlCmd, ShmidDs, shmctl};
use ipc_text::t;
use nix::errno::Errno;

/// How often IPC_STAT is asked; the kernel offers no way to sleep until shm_nattch changes.
const POLL: Duration = Duration::from_millis(10);

/// Returns once a reader is done with the segment; Err on timeout or Ctrl-C.
pub fn until_reader_done(shmid: i32, timeout: Option<Duration>) -> Result<()> {
    interrupt::install()?;
    println!("{}", t!("sysv-writer-waiting"));
    let me = nix::unistd::getpid().as_raw();
    let start = Instant::now();
    loop {
        let mut ds = ShmidDs::default();
        match shmctl(shmid, ShmctlCmd::IPC_STAT(&mut ds)) {
            // shm_lpid is the last process that attached or detached: after our shmdt it is
            // us; once it names another process and nobody is attached, a reader has been.
            Ok(()) if ds.shm_nattch == 0 && ds.shm_lpid != me && ds.shm_lpid != 0 => {
                println!("{}", t!("sysv-writer-reader-done", pid = ds.shm_lpid));
                return Ok(());
            }
            Ok(()) => {}
            // The id no longer exists: a reader removed the segment (IPC_RMID) after reading.
            Err(Errno::EINVAL | Errno::EIDRM) => {
                println!("{}", t!("sysv-writer-reader-removed"));
                return Ok(());
            }
            Err(e) => return Err(e).context(|| call!("shmctl", shmid, "IPC_STAT")),
        }
        interrupt::check(t!("sysv-writer-waiting-call"))?;
        if let Some(limit) = timeout {
            if start.elapsed() >= limit {
                return Err(IpcError::refused(
                    t!("sysv-writer-waiting-call"),
                    t!("sysv-writer-timeout", seconds = limit.as_secs_f64()),
                ));
            }
        }
        std::thread::sleep(POLL);
    }
}
