//! `--wait-reader`: instead of the lesson's `while(1);`, watch the segment with IPC_STAT
//! until a reader has attached and detached (or removed it).

use std::time::{Duration, Instant};

use ipc_core::text::{text, text_with};
use ipc_core::{IpcError, Result, SysvSegment, interrupt};
use nix::errno::Errno;

/// How often IPC_STAT is asked; the kernel offers no way to sleep until shm_nattch changes.
const POLL: Duration = Duration::from_millis(10);

/// Returns once a reader is done with `segment`; Err on timeout or Ctrl-C.
pub fn until_reader_done(segment: SysvSegment, timeout: Option<Duration>) -> Result<()> {
    interrupt::install()?;
    println!("{}", text("sysv-writer.waiting"));
    let me = std::process::id() as i32;
    let start = Instant::now();
    loop {
        match segment.stat() {
            // shm_lpid is the last process that attached or detached: after our shmdt it is
            // us; once it names another process and nobody is attached, a reader has been.
            Ok(st) if st.nattch == 0 && st.lpid != me && st.lpid != 0 => {
                println!("{}", text_with("sysv-writer.reader-done", &[&st.lpid]));
                return Ok(());
            }
            Ok(_) => {}
            // The id no longer exists: a reader removed the segment (IPC_RMID) after reading.
            Err(e) if matches!(e.errno(), Some(Errno::EINVAL | Errno::EIDRM)) => {
                println!("{}", text("sysv-writer.reader-removed"));
                return Ok(());
            }
            Err(e) => return Err(e),
        }
        interrupt::check(text("sysv-writer.waiting-call"))?;
        if let Some(limit) = timeout {
            if start.elapsed() >= limit {
                return Err(IpcError::refused(
                    text("sysv-writer.waiting-call"),
                    text_with("sysv-writer.timeout", &[&limit.as_secs_f64()]),
                ));
            }
        }
        std::thread::sleep(POLL);
    }
}
