//! Guards that remove an IPC object when they are dropped: on success, on error and on panic.

use crate::error::Result;
use crate::name::ObjectName;
use crate::posix_shm::shm_unlink;
use crate::sysv_shm::SysvSegment;

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
        Cleanup::new(name.fs_path(), move || shm_unlink(&name))
    }

    /// `shmctl(id, IPC_RMID)` on drop.
    pub fn sysv_shm(segment: SysvSegment) -> Self {
        Cleanup::new(format!("System V segment {}", segment.id()), move || {
            segment.remove()
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
}
