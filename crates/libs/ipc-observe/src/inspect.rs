//! Looking at a run from outside: its namespace's IPC objects, a task's shared mappings
//! and memory, what a task is blocked in. Nothing here trusts what the run wrote: names are
//! listed, never followed, and every read is bounded.

use std::io::IoSliceMut;
use std::os::fd::{AsFd, OwnedFd};

use nix::dir::{Dir, Type};
use nix::fcntl::{AtFlags, OFlag};
use nix::sys::stat::{Mode, SFlag, fstatat};
use nix::sys::uio::{RemoteIoVec, process_vm_readv};
use nix::unistd::Pid;

use crate::report::{ExportProblem, Mapping, MappingKind, Object};

/// The folders of the run's private /dev/shm and mqueue file system, opened once; the
/// listings go through these descriptors, so they keep working after the run's mount
/// namespace is gone.
pub struct Namespace {
    pub shm: Option<OwnedFd>,
    pub mqueue: Option<OwnedFd>,
    /// The run's private /tmp, where exported files are taken from.
    pub tmp: Option<OwnedFd>,
    /// The device of the private /dev/shm, to recognise its files in /proc/PID/maps.
    pub shm_dev: Option<u64>,
}

/// Most entries listed in one folder: a run cannot make a listing unbounded.
const MAX_ENTRIES: usize = 256;

fn names_in(dir: &OwnedFd) -> Vec<(String, Option<Type>)> {
    let Ok(mut listing) = Dir::openat(dir.as_fd(), ".", OFlag::O_RDONLY, Mode::empty()) else {
        return Vec::new();
    };
    listing
        .iter()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name != "." && name != "..").then(|| (name, e.file_type()))
        })
        .take(MAX_ENTRIES)
        .collect()
}

impl Namespace {
    /// The host's /dev/shm and mqueue (when mounted), for a run without namespaces.
    pub fn host() -> Namespace {
        Namespace::under("", false)
    }

    /// The /dev/shm, /dev/mqueue (and, with `tmp`, /tmp) of the root at `root` (e.g. a
    /// run's `/proc/PID/root`), opened without following a symlink at their last step.
    pub fn under(root: &str, tmp: bool) -> Namespace {
        let open = |dir: &str| {
            nix::fcntl::open(
                format!("{root}/{dir}").as_str(),
                OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                Mode::empty(),
            )
            .ok()
        };
        let shm = open("dev/shm");
        let shm_dev = shm
            .as_ref()
            .and_then(|fd| nix::sys::stat::fstat(fd).ok())
            .map(|s| s.st_dev);
        Namespace {
            shm,
            mqueue: open("dev/mqueue"),
            tmp: if tmp { open("tmp") } else { None },
            shm_dev,
        }
    }

    /// Every IPC object of the run's namespace: /dev/shm files, POSIX queues, and the
    /// System V objects of the supervisor's own IPC namespace (which is the run's).
    pub fn objects(&self) -> Vec<Object> {
        let mut objects = Vec::new();
        if let Some(dir) = &self.shm {
            for (name, _) in names_in(dir) {
                let size = fstatat(dir.as_fd(), name.as_str(), AtFlags::AT_SYMLINK_NOFOLLOW)
                    .map(|s| u64::try_from(s.st_size).unwrap_or(0))
                    .unwrap_or(0);
                objects.push(Object::ShmFile { name, size });
            }
        }
        if let Some(dir) = &self.mqueue {
            for (name, _) in names_in(dir) {
                objects.push(Object::Queue { name });
            }
        }
        objects.extend(sysv_objects());
        objects
    }

    /// Copies `inside` (a path under the run's /tmp) to `host`, refusing anything but a
    /// regular file of at most `max` bytes; no symlink is followed on the way.
    pub fn export(
        &self,
        inside: &std::path::Path,
        host: &std::path::Path,
        max: u64,
    ) -> Result<(), ExportProblem> {
        let shown = inside.display().to_string();
        let failed = |path: &str, error: String| ExportProblem::Failed {
            path: path.to_string(),
            error,
        };
        let dir = self.tmp.as_ref().ok_or(ExportProblem::NoPrivateTmp)?;
        let rel = inside.strip_prefix("/tmp").unwrap_or(inside);
        let rel = rel
            .to_str()
            .ok_or_else(|| failed(&shown, nix::errno::Errno::EILSEQ.to_string()))?;
        let how = nix::fcntl::OpenHow::new()
            .flags(OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC)
            .resolve(
                nix::fcntl::ResolveFlag::RESOLVE_IN_ROOT
                    | nix::fcntl::ResolveFlag::RESOLVE_NO_SYMLINKS,
            );
        let fd = nix::fcntl::openat2(dir.as_fd(), rel, how)
            .map_err(|e| failed(&shown, e.to_string()))?;
        let stat = nix::sys::stat::fstat(&fd).map_err(|e| failed(&shown, e.to_string()))?;
        if SFlag::from_bits_truncate(stat.st_mode) & SFlag::S_IFMT != SFlag::S_IFREG {
            return Err(ExportProblem::NotRegular { path: shown });
        }
        if u64::try_from(stat.st_size).unwrap_or(u64::MAX) > max {
            return Err(ExportProblem::TooLarge { path: shown, max });
        }
        let mut from = std::fs::File::from(fd);
        let tmp = host.with_extension(format!("part{}", std::process::id()));
        let copied = std::fs::File::create(&tmp).and_then(|mut to| {
            std::io::copy(&mut std::io::Read::take(&mut from, max), &mut to)?;
            to.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o755))
        });
        copied
            .and_then(|()| std::fs::rename(&tmp, host))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                failed(&host.display().to_string(), e.to_string())
            })
    }

    /// Every object, and — where no mqueue file system is mounted to list queues — the
    /// queues among `queues` (names with their slash) that exist.
    pub fn objects_and_queues(&self, queues: &std::collections::BTreeSet<String>) -> Vec<Object> {
        let mut objects = self.objects();
        if self.mqueue.is_none() {
            for name in queues {
                let opened = nix::mqueue::mq_open(
                    name.as_str(),
                    nix::mqueue::MQ_OFlag::O_RDONLY | nix::mqueue::MQ_OFlag::O_NONBLOCK,
                    Mode::empty(),
                    None,
                );
                let exists = match opened {
                    Ok(q) => {
                        let _ = nix::mqueue::mq_close(q);
                        true
                    }
                    Err(e) => e != nix::errno::Errno::ENOENT,
                };
                if exists {
                    objects.push(Object::Queue {
                        name: name.trim_start_matches('/').to_string(),
                    });
                }
            }
        }
        objects
    }

    /// Opens a file of the private /dev/shm for reading and writing, refusing anything
    /// but a regular file (no symlink is followed, a FIFO does not block).
    pub fn open_shm_file(&self, name: &str) -> Option<OwnedFd> {
        let dir = self.shm.as_ref()?;
        if name.contains('/') {
            return None;
        }
        let fd = nix::fcntl::openat(
            dir.as_fd(),
            name,
            OFlag::O_RDWR | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC,
            Mode::empty(),
        )
        .ok()?;
        let stat = nix::sys::stat::fstat(&fd).ok()?;
        (SFlag::from_bits_truncate(stat.st_mode) & SFlag::S_IFMT == SFlag::S_IFREG).then_some(fd)
    }
}

/// The rows of /proc/sysvipc/KIND as maps from column name to number.
fn sysv_rows(kind: &str) -> Vec<std::collections::HashMap<String, i64>> {
    let Ok(text) = std::fs::read_to_string(format!("/proc/sysvipc/{kind}")) else {
        return Vec::new();
    };
    let mut lines = text.lines();
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let columns: Vec<&str> = header.split_whitespace().collect();
    lines
        .take(MAX_ENTRIES)
        .map(|line| {
            columns
                .iter()
                .zip(line.split_whitespace())
                .filter_map(|(c, v)| v.parse().ok().map(|v| (c.to_string(), v)))
                .collect()
        })
        .collect()
}

fn sysv_objects() -> Vec<Object> {
    let field = |row: &std::collections::HashMap<String, i64>, name: &str| -> i64 {
        row.get(name).copied().unwrap_or(0)
    };
    let count = |v: i64| u64::try_from(v).unwrap_or(0);
    let mut objects = Vec::new();
    for row in sysv_rows("shm") {
        objects.push(Object::SysvSegment {
            key: field(&row, "key"),
            id: field(&row, "shmid"),
            size: count(field(&row, "size")),
            attached: count(field(&row, "nattch")),
        });
    }
    for row in sysv_rows("msg") {
        objects.push(Object::SysvQueue {
            key: field(&row, "key"),
            id: field(&row, "msqid"),
            messages: count(field(&row, "qnum")),
        });
    }
    for row in sysv_rows("sem") {
        objects.push(Object::SysvSemaphores {
            key: field(&row, "key"),
            id: field(&row, "semid"),
            count: count(field(&row, "nsems")),
        });
    }
    objects
}

/// One line of /proc/PID/maps.
#[derive(Debug, Clone)]
pub struct MapLine {
    pub start: u64,
    pub end: u64,
    pub shared: bool,
    pub dev: u64,
    pub inode: u64,
    pub path: String,
}

fn parse_dev(text: &str) -> u64 {
    let (major, minor) = text.split_once(':').unwrap_or(("0", "0"));
    let major = u64::from_str_radix(major, 16).unwrap_or(0);
    let minor = u64::from_str_radix(minor, 16).unwrap_or(0);
    nix::sys::stat::makedev(major, minor)
}

/// The mappings of task `pid` (at most a few thousand lines are read).
pub fn maps(pid: Pid) -> Vec<MapLine> {
    let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/maps")) else {
        return Vec::new();
    };
    text.lines()
        .take(4096)
        .filter_map(|line| {
            let mut parts = line.splitn(6, ' ');
            let range = parts.next()?;
            let perms = parts.next()?;
            let _offset = parts.next()?;
            let dev = parts.next()?;
            let inode = parts.next()?.parse().ok()?;
            let path = parts.next().unwrap_or("").trim().to_string();
            let (start, end) = range.split_once('-')?;
            Some(MapLine {
                start: u64::from_str_radix(start, 16).ok()?,
                end: u64::from_str_radix(end, 16).ok()?,
                shared: perms.as_bytes().get(3) == Some(&b's'),
                dev: parse_dev(dev),
                inode,
                path,
            })
        })
        .collect()
}

/// At most `len` bytes of task `pid`'s memory at `addr` (fewer where it is not mapped).
pub fn read_memory(pid: Pid, addr: u64, len: usize) -> Vec<u8> {
    let mut buf = vec![0u8; len];
    let Ok(base) = usize::try_from(addr) else {
        return Vec::new();
    };
    let remote = [RemoteIoVec { base, len }];
    match process_vm_readv(pid, &mut [IoSliceMut::new(&mut buf)], &remote) {
        Ok(n) => {
            buf.truncate(n);
            buf
        }
        Err(_) => Vec::new(),
    }
}

/// A NUL-terminated string of at most 4096 bytes in task `pid`'s memory.
pub fn read_c_string(pid: Pid, addr: u64) -> Option<String> {
    if addr == 0 {
        return None;
    }
    // Read page by page: a string near the end of a mapping must not fail the whole read.
    let mut bytes = Vec::new();
    let mut at = addr;
    while bytes.len() < 4096 {
        let to_page_end = 4096 - (at % 4096);
        let chunk = read_memory(pid, at, usize::try_from(to_page_end).unwrap_or(4096));
        if chunk.is_empty() {
            break;
        }
        if let Some(nul) = chunk.iter().position(|&b| b == 0) {
            bytes.extend_from_slice(&chunk[..nul]);
            return Some(String::from_utf8_lossy(&bytes).into_owned());
        }
        bytes.extend_from_slice(&chunk);
        at += to_page_end;
    }
    (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned())
}

/// The shared mappings of task `pid`, each with its first `head` bytes.
pub fn shared_mappings(pid: Pid, ns: &Namespace, head: usize) -> Vec<Mapping> {
    maps(pid)
        .into_iter()
        .filter(|m| m.shared)
        .take(16)
        .map(|m| {
            let size = m.end - m.start;
            let kind = mapping_kind(&m, ns);
            let want = usize::try_from(size).unwrap_or(usize::MAX).min(head);
            Mapping {
                kind,
                size,
                head: hex::encode(read_memory(pid, m.start, want)),
            }
        })
        .collect()
}

fn mapping_kind(m: &MapLine, ns: &Namespace) -> MappingKind {
    let path = m.path.trim_end_matches(" (deleted)");
    if path.starts_with("/SYSV") {
        // The kernel names a System V segment's file /SYSV<key>, and its inode is the id.
        return MappingKind::Sysv { id: m.inode };
    }
    if Some(m.dev) == ns.shm_dev {
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        return MappingKind::ShmFile { name };
    }
    if path == "/dev/zero" || path.is_empty() || path.starts_with("[anon") {
        return MappingKind::Anonymous { inode: m.inode };
    }
    MappingKind::File {
        path: path.to_string(),
    }
}

/// The system call task `pid` is blocked in, from /proc/PID/syscall: its number and
/// first argument (None when it is running or not in a call).
pub fn blocked_call(pid: Pid) -> Option<(u64, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/syscall")).ok()?;
    let mut fields = text.split_whitespace();
    let nr: i64 = fields.next()?.parse().ok()?;
    let nr = u64::try_from(nr).ok()?;
    let arg0 = fields.next()?.trim_start_matches("0x");
    Some((nr, u64::from_str_radix(arg0, 16).ok()?))
}

/// What descriptor `fd` of task `pid` is, e.g. `pipe:[1234]` (None if it is not open).
pub fn fd_target(pid: Pid, fd: u64) -> Option<String> {
    nix::fcntl::readlink(format!("/proc/{pid}/fd/{fd}").as_str())
        .ok()
        .map(|t| t.to_string_lossy().into_owned())
}

/// Whether task `pid` is a thread of another process (its thread group is not itself).
pub fn is_thread(pid: Pid) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Tgid:"))
                .and_then(|v| v.trim().parse::<i32>().ok())
        })
        .is_some_and(|tgid| tgid != pid.as_raw())
}

/// Task `pid`'s pid in its own (innermost) pid namespace, from the NSpid line.
pub fn own_pid(pid: Pid) -> i32 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("NSpid:"))
                .and_then(|v| v.split_whitespace().last()?.parse().ok())
        })
        .unwrap_or(pid.as_raw())
}

/// Context switches and I/O bytes of task `pid` (I/O only for a process, which counts
/// its threads).
pub fn usage(pid: Pid, thread: bool) -> crate::report::Usage {
    let field = |text: &str, name: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim_start_matches(':').trim().parse().ok())
            .unwrap_or(0)
    };
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let io = if thread {
        String::new()
    } else {
        std::fs::read_to_string(format!("/proc/{pid}/io")).unwrap_or_default()
    };
    crate::report::Usage {
        voluntary_switches: field(&status, "voluntary_ctxt_switches"),
        involuntary_switches: field(&status, "nonvoluntary_ctxt_switches"),
        read_bytes: field(&io, "rchar"),
        written_bytes: field(&io, "wchar"),
    }
}

/// What kind of file descriptor `fd` of task `pid` is, for the live trace: `pipe:[N]`,
/// `socket:[N]`, or a FIFO's path; None for anything else.
pub fn channel(pid: Pid, fd: u64) -> Option<String> {
    let target = fd_target(pid, fd)?;
    if target.starts_with("pipe:") || target.starts_with("socket:") {
        return Some(target);
    }
    let fifo = nix::sys::stat::stat(format!("/proc/{pid}/fd/{fd}").as_str())
        .is_ok_and(|s| SFlag::from_bits_truncate(s.st_mode) & SFlag::S_IFMT == SFlag::S_IFIFO);
    fifo.then(|| format!("fifo:{target}"))
}

/// The path of the shared mapping of task `pid` that holds `addr`, if any.
pub fn shared_mapping_at(pid: Pid, addr: u64) -> Option<String> {
    maps(pid)
        .into_iter()
        .find(|m| m.shared && (m.start..m.end).contains(&addr))
        .map(|m| {
            if m.path.is_empty() {
                "[anonymous shared]".to_string()
            } else {
                m.path
            }
        })
}

/// Resident memory of task `pid` in bytes (0 when it cannot be read).
pub fn resident_bytes(pid: i32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/statm"))
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}
