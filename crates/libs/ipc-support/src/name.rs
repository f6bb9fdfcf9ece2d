//! Names of POSIX IPC objects, validated before any system call sees them.
//!
//! Linux keeps POSIX shared-memory objects as files in `/dev/shm`, named semaphores as
//! `/dev/shm/sem.NAME`, and message queues in the mqueue file system (`/dev/mqueue`), so a
//! name is one path component: no `/` inside it and at most NAME_MAX (255) bytes.

use std::fmt;

use ipc_text::{id, t, text};

/// NAME_MAX on Linux: the longest file name in one directory.
pub const NAME_MAX: usize = 255;

/// The lesson's POSIX shared-memory object: `shm_open("tho_mmap", ...)`.
pub const LESSON_SHM_NAME: &str = "tho_mmap";

/// The POSIX pair's default object: the lesson's name made this user's, `/tho_mmap-alice`.
/// Names in /dev/shm are the whole machine's: with the lesson's own name, the second
/// student on a lab machine would find the first one's object (mode 0600, EACCES).
/// `--name tho_mmap` is the lesson's name, which its C programs use.
pub fn default_shm_name() -> ObjectName {
    let user = crate::owner::my_name();
    ObjectName::parse_shm(&format!("{LESSON_SHM_NAME}-{user}"))
        // A user name never holds '/' or NUL; a very long one falls back to the uid.
        .or_else(|_| {
            let uid = nix::unistd::geteuid();
            ObjectName::parse_shm(&format!("{LESSON_SHM_NAME}-{uid}"))
        })
        .unwrap_or_else(|_| ObjectName {
            kind: NameKind::SharedMemory,
            canonical: format!("/{LESSON_SHM_NAME}"),
        })
}

/// Which kind of object a name is for; each kind has its own rules and home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// `shm_open`: a leading `/` is optional (the lesson uses `tho_mmap`).
    SharedMemory,
    /// `sem_open`: glibc stores it as `/dev/shm/sem.NAME`, so 4 bytes fewer are left.
    Semaphore,
    /// `mq_open`: the leading `/` is required.
    MessageQueue,
}

impl NameKind {
    fn max_len(self) -> usize {
        match self {
            NameKind::Semaphore => NAME_MAX - "sem.".len(),
            _ => NAME_MAX,
        }
    }

    fn what(self) -> String {
        text(match self {
            NameKind::SharedMemory => id!("core-name-shm"),
            NameKind::Semaphore => id!("core-name-sem"),
            NameKind::MessageQueue => id!("core-name-mq"),
        })
    }
}

/// A valid POSIX IPC object name, kept in its canonical form with one leading `/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ObjectName {
    kind: NameKind,
    canonical: String,
}

impl ObjectName {
    /// Checks `raw` against the rules of `kind`; the error says what is wrong and how to fix it.
    pub fn new(kind: NameKind, raw: &str) -> Result<Self, String> {
        let what = kind.what();
        let bare = match raw.strip_prefix('/') {
            Some(rest) => rest,
            None if kind == NameKind::MessageQueue => {
                return Err(t!("core-name-no-slash", what = what, name = raw));
            }
            None => raw,
        };
        if bare.is_empty() {
            return Err(t!("core-name-empty", what = what));
        }
        if bare.contains('/') {
            return Err(t!("core-name-inner-slash", what = what, name = raw));
        }
        if bare.contains('\0') {
            return Err(t!("core-name-nul", what = what));
        }
        if bare == "." || bare == ".." {
            return Err(t!("core-name-dots", what = what, name = raw));
        }
        if bare.len() > kind.max_len() {
            return Err(t!(
                "core-name-too-long",
                what = what,
                length = bare.len(),
                limit = kind.max_len()
            ));
        }
        Ok(ObjectName {
            kind,
            canonical: format!("/{bare}"),
        })
    }

    /// clap value parser for `--name` of a shared-memory object.
    pub fn parse_shm(raw: &str) -> Result<Self, String> {
        Self::new(NameKind::SharedMemory, raw)
    }

    /// clap value parser for a semaphore name.
    pub fn parse_sem(raw: &str) -> Result<Self, String> {
        Self::new(NameKind::Semaphore, raw)
    }

    /// clap value parser for a message-queue name.
    pub fn parse_mq(raw: &str) -> Result<Self, String> {
        Self::new(NameKind::MessageQueue, raw)
    }

    pub fn kind(&self) -> NameKind {
        self.kind
    }

    /// The name as passed to `shm_open`/`sem_open`/`mq_open`: `/tho_mmap`.
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// The name without its leading slash: `tho_mmap`.
    pub fn bare(&self) -> &str {
        &self.canonical[1..]
    }

    /// Where Linux shows the object in the file system.
    pub fn fs_path(&self) -> String {
        match self.kind {
            NameKind::SharedMemory => format!("/dev/shm/{}", self.bare()),
            NameKind::Semaphore => format!("/dev/shm/sem.{}", self.bare()),
            NameKind::MessageQueue => format!("/dev/mqueue/{}", self.bare()),
        }
    }
}

impl fmt::Display for ObjectName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shm_name_gets_one_leading_slash() {
        let n = ObjectName::parse_shm("tho_mmap").unwrap();
        assert_eq!(n.as_str(), "/tho_mmap");
        assert_eq!(n.bare(), "tho_mmap");
        assert_eq!(n.fs_path(), "/dev/shm/tho_mmap");
        assert_eq!(ObjectName::parse_shm("/tho_mmap").unwrap(), n);
    }

    #[test]
    fn the_default_object_is_the_lessons_name_made_the_users() {
        let name = default_shm_name();
        assert_eq!(
            name.as_str(),
            format!("/tho_mmap-{}", crate::owner::my_name())
        );
    }

    #[test]
    fn semaphore_lives_in_dev_shm_with_sem_prefix() {
        let n = ObjectName::parse_sem("/demo_sem").unwrap();
        assert_eq!(n.fs_path(), "/dev/shm/sem.demo_sem");
    }

    #[test]
    fn queue_needs_leading_slash() {
        let err = ObjectName::parse_mq("queue").unwrap_err();
        assert!(err.contains("must start with '/'"), "{err}");
        assert_eq!(
            ObjectName::parse_mq("/queue").unwrap().fs_path(),
            "/dev/mqueue/queue"
        );
    }

    #[test]
    fn bad_names_are_refused_with_reason() {
        assert!(ObjectName::parse_shm("").unwrap_err().contains("empty"));
        assert!(ObjectName::parse_shm("/").unwrap_err().contains("empty"));
        assert!(
            ObjectName::parse_shm("a/b")
                .unwrap_err()
                .contains("'/' inside")
        );
        assert!(
            ObjectName::parse_shm("//a")
                .unwrap_err()
                .contains("'/' inside")
        );
        assert!(
            ObjectName::parse_shm("..")
                .unwrap_err()
                .contains("not a valid")
        );
        assert!(ObjectName::parse_shm("a\0b").unwrap_err().contains("NUL"));
        let long = "x".repeat(256);
        assert!(
            ObjectName::parse_shm(&long)
                .unwrap_err()
                .contains("limit is 255")
        );
        assert!(ObjectName::parse_shm(&"x".repeat(255)).is_ok());
        assert!(
            ObjectName::parse_sem(&"x".repeat(252))
                .unwrap_err()
                .contains("limit is 251")
        );
    }
}
