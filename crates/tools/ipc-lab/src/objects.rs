//! Every IPC object on this machine, in one list: System V segments, queues and semaphore
//! sets (from /proc/sysvipc), POSIX shared-memory objects and named semaphores (files in
//! /dev/shm), POSIX message queues (files in /dev/mqueue, when it is mounted), and which live
//! processes use each one (from /proc/*/maps and /proc/*/fd).
//!
//! An object is *dangling* when no live process uses it:
//! - System V segment: nobody is attached (nattch 0) and its creator has exited;
//! - System V queue: neither the last sender nor the last receiver is alive (a queue nobody
//!   ever used counts as dangling too);
//! - System V semaphore set: no semaphore's last operator (`semctl(GETPID)`) is alive;
//! - POSIX object: no live process maps it or holds it open.
//!
//! An ordinary user cannot read another user's /proc/PID/maps or fd, nor `semctl(GETPID)`
//! a set it may not read: for what it cannot see, who uses an object is *unknown*, never
//! "nobody" (an object of someone else's, in use, is not dangling).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use ipc_support::{Context, IpcError, Result, call};
use ipc_sys::ipc::SysvKey;
use ipc_sys::msg::{MsgctlCmd, msgctl};
use ipc_sys::sem::{SemctlCmd, semctl};
use ipc_sys::shm::{ShmctlCmd, shmctl};

use crate::sysvipc::{self, SysvEntry, SysvKind};

/// Where Linux shows POSIX shared memory and named semaphores.
pub const SHM_DIR: &str = "/dev/shm";
/// glibc stores the named semaphore `/NAME` as `/dev/shm/sem.NAME`.
const SEM_PREFIX: &str = "sem.";

/// The six kinds of IPC object the lessons use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKind {
    SysvShm,
    SysvMsg,
    SysvSem,
    PosixShm,
    PosixSem,
    PosixMq,
}

impl ObjectKind {
    pub const ALL: [ObjectKind; 6] = [
        ObjectKind::SysvShm,
        ObjectKind::SysvMsg,
        ObjectKind::SysvSem,
        ObjectKind::PosixShm,
        ObjectKind::PosixSem,
        ObjectKind::PosixMq,
    ];

    /// A short label for tables and JSON: `sysv-shm`, `posix-sem`…
    pub fn label(self) -> &'static str {
        match self {
            ObjectKind::SysvShm => "sysv-shm",
            ObjectKind::SysvMsg => "sysv-msg",
            ObjectKind::SysvSem => "sysv-sem",
            ObjectKind::PosixShm => "posix-shm",
            ObjectKind::PosixSem => "posix-sem",
            ObjectKind::PosixMq => "posix-mq",
        }
    }

    pub fn is_sysv(self) -> bool {
        matches!(
            self,
            ObjectKind::SysvShm | ObjectKind::SysvMsg | ObjectKind::SysvSem
        )
    }

    fn from_sysv(kind: SysvKind) -> Self {
        match kind {
            SysvKind::SharedMemory => ObjectKind::SysvShm,
            SysvKind::MessageQueue => ObjectKind::SysvMsg,
            SysvKind::SemaphoreSet => ObjectKind::SysvSem,
        }
    }
}

/// One IPC object and what is known about it. Fields that do not apply to a kind are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpcObject {
    pub kind: ObjectKind,
    /// System V: the key in hex (`0x41012345`); POSIX: the name with its slash (`/tho_mmap`).
    pub name: String,
    /// System V only.
    pub key: Option<SysvKey>,
    /// System V only: shmid, msqid or semid.
    pub id: Option<i32>,
    /// POSIX only: the file that stands for the object.
    pub path: Option<String>,
    pub uid: u32,
    /// The owner's user name, or the uid in digits when it has none.
    pub owner: String,
    /// Permission bits.
    pub mode: u32,
    /// Bytes: segment or file size; bytes queued for a message queue.
    pub bytes: Option<u64>,
    /// Messages waiting in a System V queue.
    pub messages: Option<u64>,
    /// Semaphores in a System V set.
    pub nsems: Option<u64>,
    /// Attachments to a System V segment.
    pub nattch: Option<u64>,
    /// The process that created a System V segment.
    pub creator_pid: Option<i32>,
    /// System V: the creator's uid (it may remove the object as its owner may).
    pub creator_uid: Option<u32>,
    pub creator_alive: Option<bool>,
    /// Seconds since the epoch: last change (System V) or modification (POSIX).
    pub time: Option<i64>,
    /// Live processes that use the object (map it, hold it open, or last operated on it).
    pub used_by: Vec<i32>,
    /// False when some process that might use it could not be inspected (see above):
    /// then `used_by` may be incomplete and the object is never `dangling`.
    pub users_known: bool,
    pub dangling: bool,
}

impl IpcObject {
    /// Whether this user may remove it: its owner or (System V) its creator, or root.
    pub fn removable(&self) -> bool {
        let me = nix::unistd::geteuid();
        me.is_root() || self.uid == me.as_raw() || self.creator_uid == Some(me.as_raw())
    }
}

/// Everything `ipc-lab ls` shows.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub objects: Vec<IpcObject>,
    /// Where the mqueue file system is mounted; None when it is not: POSIX queues exist
    /// but cannot be listed.
    pub mqueue_dir: Option<PathBuf>,
}

/// Lists every IPC object on this machine. Unreadable sources give empty lists, never errors.
pub fn list_all() -> Listing {
    let uses = ProcessUses::scan();
    let mut objects = Vec::new();
    for kind in SysvKind::ALL {
        objects.extend(
            sysvipc::list(kind)
                .iter()
                .map(|entry| sysv_object(entry, &uses)),
        );
    }
    objects.extend(posix_objects(Path::new(SHM_DIR), &uses));
    let mqueue_dir = mqueue_mount();
    if let Some(dir) = &mqueue_dir {
        objects.extend(queue_objects(dir, &uses));
    }
    Listing {
        objects,
        mqueue_dir,
    }
}

/// Where an mqueue file system is mounted (from /proc/self/mounts): /dev/mqueue when it is
/// there, else the first other mount point; None when there is none.
pub fn mqueue_mount() -> Option<PathBuf> {
    fs::read_to_string("/proc/self/mounts")
        .ok()
        .and_then(|m| mqueue_mount_in(&m))
}

fn mqueue_mount_in(mounts: &str) -> Option<PathBuf> {
    let dirs: Vec<&str> = mounts
        .lines()
        .filter_map(|line| {
            let mut f = line.split_whitespace();
            let (_, dir, fstype) = (f.next(), f.next()?, f.next());
            (fstype == Some("mqueue")).then_some(dir)
        })
        .collect();
    dirs.iter()
        .find(|d| **d == ipc_support::mq::MQUEUE_DIR)
        .or(dirs.first())
        .map(PathBuf::from)
}

/// True when a process with this pid exists.
pub fn pid_alive(pid: i32) -> bool {
    pid > 0 && Path::new(&format!("/proc/{pid}")).exists()
}

pub use ipc_support::owner::user_name;

/// Which live processes use which object, read once from /proc.
#[derive(Debug, Default)]
struct ProcessUses {
    /// File path (`/dev/shm/x`, or an mq fd's `/name`) → pids that map it or hold it open.
    paths: BTreeMap<String, BTreeSet<i32>>,
    /// System V shmid (the inode of its mapping) → pids attached to it.
    sysv_shm: BTreeMap<u64, BTreeSet<i32>>,
    /// Every live process could be inspected (false for an ordinary user when other users'
    /// processes run: their maps and fds are not readable).
    complete: bool,
}

impl ProcessUses {
    fn scan() -> Self {
        let mut uses = ProcessUses {
            complete: true,
            ..ProcessUses::default()
        };
        let Ok(dir) = fs::read_dir("/proc") else {
            uses.complete = false;
            return uses;
        };
        for entry in dir.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<i32>().ok())
            else {
                continue;
            };
            let denied = |e: &std::io::Error| e.kind() == std::io::ErrorKind::PermissionDenied;
            match fs::read_to_string(entry.path().join("maps")) {
                Ok(maps) => uses.add_maps(pid, &maps),
                Err(e) if denied(&e) => uses.complete = false,
                Err(_) => {}
            }
            match fs::read_dir(entry.path().join("fd")) {
                Ok(fds) => {
                    for fd in fds.flatten() {
                        if let Ok(target) = fs::read_link(fd.path()) {
                            uses.add_path(pid, &target.to_string_lossy());
                        }
                    }
                }
                Err(e) if denied(&e) => uses.complete = false,
                Err(_) => {}
            }
        }
        uses
    }

    fn add_path(&mut self, pid: i32, path: &str) {
        if !path.ends_with(" (deleted)") {
            self.paths.entry(path.to_string()).or_default().insert(pid);
        }
    }

    /// One /proc/PID/maps: `ADDR PERMS OFFSET DEV INODE PATH`.
    fn add_maps(&mut self, pid: i32, maps: &str) {
        for line in maps.lines() {
            let mut f = line.split_whitespace();
            let inode = f.nth(4).and_then(|i| i.parse::<u64>().ok());
            let path = f.collect::<Vec<_>>().join(" ");
            if path.starts_with("/SYSV") {
                if let Some(id) = inode {
                    self.sysv_shm.entry(id).or_default().insert(pid);
                }
            } else if path.starts_with(SHM_DIR) {
                self.add_path(pid, &path);
            }
        }
    }

    fn of_path(&self, path: &str) -> Vec<i32> {
        self.paths
            .get(path)
            .map(|p| p.iter().copied().collect())
            .unwrap_or_default()
    }
}

fn sysv_object(e: &SysvEntry, uses: &ProcessUses) -> IpcObject {
    let kind = ObjectKind::from_sysv(e.kind);
    let uid = e
        .number("uid")
        .and_then(|u| u32::try_from(u).ok())
        .unwrap_or(0);
    let pid_of = |col: &str| {
        e.number(col)
            .and_then(|p| i32::try_from(p).ok())
            .filter(|p| *p > 0)
    };
    let mut obj = IpcObject {
        kind,
        name: e.key().to_string(),
        key: Some(e.key()),
        id: Some(e.id()),
        path: None,
        uid,
        owner: user_name(uid),
        mode: e.mode(),
        bytes: None,
        messages: None,
        nsems: None,
        nattch: None,
        creator_pid: None,
        creator_uid: e.number("cuid").and_then(|u| u32::try_from(u).ok()),
        creator_alive: None,
        time: e.number("ctime").and_then(|t| i64::try_from(t).ok()),
        used_by: Vec::new(),
        users_known: true,
        dangling: false,
    };
    match e.kind {
        SysvKind::SharedMemory => {
            obj.bytes = e.number("size");
            obj.nattch = e.number("nattch");
            obj.creator_pid = pid_of("cpid");
            obj.creator_alive = obj.creator_pid.map(pid_alive);
            obj.used_by = uses
                .sysv_shm
                .get(&u64::try_from(e.id()).unwrap_or(u64::MAX))
                .map(|p| p.iter().copied().collect())
                .unwrap_or_default();
            obj.dangling = obj.nattch.unwrap_or(0) == 0 && obj.creator_alive != Some(true);
        }
        SysvKind::MessageQueue => {
            obj.bytes = e.number("cbytes");
            obj.messages = e.number("qnum");
            obj.used_by = live(["lspid", "lrpid"].iter().filter_map(|c| pid_of(c)));
            obj.dangling = obj.used_by.is_empty();
        }
        SysvKind::SemaphoreSet => {
            obj.nsems = e.number("nsems");
            match sem_last_pids(e.id(), obj.nsems.unwrap_or(0)) {
                Some(pids) => {
                    obj.used_by = live(pids);
                    obj.dangling = obj.used_by.is_empty();
                }
                // A set this user may not read: who operated on it last is unknown.
                None => obj.users_known = false,
            }
        }
    }
    obj
}

/// The live pids among `pids`, sorted, without repeats.
fn live(pids: impl IntoIterator<Item = i32>) -> Vec<i32> {
    let set: BTreeSet<i32> = pids.into_iter().filter(|p| pid_alive(*p)).collect();
    set.into_iter().collect()
}

/// `semctl(id, n, GETPID)` for every semaphore of a set: who operated on each one last;
/// None when the set may not be read (EACCES).
fn sem_last_pids(id: i32, nsems: u64) -> Option<Vec<i32>> {
    let mut pids = Vec::new();
    for n in 0..i32::try_from(nsems).unwrap_or(i32::MAX) {
        match semctl(id, n, SemctlCmd::GETPID) {
            Ok(pid) if pid > 0 => pids.push(pid),
            Err(nix::errno::Errno::EACCES) => return None,
            _ => {}
        }
    }
    Some(pids)
}

/// POSIX shared-memory objects and named semaphores: the files of `dir` (normally /dev/shm).
fn posix_objects(dir: &Path, uses: &ProcessUses) -> Vec<IpcObject> {
    files_of(dir)
        .into_iter()
        .map(|(file, meta)| {
            let (kind, name) = match file.strip_prefix(SEM_PREFIX) {
                Some(sem) => (ObjectKind::PosixSem, sem),
                None => (ObjectKind::PosixShm, file.as_str()),
            };
            let path = dir.join(&file).to_string_lossy().into_owned();
            file_object(kind, name, path, &meta, uses)
        })
        .collect()
}

/// POSIX message queues: the files of an mqueue mount. Reading one gives
/// `QSIZE:N NOTIFY:… SIGNO:… NOTIFY_PID:…`; QSIZE is the bytes queued.
fn queue_objects(dir: &Path, uses: &ProcessUses) -> Vec<IpcObject> {
    files_of(dir)
        .into_iter()
        .map(|(file, meta)| {
            let path = dir.join(&file).to_string_lossy().into_owned();
            let mut obj = file_object(ObjectKind::PosixMq, &file, path.clone(), &meta, uses);
            obj.bytes = fs::read_to_string(&path).ok().and_then(|s| qsize(&s));
            // An open queue descriptor shows in /proc/PID/fd as the queue's name.
            let mut users: BTreeSet<i32> = obj.used_by.iter().copied().collect();
            users.extend(uses.of_path(&obj.name));
            obj.used_by = users.into_iter().collect();
            obj.dangling = obj.users_known && obj.used_by.is_empty();
            obj
        })
        .collect()
}

/// The QSIZE field of an mqueue file's text.
pub fn qsize(text: &str) -> Option<u64> {
    text.split_whitespace()
        .find_map(|f| f.strip_prefix("QSIZE:"))
        .and_then(|n| n.parse().ok())
}

fn files_of(dir: &Path) -> Vec<(String, fs::Metadata)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some((e.file_name().to_string_lossy().into_owned(), meta))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

fn file_object(
    kind: ObjectKind,
    bare: &str,
    path: String,
    meta: &fs::Metadata,
    uses: &ProcessUses,
) -> IpcObject {
    let used_by = uses.of_path(&path);
    // One's own object is used by one's own processes (others' may not open a 0600 object):
    // trusted. Someone else's may be used by processes this user cannot inspect.
    let users_known = uses.complete || meta.uid() == nix::unistd::geteuid().as_raw();
    IpcObject {
        kind,
        name: format!("/{bare}"),
        key: None,
        id: None,
        uid: meta.uid(),
        owner: user_name(meta.uid()),
        mode: meta.mode() & 0o777,
        bytes: Some(meta.size()),
        messages: None,
        nsems: None,
        nattch: None,
        creator_pid: None,
        creator_uid: None,
        creator_alive: None,
        time: Some(meta.mtime()),
        dangling: users_known && used_by.is_empty(),
        users_known,
        used_by,
        path: Some(path),
    }
}

/// Removes a System V object by id: `shmctl`, `msgctl` or `semctl` with IPC_RMID.
pub fn remove_sysv(kind: ObjectKind, id: i32) -> Result<()> {
    match kind {
        ObjectKind::SysvShm => {
            shmctl(id, ShmctlCmd::IPC_RMID).context(|| call!("shmctl", id, "IPC_RMID"))
        }
        ObjectKind::SysvMsg => {
            msgctl(id, MsgctlCmd::IPC_RMID).context(|| call!("msgctl", id, "IPC_RMID"))
        }
        ObjectKind::SysvSem => semctl(id, 0, SemctlCmd::IPC_RMID)
            .map(drop)
            .context(|| call!("semctl", id, "IPC_RMID")),
        _ => Err(IpcError::refused(
            format!("{} {id}", kind.label()),
            ipc_text::t!("core-not-sysv"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts_are_searched_for_an_mqueue_preferring_dev_mqueue() {
        let dir = |m: &str| mqueue_mount_in(m).map(|p| p.display().to_string());
        assert_eq!(
            dir(
                "proc /proc proc rw 0 0\nnone /mnt mqueue rw 0 0\nmqueue /dev/mqueue mqueue rw 0 0\n"
            ),
            Some("/dev/mqueue".into())
        );
        assert_eq!(dir("none /mnt/q mqueue rw 0 0\n"), Some("/mnt/q".into()));
        assert_eq!(dir("tmpfs /dev/shm tmpfs rw 0 0\n"), None);
    }

    #[test]
    fn qsize_is_read_from_an_mqueue_file() {
        assert_eq!(
            qsize("QSIZE:129        NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n"),
            Some(129)
        );
        assert_eq!(qsize("garbage"), None);
    }

    #[test]
    fn maps_lines_give_sysv_ids_and_shm_paths() {
        let mut uses = ProcessUses::default();
        uses.add_maps(
            42,
            "7f00-7f01 rw-s 00000000 00:01 7    /SYSV41012345 (deleted)\n\
             7f02-7f03 rw-s 00000000 00:1a 99   /dev/shm/tho_mmap\n\
             7f04-7f05 rw-s 00000000 00:1a 98   /dev/shm/gone (deleted)\n\
             7f06-7f07 r-xp 00000000 08:01 5    /usr/lib/libc.so.6\n",
        );
        assert_eq!(uses.sysv_shm.get(&7).unwrap().len(), 1);
        assert_eq!(uses.of_path("/dev/shm/tho_mmap"), vec![42]);
        assert!(uses.of_path("/dev/shm/gone").is_empty());
        assert!(uses.of_path("/usr/lib/libc.so.6").is_empty());
    }

    #[test]
    fn queue_files_give_name_qsize_and_users_from_fd_links() {
        let dir = std::env::temp_dir().join(ipc_support::unique::unique_name("mqueue-test"));
        fs::create_dir(&dir).unwrap();
        fs::write(
            dir.join("orders"),
            "QSIZE:42  NOTIFY:0  SIGNO:0  NOTIFY_PID:0\n",
        )
        .unwrap();
        fs::write(
            dir.join("idle"),
            "QSIZE:0  NOTIFY:0  SIGNO:0  NOTIFY_PID:0\n",
        )
        .unwrap();
        let mut uses = ProcessUses::default();
        uses.add_path(7, "/orders");
        let queues = queue_objects(&dir, &uses);
        fs::remove_dir_all(&dir).unwrap();
        let (idle, orders) = (&queues[0], &queues[1]);
        assert_eq!(
            (idle.name.as_str(), idle.bytes, idle.dangling),
            ("/idle", Some(0), true)
        );
        assert_eq!(orders.kind, ObjectKind::PosixMq);
        assert_eq!((orders.bytes, orders.dangling), (Some(42), false));
        assert_eq!(orders.used_by, vec![7]);
    }

    #[test]
    fn this_process_is_alive_and_pid_0_is_not() {
        assert!(pid_alive(nix::unistd::getpid().as_raw()));
        assert!(!pid_alive(0));
    }

    #[test]
    fn a_segment_this_process_attaches_is_listed_in_use_then_dangling() {
        use ipc_sys::ipc::IpcFlags;
        use ipc_sys::shm::{ShmatFlags, shmat, shmget};
        use nix::sys::stat::Mode;
        let key = ipc_support::unique::unique_key();
        let excl = IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL;
        let id = shmget(key, 64, excl, Mode::S_IRUSR | Mode::S_IWUSR).unwrap();
        let _rm = ipc_support::Cleanup::sysv_shm(id);
        let find = || {
            list_all()
                .objects
                .into_iter()
                .find(|o| o.key == Some(key) && o.kind == ObjectKind::SysvShm)
                .unwrap()
        };
        let att = shmat(id, ShmatFlags::empty()).unwrap();
        let o = find();
        assert_eq!((o.bytes, o.nattch, o.mode), (Some(64), Some(1), 0o600));
        assert!(o.used_by.contains(&nix::unistd::getpid().as_raw()), "{o:?}");
        assert!(!o.dangling);
        drop(att);
        // The creator (this process) is alive, so a detached segment is not dangling yet.
        assert!(!find().dangling);
        remove_sysv(ObjectKind::SysvShm, id).unwrap();
        assert!(!sysvipc::key_in_use(SysvKind::SharedMemory, key));
    }
}
