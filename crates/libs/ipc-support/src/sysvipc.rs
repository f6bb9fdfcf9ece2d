//! What the kernel lists in /proc/sysvipc/{shm,msg,sem}: the data behind `ipcs`.

use std::collections::BTreeMap;

use ipc_sys::ipc::SysvKey;

/// The three kinds of System V IPC object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SysvKind {
    SharedMemory,
    MessageQueue,
    SemaphoreSet,
}

impl SysvKind {
    pub const ALL: [SysvKind; 3] = [
        SysvKind::SharedMemory,
        SysvKind::MessageQueue,
        SysvKind::SemaphoreSet,
    ];

    /// The file under /proc/sysvipc.
    pub fn proc_path(self) -> &'static str {
        match self {
            SysvKind::SharedMemory => "/proc/sysvipc/shm",
            SysvKind::MessageQueue => "/proc/sysvipc/msg",
            SysvKind::SemaphoreSet => "/proc/sysvipc/sem",
        }
    }

    /// The column that holds the object's id.
    fn id_column(self) -> &'static str {
        match self {
            SysvKind::SharedMemory => "shmid",
            SysvKind::MessageQueue => "msqid",
            SysvKind::SemaphoreSet => "semid",
        }
    }
}

/// One line of a /proc/sysvipc file: column name → value, as the kernel printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SysvEntry {
    pub kind: SysvKind,
    columns: BTreeMap<String, String>,
}

impl SysvEntry {
    /// A column as an unsigned number (sizes, pids, uids, times).
    pub fn number(&self, column: &str) -> Option<u64> {
        self.columns.get(column)?.parse().ok()
    }

    pub fn key(&self) -> SysvKey {
        // The kernel prints key_t, a signed 32-bit number, in decimal.
        let raw: i32 = self
            .columns
            .get("key")
            .and_then(|k| k.parse().ok())
            .unwrap_or(0);
        SysvKey(raw)
    }

    pub fn id(&self) -> i32 {
        self.number(self.kind.id_column())
            .and_then(|id| i32::try_from(id).ok())
            .unwrap_or(0)
    }

    /// Permission bits (the kernel prints them in octal).
    pub fn mode(&self) -> u32 {
        self.columns
            .get("perms")
            .and_then(|p| u32::from_str_radix(p, 8).ok())
            .unwrap_or(0)
            & 0o777
    }

    /// Every column, for tools that show them all.
    pub fn columns(&self) -> &BTreeMap<String, String> {
        &self.columns
    }
}

/// Parses the text of one /proc/sysvipc file (a header line, then one line per object).
pub fn parse(kind: SysvKind, text: &str) -> Vec<SysvEntry> {
    let mut lines = text.lines();
    let header: Vec<&str> = match lines.next() {
        Some(h) => h.split_whitespace().collect(),
        None => return Vec::new(),
    };
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| SysvEntry {
            kind,
            columns: header
                .iter()
                .zip(line.split_whitespace())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect(),
        })
        .collect()
}

/// Every object of `kind` on this machine (empty when /proc/sysvipc cannot be read).
pub fn list(kind: SysvKind) -> Vec<SysvEntry> {
    std::fs::read_to_string(kind.proc_path())
        .map(|text| parse(kind, &text))
        .unwrap_or_default()
}

/// True when an object of `kind` with this key exists (a test's leak check).
pub fn key_in_use(kind: SysvKind, key: SysvKey) -> bool {
    list(kind).iter().any(|e| e.key() == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHM: &str = "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap
 855082589          3   640                   100  1839     0      0     0     0     0     0          0          0 1795381153                     0                     0
";

    #[test]
    fn parses_kernel_columns() {
        let rows = parse(SysvKind::SharedMemory, SHM);
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.key(), SysvKey(855082589));
        assert_eq!(r.id(), 3);
        assert_eq!(r.mode(), 0o640);
        assert_eq!(r.number("size"), Some(100));
        assert_eq!(r.number("cpid"), Some(1839));
    }

    #[test]
    fn negative_keys_survive() {
        let text = "key shmid perms\n-1 5 600\n";
        assert_eq!(parse(SysvKind::SharedMemory, text)[0].key(), SysvKey(-1));
    }

    #[test]
    fn live_listing_sees_a_new_segment() {
        use ipc_sys::ipc::IpcFlags;
        use nix::sys::stat::Mode;
        let key = crate::unique::unique_key();
        let excl = IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL;
        let id = ipc_sys::shm::shmget(key, 10, excl, Mode::S_IRUSR | Mode::S_IWUSR).unwrap();
        let guard = crate::Cleanup::sysv_shm(id);
        assert!(key_in_use(SysvKind::SharedMemory, key));
        guard.run_now().unwrap();
        assert!(!key_in_use(SysvKind::SharedMemory, key));
    }
}
