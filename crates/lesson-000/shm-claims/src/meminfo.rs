//! 000 §2 says shared memory is kept "trong file của HW" (in a hardware file). It is RAM:
//! /dev/shm is a tmpfs, and both kinds of shared memory are counted by the kernel as
//! `Shmem:` in /proc/meminfo. Touching every page of an object raises Shmem by its size;
//! the pages stay after munmap or shmdt (the object holds them, no process needs to), and
//! go when the object is removed.

use ipc_support::pitfall::not_reproduced;
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, Context, Hint, IpcError, ObjectName, Result, call, hints};
use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::mman::{mmap, munmap};
use ipc_sys::shared::SharedBytes;
use ipc_sys::shm::{ShmatFlags, ShmctlCmd, shmat, shmctl, shmdt, shmget};
use ipc_text::{id, t, text};
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags, shm_open, shm_unlink};
use nix::sys::stat::Mode;
use nix::unistd::ftruncate;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "32M", value_parser = parse_size)]
    size: usize,
}

fn parse_size(raw: &str) -> std::result::Result<usize, String> {
    match ipc_support::args::parse_size(raw) {
        Ok(n) if ((1 << 20)..=(1 << 30)).contains(&n) => Ok(n),
        Ok(_) => Err(t!("shm-claims-meminfo-size-range")),
        Err(e) => Err(e),
    }
}

/// Other processes change Shmem too: a step that does not match is measured again, this often.
const ATTEMPTS: u32 = 8;

/// The pause before measuring again: 20 to 80 ms, different for each process and attempt, so
/// that two copies of this program started together (two tours) stop measuring in step.
fn pause_before(attempt: u32) -> std::time::Duration {
    let mixed = std::process::id()
        .wrapping_mul(7919)
        .wrapping_add(attempt.wrapping_mul(104_729));
    std::time::Duration::from_millis(20 + u64::from(mixed % 61))
}

/// `Shmem:` of /proc/meminfo, in kB.
fn shmem_kb() -> Result<u64> {
    let info = std::fs::read_to_string("/proc/meminfo")
        .map_err(|e| IpcError::refused("read /proc/meminfo", e.to_string()))?;
    info.lines()
        .find_map(|l| l.strip_prefix("Shmem:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| IpcError::refused("read /proc/meminfo", t!("shm-claims-meminfo-no-shmem")))
}

/// Writes one byte in every page: the kernel gives an object its pages when they are
/// first touched (ftruncate and mmap alone give none).
fn touch(memory: &SharedBytes, page: usize) -> Result<()> {
    for offset in (0..memory.len()).step_by(page) {
        memory
            .write(offset, &[1])
            .map_err(|e| IpcError::sys("touching the pages", e))?;
    }
    Ok(())
}

/// Shmem at each step of one object's life, in kB.
struct Steps {
    before: u64,
    sized: u64,
    touched: u64,
    unmapped: u64,
    removed: u64,
}

impl Steps {
    /// Rise and fall each within an eighth of the size (at least 2 MiB) of it.
    fn match_size(&self, kb: u64) -> bool {
        let close = |delta: i64| {
            delta.abs_diff(i64::try_from(kb).unwrap_or(i64::MAX)) <= (kb / 8).max(2048)
        };
        let diff = |a: u64, b: u64| i64::try_from(a).unwrap_or(0) - i64::try_from(b).unwrap_or(0);
        close(diff(self.touched, self.before)) && close(diff(self.unmapped, self.removed))
    }

    fn print(&self, labels: [&str; 4]) {
        let signed = |a: u64, b: u64| {
            let d = i64::try_from(a).unwrap_or(0) - i64::try_from(b).unwrap_or(0);
            if d >= 0 {
                format!("+{d}")
            } else {
                d.to_string()
            }
        };
        let start = t!("shm-claims-meminfo-start");
        println!(
            "{}",
            t!(
                "shm-claims-meminfo-row",
                step = format!("{start:<16}"),
                kb = self.before,
                change = ""
            )
        );
        for (label, (now, prev)) in labels.iter().zip([
            (self.sized, self.before),
            (self.touched, self.sized),
            (self.unmapped, self.touched),
            (self.removed, self.unmapped),
        ]) {
            println!(
                "{}",
                t!(
                    "shm-claims-meminfo-row",
                    step = format!("{label:<16}"),
                    kb = now,
                    change = format!("({} kB)", signed(now, prev))
                )
            );
        }
    }
}

/// One kind of shared memory measured: object size and page size in, Shmem at each step out.
type Measure = fn(usize, usize) -> Result<Steps>;

/// The title of a kind's measurement, for its size in kB.
type Title = fn(u64) -> String;

fn posix(size: usize, page: usize) -> Result<Steps> {
    let name = ObjectName::parse_shm(&unique_name("shm-claims"))
        .map_err(|e| IpcError::refused("shm-claims", e))?;
    let flags = OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_RDWR;
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let before = shmem_kb()?;
    let fd = shm_open(name.as_str(), flags, mode)
        .context(|| call!("shm_open", name, flags, mode))
        .hints(hints::shm_open(&name))?;
    let remove = Cleanup::shm(&name);
    let len = nix::libc::off_t::try_from(size).unwrap_or(0);
    ftruncate(&fd, len).context(|| call!("ftruncate", name, len))?;
    let sized = shmem_kb()?;
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let map = mmap(size, prot, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", size, prot, MapFlags::MAP_SHARED))?;
    touch(&map, page)?;
    let touched = shmem_kb()?;
    munmap(map).context(|| call!("munmap", size))?;
    drop(fd);
    let unmapped = shmem_kb()?;
    shm_unlink(name.as_str()).context(|| call!("shm_unlink", name))?;
    remove.keep();
    let removed = shmem_kb()?;
    Ok(Steps {
        before,
        sized,
        touched,
        unmapped,
        removed,
    })
}

fn sysv(size: usize, page: usize) -> Result<Steps> {
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let before = shmem_kb()?;
    let shmid = shmget(SysvKey::PRIVATE, size, IpcFlags::IPC_CREAT, mode)
        .context(|| call!("shmget", "IPC_PRIVATE", size, (IpcFlags::IPC_CREAT, mode)))?;
    let remove = Cleanup::sysv_shm(shmid);
    let sized = shmem_kb()?;
    let shm = shmat(shmid, ShmatFlags::empty())
        .context(|| call!("shmat", shmid, "NULL", ShmatFlags::empty()))?;
    touch(&shm, page)?;
    let touched = shmem_kb()?;
    shmdt(shm).context(|| "shmdt".to_string())?;
    let unmapped = shmem_kb()?;
    shmctl(shmid, ShmctlCmd::IPC_RMID).context(|| call!("shmctl", shmid, "IPC_RMID"))?;
    remove.keep();
    let removed = shmem_kb()?;
    Ok(Steps {
        before,
        sized,
        touched,
        unmapped,
        removed,
    })
}

/// `statfs("/dev/shm")`: whether it is a tmpfs (f_type TMPFS_MAGIC).
fn dev_shm_is_tmpfs() -> Result<bool> {
    let fs = nix::sys::statfs::statfs("/dev/shm").context(|| call!("statfs", "/dev/shm"))?;
    Ok(fs.filesystem_type() == nix::sys::statfs::TMPFS_MAGIC)
}

pub fn run(args: &Args) -> Result<()> {
    let page = ipc_support::maps::page_size();
    let size = args.size.div_ceil(page) * page;
    let kb = u64::try_from(size / 1024).unwrap_or(u64::MAX);
    let tmpfs = dev_shm_is_tmpfs()?;
    println!(
        "{}",
        text(if tmpfs {
            id!("shm-claims-meminfo-tmpfs")
        } else {
            id!("shm-claims-meminfo-not-tmpfs")
        })
    );
    let mut all = tmpfs;
    let kinds: [(Title, Measure, [&str; 4]); 2] = [
        (
            |kb| t!("shm-claims-meminfo-posix", kb = kb),
            posix,
            ["ftruncate", "mmap + touch", "munmap + close", "shm_unlink"],
        ),
        (
            |kb| t!("shm-claims-meminfo-sysv", kb = kb),
            sysv,
            ["shmget", "shmat + touch", "shmdt", "IPC_RMID"],
        ),
    ];
    for (title, measure, labels) in kinds {
        println!();
        println!("{}", title(kb));
        let mut matched = false;
        for attempt in 1..=ATTEMPTS {
            let steps = measure(size, page)?;
            steps.print(labels);
            if steps.match_size(kb) {
                matched = true;
                break;
            }
            if attempt < ATTEMPTS {
                println!("{}", t!("shm-claims-meminfo-again"));
                std::thread::sleep(pause_before(attempt));
            }
        }
        println!(
            "{}",
            if matched {
                t!("shm-claims-meminfo-matched", kb = kb)
            } else {
                t!("shm-claims-meminfo-unmatched", kb = kb, attempts = ATTEMPTS)
            }
        );
        all &= matched;
    }
    if all {
        return Ok(());
    }
    Err(not_reproduced(
        "meminfo",
        &t!("shm-claims-meminfo-expected", kb = kb),
        &t!("shm-claims-meminfo-got"),
    ))
}
