//! 000 §2 says shared memory is kept "trong file của HW" (in a hardware file). It is RAM:
//! /dev/shm is a tmpfs, and both kinds of shared memory are counted by the kernel as
//! `Shmem:` in /proc/meminfo. Touching every page of an object raises Shmem by its size;
//! the pages stay after munmap or shmdt (the object holds them, no process needs to), and
//! go when the object is removed.

use ipc_support::pitfall::not_reproduced;
use ipc_support::sysvipc::SysvKind;
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

/// Shmem at each step of one object's life, in kB, and the pages the object itself holds
/// after sizing, touching and unmapping (`own`, kB: what no other process can change).
struct Steps {
    before: u64,
    sized: u64,
    touched: u64,
    unmapped: u64,
    removed: u64,
    own: [u64; 3],
}

impl Steps {
    /// The object held no page once sized, all of them once touched, and kept them all with
    /// no mapping (within 2 MiB: a tmpfs may give pages in huge ones).
    fn object_held(&self, kb: u64) -> bool {
        let all = |held: u64| held >= kb && held <= kb + 2048;
        self.own[0] == 0 && all(self.own[1]) && all(self.own[2])
    }

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
/// The line that shows an object's own pages after sizing, touching and unmapping.
type Own = fn([u64; 3]) -> String;

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
    let own_sized = blocks_kb(&fd)?;
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let map = mmap(size, prot, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", size, prot, MapFlags::MAP_SHARED))?;
    touch(&map, page)?;
    let touched = shmem_kb()?;
    let own_touched = blocks_kb(&fd)?;
    munmap(map).context(|| call!("munmap", size))?;
    let own_unmapped = blocks_kb(&fd)?;
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
        own: [own_sized, own_touched, own_unmapped],
    })
}

/// The pages a POSIX object holds: `fstat`'s st_blocks (of 512 bytes), in kB.
fn blocks_kb(fd: &std::os::fd::OwnedFd) -> Result<u64> {
    let st = nix::sys::stat::fstat(fd).context(|| call!("fstat", "the object"))?;
    Ok(u64::try_from(st.st_blocks).unwrap_or(0) / 2)
}

/// The pages a System V segment holds: its `rss` column (bytes) in /proc/sysvipc/shm, in kB.
fn rss_kb(shmid: i32) -> Result<u64> {
    ipc_support::sysvipc::list(SysvKind::SharedMemory)
        .iter()
        .find(|segment| segment.id() == shmid)
        .and_then(|segment| segment.number("rss"))
        .map(|bytes| bytes / 1024)
        .ok_or_else(|| IpcError::refused("read /proc/sysvipc/shm", t!("shm-claims-meminfo-no-rss")))
}

fn sysv(size: usize, page: usize) -> Result<Steps> {
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let before = shmem_kb()?;
    let shmid = shmget(SysvKey::PRIVATE, size, IpcFlags::IPC_CREAT, mode)
        .context(|| call!("shmget", "IPC_PRIVATE", size, (IpcFlags::IPC_CREAT, mode)))?;
    let remove = Cleanup::sysv_shm(shmid);
    let sized = shmem_kb()?;
    let own_sized = rss_kb(shmid)?;
    let shm = shmat(shmid, ShmatFlags::empty())
        .context(|| call!("shmat", shmid, "NULL", ShmatFlags::empty()))?;
    touch(&shm, page)?;
    let touched = shmem_kb()?;
    let own_touched = rss_kb(shmid)?;
    shmdt(shm).context(|| "shmdt".to_string())?;
    let unmapped = shmem_kb()?;
    let own_unmapped = rss_kb(shmid)?;
    shmctl(shmid, ShmctlCmd::IPC_RMID).context(|| call!("shmctl", shmid, "IPC_RMID"))?;
    remove.keep();
    let removed = shmem_kb()?;
    Ok(Steps {
        before,
        sized,
        touched,
        unmapped,
        removed,
        own: [own_sized, own_touched, own_unmapped],
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
    let kinds: [(Title, Measure, [&str; 4], Own); 2] = [
        (
            |kb| t!("shm-claims-meminfo-posix", kb = kb),
            posix,
            ["ftruncate", "mmap + touch", "munmap + close", "shm_unlink"],
            |[sized, touched, unmapped]| {
                t!(
                    "shm-claims-meminfo-own-posix",
                    sized = sized,
                    touched = touched,
                    unmapped = unmapped
                )
            },
        ),
        (
            |kb| t!("shm-claims-meminfo-sysv", kb = kb),
            sysv,
            ["shmget", "shmat + touch", "shmdt", "IPC_RMID"],
            |[sized, touched, unmapped]| {
                t!(
                    "shm-claims-meminfo-own-sysv",
                    sized = sized,
                    touched = touched,
                    unmapped = unmapped
                )
            },
        ),
    ];
    // The verdict rests on the object's own count of its pages, which only it changes;
    // Shmem, the whole machine's, is measured again while other processes hide it.
    let mut got = Vec::new();
    for (title, measure, labels, own) in kinds {
        println!();
        println!("{}", title(kb));
        let mut steps = measure(size, page)?;
        steps.print(labels);
        let mut attempt = 1;
        while !steps.match_size(kb) && attempt < ATTEMPTS {
            println!("{}", t!("shm-claims-meminfo-again"));
            std::thread::sleep(pause_before(attempt));
            attempt += 1;
            steps = measure(size, page)?;
            steps.print(labels);
        }
        println!("{}", own(steps.own));
        println!(
            "{}",
            if steps.match_size(kb) {
                t!("shm-claims-meminfo-matched", kb = kb)
            } else {
                t!("shm-claims-meminfo-unmatched", kb = kb, attempts = ATTEMPTS)
            }
        );
        let held = steps.object_held(kb);
        if !held {
            got.push(own(steps.own));
        }
        all &= held;
    }
    if all {
        return Ok(());
    }
    if !tmpfs {
        got.push(text(id!("shm-claims-meminfo-not-tmpfs")));
    }
    Err(not_reproduced(
        "meminfo",
        &t!("shm-claims-meminfo-expected", kb = kb),
        &got.join("; "),
    ))
}
