//! POSIX named semaphores (`sem_open`, `sem_wait`, `sem_post`, `sem_unlink`): nix has none,
//! so this is the one safe layer over libc the exercises use. Linux keeps a named semaphore
//! as the file `/dev/shm/sem.NAME`.

use std::ptr::NonNull;

use nix::errno::Errno;

use crate::error::{IpcError, Result};
use crate::interrupt;
use crate::name::ObjectName;

/// An open named semaphore; `sem_close` runs when it is dropped (the name stays until
/// `sem_unlink`).
#[derive(Debug)]
pub struct NamedSemaphore {
    name: ObjectName,
    sem: NonNull<libc::sem_t>,
}

fn c_name(name: &ObjectName) -> Result<std::ffi::CString> {
    std::ffi::CString::new(name.as_str())
        .map_err(|_| IpcError::refused(name.as_str(), "a semaphore name cannot hold a NUL byte"))
}

impl NamedSemaphore {
    /// `sem_open(name, O_CREAT|O_EXCL, mode, value)`: a new semaphore, never an old one.
    pub fn create(name: &ObjectName, mode: u32, value: u32) -> Result<Self> {
        let c = c_name(name)?;
        let call = format!("sem_open({name}, O_CREAT|O_EXCL, 0{mode:o}, {value})");
        // SAFETY: c is a valid C string; sem_open is variadic, so mode and value are passed
        // as c_uint as the C prototype expects.
        let sem = unsafe {
            libc::sem_open(
                c.as_ptr(),
                libc::O_CREAT | libc::O_EXCL,
                mode as libc::c_uint,
                value as libc::c_uint,
            )
        };
        Self::opened(name, sem, call).map_err(|e| {
            e.hint_if(
                Errno::EEXIST,
                format!("a semaphore with this name exists: rm {}", name.fs_path()),
            )
        })
    }

    /// `sem_open(name, 0)`: an existing semaphore.
    pub fn open(name: &ObjectName) -> Result<Self> {
        let c = c_name(name)?;
        // SAFETY: c is a valid C string; without O_CREAT sem_open takes no further arguments.
        let sem = unsafe { libc::sem_open(c.as_ptr(), 0) };
        Self::opened(name, sem, format!("sem_open({name}, 0)"))
    }

    fn opened(name: &ObjectName, sem: *mut libc::sem_t, call: String) -> Result<Self> {
        if sem == libc::SEM_FAILED {
            return Err(IpcError::last(call));
        }
        let sem = NonNull::new(sem).ok_or_else(|| IpcError::refused(&call, "NULL semaphore"))?;
        Ok(NamedSemaphore {
            name: name.clone(),
            sem,
        })
    }

    pub fn name(&self) -> &ObjectName {
        &self.name
    }

    /// `sem_wait`: takes one unit, blocking while the value is 0. A caught Ctrl-C or SIGTERM
    /// (see `interrupt`) ends the wait with an "interrupted" error; other EINTRs retry.
    pub fn wait(&self) -> Result<()> {
        loop {
            // SAFETY: sem points to an open semaphore until Drop closes it.
            if unsafe { libc::sem_wait(self.sem.as_ptr()) } == 0 {
                return Ok(());
            }
            let errno = Errno::last();
            if errno == Errno::EINTR && interrupt::received().is_none() {
                continue;
            }
            return Err(interrupt::call_error(
                format!("sem_wait({})", self.name),
                errno,
            ));
        }
    }

    /// `sem_post`: gives one unit back, waking a waiter.
    pub fn post(&self) -> Result<()> {
        // SAFETY: sem points to an open semaphore until Drop closes it.
        if unsafe { libc::sem_post(self.sem.as_ptr()) } == -1 {
            return Err(IpcError::last(format!("sem_post({})", self.name)));
        }
        Ok(())
    }
}

impl Drop for NamedSemaphore {
    fn drop(&mut self) {
        // SAFETY: sem came from sem_open and is closed exactly once, here.
        unsafe { libc::sem_close(self.sem.as_ptr()) };
    }
}

/// `sem_unlink(name)`: the name goes at once, the semaphore when the last process closes it.
pub fn sem_unlink(name: &ObjectName) -> Result<()> {
    let c = c_name(name)?;
    // SAFETY: c is a valid C string.
    if unsafe { libc::sem_unlink(c.as_ptr()) } == -1 {
        return Err(IpcError::last(format!("sem_unlink({name})")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unique::unique_name;

    #[test]
    fn create_post_wait_unlink() {
        let name = ObjectName::parse_sem(&unique_name("ipc-core-sem")).unwrap();
        let sem = NamedSemaphore::create(&name, 0o600, 1).unwrap();
        let _rm = crate::guard::Cleanup::new("sem", {
            let name = name.clone();
            move || sem_unlink(&name)
        });
        assert!(std::path::Path::new(&name.fs_path()).exists());
        sem.wait().unwrap();
        sem.post().unwrap();
        let again = NamedSemaphore::open(&name).unwrap();
        again.wait().unwrap();
        let err = NamedSemaphore::create(&name, 0o600, 1).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::EEXIST));
    }
}
