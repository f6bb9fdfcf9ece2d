//! 000 §2: "1 process truyền và nhiều process nhận" and "PIPE thì 1 thằng đọc là nó mất".
//! One writer leaves a text in a System V segment; K readers attach it at the same time
//! (the kernel's shm_nattch counts them) and every one reads the whole text, which is still
//! there afterwards. The same text written once into a FIFO that K readers hold open reaches
//! exactly one of them: reading a pipe takes the bytes out of the kernel's buffer.

use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use ipc_support::message::{read_c_string, write_c_string};
use ipc_support::pitfall::not_reproduced;
use ipc_support::process::{Child, ChildEnd, coordination_page, fork_child};
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, Context, IpcError, Result, call, interrupt};
use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::shm::{ShmatFlags, ShmctlCmd, ShmidDs, shmat, shmctl, shmdt, shmget};
use ipc_text::t;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

use crate::wait_for;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(2..=16))]
    readers: u32,
    #[arg(long, default_value = "one writer, many readers")]
    message: String,
}

/// The lesson's segment size.
const SIZE: usize = 1024;
/// How long the processes wait for each other before giving up.
const LIMIT: Duration = Duration::from_secs(10);
/// A reader's exit status when it got nothing (end of file): not an error, an observation.
const GOT_NOTHING: i32 = 3;

ipc_sys::shareable! {
    /// What the readers and the writer tell each other.
    #[repr(C)]
    struct Roll {
        /// Readers attached to the segment / holding the FIFO open.
        ready: AtomicU32,
        /// Set by the writer once it has looked: the readers may read and go.
        go: AtomicU32,
    }
}

pub fn run(args: &Args) -> Result<()> {
    interrupt::install()?;
    let message = args.message.as_bytes();
    if message.len() >= SIZE {
        return Err(IpcError::refused(
            "--message",
            t!("shm-claims-readers-too-long", max = (SIZE - 1)),
        ));
    }
    let page = coordination_page()?;
    let roll: &Roll = page.place(0).context(|| "the readers' page".to_string())?;
    let k = args.readers;

    let (nattch, read_shm) = segment(k, message, roll)?;
    roll.ready.store(0, Ordering::SeqCst);
    roll.go.store(0, Ordering::SeqCst);
    println!();
    let got_fifo = fifo(k, message, roll)?;

    println!();
    println!(
        "{}",
        t!(
            "shm-claims-readers-summary",
            read_shm = read_shm,
            readers = k,
            got_fifo = got_fifo
        )
    );
    if nattch == u64::from(k) && read_shm == k && got_fifo == 1 {
        return Ok(());
    }
    Err(not_reproduced(
        "readers",
        &t!("shm-claims-readers-expected", readers = k),
        &t!(
            "shm-claims-readers-got",
            nattch = nattch,
            read_shm = read_shm,
            got_fifo = got_fifo
        ),
    ))
}

/// The System V half: returns shm_nattch while all readers were attached, and how many
/// readers read the whole text.
fn segment(k: u32, message: &[u8], roll: &Roll) -> Result<(u64, u32)> {
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let shmid = shmget(SysvKey::PRIVATE, SIZE, IpcFlags::IPC_CREAT, mode)
        .context(|| call!("shmget", "IPC_PRIVATE", SIZE, (IpcFlags::IPC_CREAT, mode)))?;
    let _remove = Cleanup::sysv_shm(shmid);
    let shm = shmat(shmid, ShmatFlags::empty())
        .context(|| call!("shmat", shmid, "NULL", ShmatFlags::empty()))?;
    write_c_string(&shm, message)?;
    shmdt(shm).context(|| "shmdt".to_string())?;
    let shown = String::from_utf8_lossy(message);
    println!(
        "{}",
        t!(
            "shm-claims-readers-wrote",
            shmid = shmid,
            size = SIZE,
            text = shown
        )
    );

    let mut children = Vec::new();
    for i in 1..=k {
        children.push(fork_child(|| shm_reader(i, shmid, message, roll))?);
    }
    let all = wait_for(LIMIT, || roll.ready.load(Ordering::SeqCst) == k);
    // Asked while every reader is attached and none has detached: they wait for `go`.
    let mut ds = ShmidDs::default();
    let stat =
        shmctl(shmid, ShmctlCmd::IPC_STAT(&mut ds)).context(|| call!("shmctl", shmid, "IPC_STAT"));
    roll.go.store(1, Ordering::SeqCst);
    stat?;
    if !all {
        return Err(IpcError::refused(
            "readers",
            t!("shm-claims-readers-no-start"),
        ));
    }
    println!(
        "{}",
        t!(
            "shm-claims-readers-nattch",
            nattch = ds.shm_nattch,
            readers = k
        )
    );
    let read = count_ends(children, 0)?;
    // Reading took nothing away: the writer finds its text where it left it.
    let shm = shmat(shmid, ShmatFlags::SHM_RDONLY)
        .context(|| call!("shmat", shmid, "NULL", ShmatFlags::SHM_RDONLY))?;
    let still = read_c_string(&shm);
    shmdt(shm).context(|| "shmdt".to_string())?;
    if still.bytes == message {
        println!("{}", t!("shm-claims-readers-still-there", reads = k));
    }
    Ok((ds.shm_nattch, read))
}

/// One reader of the segment: attach, say so, wait until the writer has counted, read.
fn shm_reader(i: u32, shmid: i32, message: &[u8], roll: &Roll) -> i32 {
    let shm = match shmat(shmid, ShmatFlags::SHM_RDONLY) {
        Ok(shm) => shm,
        Err(e) => {
            ipc_support::warn(&format!("shm-claims: reader {i}: shmat: {e}"));
            return 1;
        }
    };
    roll.ready.fetch_add(1, Ordering::SeqCst);
    if !wait_for(LIMIT, || roll.go.load(Ordering::SeqCst) == 1) {
        return 1;
    }
    let found = read_c_string(&shm);
    println!(
        "{}",
        t!(
            "shm-claims-readers-shm-read",
            reader = i,
            pid = std::process::id(),
            text = found.lossy()
        )
    );
    let _ = shmdt(shm);
    i32::from(found.bytes != message)
}

/// The FIFO half: how many readers got the text.
fn fifo(k: u32, message: &[u8], roll: &Roll) -> Result<u32> {
    let dir = std::env::temp_dir().join(unique_name("shm-claims"));
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(&dir)
        .map_err(|e| IpcError::refused(format!("mkdir {}", dir.display()), e.to_string()))?;
    let removed = dir.clone();
    let _remove = Cleanup::new(dir.display().to_string(), move || {
        std::fs::remove_dir_all(&removed).map_err(|e| IpcError::refused("rm -r", e.to_string()))
    });
    let path: PathBuf = dir.join("fifo");
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    nix::unistd::mkfifo(&path, mode).context(|| call!("mkfifo", path.display(), mode))?;

    let mut children = Vec::new();
    for i in 1..=k {
        children.push(fork_child(|| fifo_reader(i, &path, roll))?);
    }
    // Returns once a reader has the FIFO open; the others follow.
    let fd = nix::fcntl::open(&path, OFlag::O_WRONLY, Mode::empty())
        .context(|| call!("open", path.display(), OFlag::O_WRONLY))?;
    if !wait_for(LIMIT, || roll.ready.load(Ordering::SeqCst) == k) {
        return Err(IpcError::refused(
            "readers",
            t!("shm-claims-readers-no-start"),
        ));
    }
    let shown = String::from_utf8_lossy(message);
    println!(
        "{}",
        t!(
            "shm-claims-readers-fifo-wrote",
            path = path.display(),
            readers = k,
            text = shown
        )
    );
    // One write of fewer than PIPE_BUF bytes: it enters the pipe whole.
    nix::unistd::write(&fd, message).context(|| call!("write", "fifo", message.len()))?;
    // Closing the only write end gives the readers that got nothing their end of file.
    drop(fd);
    let got = count_ends(children, 0)?;
    println!(
        "{}",
        t!("shm-claims-readers-fifo-count", got = got, readers = k)
    );
    Ok(got)
}

/// One reader of the FIFO: open it, say so, read once.
fn fifo_reader(i: u32, path: &Path, roll: &Roll) -> i32 {
    let fd = match nix::fcntl::open(path, OFlag::O_RDONLY, Mode::empty()) {
        Ok(fd) => fd,
        Err(e) => {
            ipc_support::warn(&format!("shm-claims: reader {i}: open: {e}"));
            return 1;
        }
    };
    roll.ready.fetch_add(1, Ordering::SeqCst);
    let mut buf = [0u8; 4096];
    let pid = std::process::id();
    match nix::unistd::read(&fd, &mut buf) {
        Ok(0) => {
            println!(
                "{}",
                t!("shm-claims-readers-fifo-eof", reader = i, pid = pid)
            );
            GOT_NOTHING
        }
        Ok(n) => {
            let shown = String::from_utf8_lossy(&buf[..n]);
            println!(
                "{}",
                t!(
                    "shm-claims-readers-fifo-read",
                    reader = i,
                    pid = pid,
                    bytes = n,
                    text = shown
                )
            );
            0
        }
        Err(e) => {
            ipc_support::warn(&format!("shm-claims: reader {i}: read: {e}"));
            1
        }
    }
}

/// Waits for every reader; how many exited with `success`. A reader that failed otherwise
/// (neither the success nor "got nothing") makes the demo fail.
fn count_ends(children: Vec<Child>, success: i32) -> Result<u32> {
    let mut count = 0;
    for child in children {
        let pid = child.pid();
        match child.wait_interruptibly("waiting for the readers", Some(LIMIT))? {
            ChildEnd::Exited(code) if code == success => count += 1,
            ChildEnd::Exited(GOT_NOTHING) => {}
            end => {
                return Err(IpcError::refused(
                    format!("reader {pid}"),
                    t!("shm-claims-child-failed", end = end),
                ));
            }
        }
    }
    Ok(count)
}
