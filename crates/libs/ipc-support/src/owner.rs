//! Whose an object is, for the hint after an EACCES or EPERM: on a shared machine the
//! lesson's names and keys are everyone's, and the object in the way is usually another
//! user's. The owner comes from the file system (`/dev/shm`, an mqueue mount) or from
//! /proc/sysvipc, which every user may read.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use ipc_sys::ipc::SysvKey;
use ipc_text::t;
use nix::unistd::{Uid, User, geteuid};

use crate::name::ObjectName;
use crate::sysvipc::{self, SysvKind};

/// The owner and permission bits of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    pub uid: u32,
    /// The permission bits, 0o777 at most.
    pub mode: u32,
}

impl Owner {
    /// The owner of the file at `path` (not following a symbolic link), if it exists.
    pub fn of_path(path: &Path) -> Option<Owner> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        Some(Owner {
            uid: meta.uid(),
            mode: meta.mode() & 0o777,
        })
    }

    /// The owner of the System V object of `kind` with `key`, if one exists.
    pub fn of_key(kind: SysvKind, key: SysvKey) -> Option<Owner> {
        Self::of_entry(sysvipc::list(kind).into_iter().find(|e| e.key() == key)?)
    }

    /// The owner of the System V object of `kind` with this id, if it exists.
    pub fn of_id(kind: SysvKind, id: i32) -> Option<Owner> {
        Self::of_entry(sysvipc::list(kind).into_iter().find(|e| e.id() == id)?)
    }

    fn of_entry(entry: sysvipc::SysvEntry) -> Option<Owner> {
        Some(Owner {
            uid: u32::try_from(entry.number("uid")?).ok()?,
            mode: entry.mode(),
        })
    }

    /// True when the object belongs to the user running this program.
    pub fn is_mine(&self) -> bool {
        self.uid == geteuid().as_raw()
    }

    fn mode_text(&self) -> String {
        format!("0{:o}", self.mode)
    }
}

/// The user name of `uid` (from the password database), or the uid itself.
pub fn user_name(uid: u32) -> String {
    match User::from_uid(Uid::from_raw(uid)) {
        Ok(Some(user)) => user.name,
        _ => uid.to_string(),
    }
}

/// The name of the user running this program.
pub fn my_name() -> String {
    user_name(geteuid().as_raw())
}

/// A name like `name` that is this user's own: `/jobs` → `/jobs-alice` (`/jobs-alice-2`
/// when `name` is that already).
pub fn own_name(name: &ObjectName) -> String {
    let me = my_name();
    if name.bare().ends_with(&format!("-{me}")) {
        format!("{name}-2")
    } else {
        format!("{name}-{me}")
    }
}

/// The hint for a refused open or create of the POSIX object `name`: whose it is and what
/// to do. Its owner is known when its file can be seen (`/dev/shm`, a mounted /dev/mqueue).
pub fn name_hint(name: &ObjectName) -> String {
    let shown = name.to_string();
    match Owner::of_path(Path::new(&name.fs_path())) {
        Some(owner) if owner.is_mine() => t!(
            "faults-owner-mine",
            what = shown,
            mode = owner.mode_text(),
            command = format!("ipc-lab clean --name {name}")
        ),
        Some(owner) => t!(
            "faults-owner-other",
            what = shown,
            user = user_name(owner.uid),
            uid = owner.uid,
            mode = owner.mode_text(),
            suggestion = own_name(name)
        ),
        None => t!(
            "faults-owner-unknown",
            what = shown,
            suggestion = own_name(name)
        ),
    }
}

/// The hint for a refused `shmget`/`msgget`/`semget` of `key`, or a refused
/// `IPC_STAT`, `shmat`, `msgsnd`, `msgrcv` of the object with that key.
pub fn key_hint(kind: SysvKind, key: SysvKey) -> String {
    match Owner::of_key(kind, key) {
        Some(owner) if owner.is_mine() => {
            t!("faults-owner-key-mine", key = key, mode = owner.mode_text())
        }
        Some(owner) => t!(
            "faults-owner-key-other",
            key = key,
            user = user_name(owner.uid),
            uid = owner.uid,
            mode = owner.mode_text()
        ),
        None => ipc_text::t!("faults-denied"),
    }
}

/// The hint for a refused removal (EPERM from IPC_RMID, EACCES or EPERM from an unlink in
/// the sticky /dev/shm) of `what`, owned by `owner` when that is known.
pub fn removal_hint(what: &str, owner: Option<Owner>) -> String {
    match owner {
        Some(owner) if !owner.is_mine() => t!(
            "faults-owner-remove-other",
            what = what,
            user = user_name(owner.uid),
            uid = owner.uid
        ),
        _ => ipc_text::t!("faults-denied"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_own_name_carries_the_users_name_once() {
        let me = my_name();
        let jobs = ObjectName::parse_mq("/jobs").unwrap();
        assert_eq!(own_name(&jobs), format!("/jobs-{me}"));
        let mine = ObjectName::parse_mq(&own_name(&jobs)).unwrap();
        assert_eq!(own_name(&mine), format!("/jobs-{me}-2"));
    }

    #[test]
    fn the_owner_of_a_file_of_mine_is_me() {
        let path = std::env::temp_dir().join(crate::unique::unique_name("owner"));
        std::fs::write(&path, b"").unwrap();
        let owner = Owner::of_path(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(owner.is_mine());
        assert_eq!(Owner::of_path(&path), None);
    }
}
