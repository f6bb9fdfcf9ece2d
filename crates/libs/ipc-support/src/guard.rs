//! Guards that remove an IPC object when they are dropped: on success, on error, on panic.

use ipc_sys::msg::{MsgctlCmd, msgctl};
use ipc_sys::semaphore::sem_unlink;
use ipc_sys::shm::{ShmctlCmd, shmctl};
use ipc_text::t;
use nix::errno::Errno;

use crate::call;
use crate::error::{Context, Hint, Result};
use crate::name::ObjectName;

type Action = Box<dyn FnOnce() -> Result<()>>;

/// Removes one object when dropped, unless `keep` was called.
pub struct Cleanup {
    what: String,
    action: Option<Action>,
}

impl Cleanup {
    /// A guard that runs `action` to remove the object described by `what`.
    pub fn new(what: impl Into<String>, action: impl FnOnce() -> Result<()> + 'static) -> Self {
        Cleanup {
            what: what.into(),
            action: Some(Box::new(action)),
        }
    }

    /// `shm_unlink(name)` on drop.
    pub fn shm(name: &ObjectName) -> Self {
        let name = name.clone();
        Cleanup::new(name.fs_path(), move || {
            nix::sys::mman::shm_unlink(name.as_str()).context(|| call!("shm_unlink", name))
        })
    }

    /// `sem_unlink(name)` on drop.
    pub fn sem(name: &ObjectName) -> Self {
        let name = name.clone();
        Cleanup::new(name.fs_path(), move || {
            sem_unlink(name.as_str()).context(|| call!("sem_unlink", name))
        })
    }

    /// `mq_unlink(name)` on drop.
    pub fn mq(name: &ObjectName) -> Self {
        let name = name.clone();
        Cleanup::new(format!("message queue {name}"), move || {
            nix::mqueue::mq_unlink(name.as_str())
                .context(|| call!("mq_unlink", name))
                .hint_on(Errno::ENOENT, || t!("core-mq-unlink-enoent", name = name))
        })
    }

    /// `shmctl(id, IPC_RMID)` on drop.
    pub fn sysv_shm(id: i32) -> Self {
        Cleanup::new(format!("System V segment {id}"), move || {
            shmctl(id, ShmctlCmd::IPC_RMID).context(|| call!("shmctl", id, "IPC_RMID"))
        })
    }

    /// `msgctl(id, IPC_RMID)` on drop.
    pub fn sysv_msg(id: i32) -> Self {
        Cleanup::new(format!("System V message queue {id}"), move || {
            msgctl(id, MsgctlCmd::IPC_RMID).context(|| call!("msgctl", id, "IPC_RMID"))
        })
    }

    /// What this guard removes, for messages.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// Leaves the object in place (the user asked for `--keep`).
    pub fn keep(mut self) {
        self.action = None;
    }

    /// Removes the object now and reports whether that worked.
    pub fn run_now(mut self) -> Result<()> {
        match self.action.take() {
            Some(action) => action(),
            None => Ok(()),
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(action) = self.action.take() {
            // Drop cannot report: a failure here means someone removed it first.
            let _ = action();
        }
    }
}

impl std::fmt::Debug for Cleanup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Cleanup({}, armed: {})",
            self.what,
            self.action.is_some()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    #[test]
    fn runs_on_drop_unless_kept() {
        let hits = Rc::new(Cell::new(0));
        let h = hits.clone();
        drop(Cleanup::new("a", move || {
            h.set(h.get() + 1);
            Ok(())
        }));
        assert_eq!(hits.get(), 1);
        let h = hits.clone();
        Cleanup::new("b", move || {
            h.set(h.get() + 1);
            Ok(())
        })
        .keep();
        assert_eq!(hits.get(), 1);
    }

    #[test]
    fn a_removal_that_fails_names_its_call() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        let name =
            ObjectName::parse_mq(&format!("/{}", crate::unique::unique_name("guard"))).unwrap();
        let err = Cleanup::mq(&name).run_now().unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "mq_unlink({name}): ENOENT (No such file or directory) — no queue is named {name}"
            )
        );
        let err = Cleanup::sysv_shm(-1).run_now().unwrap_err();
        assert!(
            err.to_string().starts_with("shmctl(-1, IPC_RMID): EINVAL"),
            "{err}"
        );
    }
}
