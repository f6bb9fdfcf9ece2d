//! POSIX semaphores: named ones (`sem_open`, shown as `/dev/shm/sem.NAME`) and unnamed,
//! process-shared ones placed inside a shared mapping (`sem_init(sem, 1, value)`).
//!
//! nix has no semaphore API, so these are thin wrappers over libc. `sem_open` is variadic in
//! C: the mode and initial value are passed as `c_uint`, and failure is `SEM_FAILED`, not NULL.
//!
//! A blocking wait retries after EINTR, unless Ctrl-C or SIGTERM was caught (see
//! `interrupt::install`): then it returns the "interrupted by SIGINT" error, whose exit
//! status is 130.

use std::ffi::CString;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use nix::errno::Errno;

use crate::error::{IpcError, Result};
use crate::guard::Cleanup;
use crate::interrupt;
use crate::name::ObjectName;
use crate::region::{Access, SharedRegion};
use crate::text::{text, text_with};
use crate::time::realtime_deadline;

/// SEM_VALUE_MAX on Linux: the largest value a semaphore can hold.
pub const SEM_VALUE_MAX: u32 = i32::MAX as u32;

/// How `NamedSemaphore::create` makes a semaphore.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SemCreate {
    /// Initial value (ignored by the kernel when the semaphore already exists).
    pub value: u32,
    /// Permission bits of a new semaphore.
    pub mode: u32,
    /// O_EXCL: fail with EEXIST when the name is taken.
    pub exclusive: bool,
}

impl SemCreate {
    /// `O_CREAT`, mode 0600, initial value `value`.
    pub fn new(value: u32) -> Self {
        SemCreate {
            value,
            mode: 0o600,
            exclusive: false,
        }
    }

    /// Adds `O_EXCL`.
    pub fn exclusive(mut self) -> Self {
        self.exclusive = true;
        self
    }

    /// Sets the permission bits.
    pub fn mode(mut self, mode: u32) -> Self {
        self.mode = mode;
        self
    }
}

/// A blocking wait that retries after an EINTR nobody asked for, and stops after Ctrl-C.
fn retry_eintr(call: &dyn Fn() -> String, mut op: impl FnMut() -> libc::c_int) -> Result<()> {
    // A signal caught before the call began would not interrupt it: stop now instead.
    if let Some(signal) = interrupt::received() {
        return Err(IpcError::interrupted(call(), signal));
    }
    loop {
        if op() == 0 {
            return Ok(());
        }
        match Errno::last() {
            Errno::EINTR if interrupt::received().is_none() => continue,
            e => return Err(interrupt::call_error(call(), e)),
        }
    }
}

/// The operations both kinds share, on a raw `sem_t` that stays valid while `&self` lives.
/// `label` names the semaphore in error messages.
struct RawSem {
    ptr: *mut libc::sem_t,
}

impl RawSem {
    fn post(&self, label: &str) -> Result<()> {
        // SAFETY: ptr is a live, initialised semaphore (guaranteed by the owning type).
        if unsafe { libc::sem_post(self.ptr) } == 0 {
            Ok(())
        } else {
            Err(IpcError::last(format!("sem_post({label})"))
                .hint_if(Errno::EOVERFLOW, text("core.sem.eoverflow")))
        }
    }

    fn wait(&self, label: &str) -> Result<()> {
        // SAFETY: as in post.
        retry_eintr(&|| format!("sem_wait({label})"), || unsafe {
            libc::sem_wait(self.ptr)
        })
    }

    fn try_wait(&self, label: &str) -> Result<bool> {
        loop {
            // SAFETY: as in post.
            if unsafe { libc::sem_trywait(self.ptr) } == 0 {
                return Ok(true);
            }
            match Errno::last() {
                Errno::EAGAIN => return Ok(false),
                Errno::EINTR => continue,
                e => return Err(IpcError::sys(format!("sem_trywait({label})"), e)),
            }
        }
    }

    fn wait_timeout(&self, label: &str, timeout: Duration) -> Result<bool> {
        let deadline = realtime_deadline(timeout);
        let call = || format!("sem_timedwait({label}, {:.3} s)", timeout.as_secs_f64());
        // SAFETY: as in post; deadline is a valid timespec living across the call.
        match retry_eintr(&call, || unsafe {
            libc::sem_timedwait(self.ptr, deadline.as_ref())
        }) {
            Ok(()) => Ok(true),
            Err(e) if e.errno() == Some(Errno::ETIMEDOUT) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn value(&self, label: &str) -> Result<i32> {
        let mut v: libc::c_int = 0;
        // SAFETY: as in post; v is a valid out-pointer.
        if unsafe { libc::sem_getvalue(self.ptr, &mut v) } == 0 {
            Ok(v)
        } else {
            Err(IpcError::last(format!("sem_getvalue({label})")))
        }
    }
}

/// An open named semaphore; `sem_close` runs when it is dropped (the name stays until
/// `sem_unlink`).
#[derive(Debug)]
pub struct NamedSemaphore {
    name: ObjectName,
    ptr: *mut libc::sem_t,
}

// SAFETY: POSIX semaphore functions are thread-safe; the handle is only a pointer to a
// mapping that stays valid until sem_close in Drop.
unsafe impl Send for NamedSemaphore {}
// SAFETY: as above: every operation through &self is a thread-safe libc call.
unsafe impl Sync for NamedSemaphore {}

impl NamedSemaphore {
    /// `sem_open(name, 0)`: an existing semaphore (ENOENT when there is none).
    pub fn open(name: &ObjectName) -> Result<Self> {
        let call = format!("sem_open({name}, 0)");
        Self::open_raw(name, 0, None, call).map_err(|e| {
            e.hint_if(
                Errno::ENOENT,
                text_with("core.sem.enoent", &[name, &name.bare()]),
            )
        })
    }

    /// `sem_open(name, O_CREAT[|O_EXCL], mode, value)`.
    pub fn create(name: &ObjectName, how: SemCreate) -> Result<Self> {
        if how.value > SEM_VALUE_MAX {
            return Err(IpcError::refused(
                format!("initial value {}", how.value),
                text_with("core.sem.too-big", &[&SEM_VALUE_MAX]),
            ));
        }
        let mut flags = libc::O_CREAT;
        let mut flag_names = "O_CREAT";
        if how.exclusive {
            flags |= libc::O_EXCL;
            flag_names = "O_CREAT|O_EXCL";
        }
        let call = format!(
            "sem_open({name}, {flag_names}, 0{:o}, {})",
            how.mode, how.value
        );
        Self::open_raw(name, flags, Some((how.mode & 0o777, how.value)), call).map_err(|e| {
            e.hint_if(
                Errno::EEXIST,
                text_with("core.sem.eexist", &[&name.fs_path()]),
            )
        })
    }

    fn open_raw(
        name: &ObjectName,
        flags: libc::c_int,
        create: Option<(u32, u32)>,
        call: String,
    ) -> Result<Self> {
        let c_name = CString::new(name.as_str())
            .map_err(|_| IpcError::refused(&call, text("core.nul-in-name")))?;
        let ptr = match create {
            // SAFETY: c_name is a valid C string; sem_open is variadic and reads a mode_t
            // (promoted to unsigned int) and an unsigned int value when O_CREAT is set.
            Some((mode, value)) => unsafe {
                libc::sem_open(
                    c_name.as_ptr(),
                    flags,
                    mode as libc::c_uint,
                    value as libc::c_uint,
                )
            },
            // SAFETY: c_name is a valid C string; without O_CREAT no further argument is read.
            None => unsafe { libc::sem_open(c_name.as_ptr(), flags) },
        };
        if ptr == libc::SEM_FAILED {
            return Err(IpcError::last(call));
        }
        Ok(NamedSemaphore {
            name: name.clone(),
            ptr,
        })
    }

    pub fn name(&self) -> &ObjectName {
        &self.name
    }

    fn raw(&self) -> RawSem {
        RawSem { ptr: self.ptr }
    }

    /// `sem_post`: value + 1, waking one waiter.
    pub fn post(&self) -> Result<()> {
        self.raw().post(self.name.as_str())
    }

    /// `sem_wait`: blocks until the value is above 0, then takes one.
    pub fn wait(&self) -> Result<()> {
        self.raw().wait(self.name.as_str())
    }

    /// `sem_trywait`: takes one if the value is above 0; `Ok(false)` where C gets EAGAIN.
    pub fn try_wait(&self) -> Result<bool> {
        self.raw().try_wait(self.name.as_str())
    }

    /// `sem_timedwait` with a deadline `timeout` from now; `Ok(false)` where C gets ETIMEDOUT.
    pub fn wait_timeout(&self, timeout: Duration) -> Result<bool> {
        self.raw().wait_timeout(self.name.as_str(), timeout)
    }

    /// `sem_getvalue`.
    pub fn value(&self) -> Result<i32> {
        self.raw().value(self.name.as_str())
    }
}

impl Drop for NamedSemaphore {
    fn drop(&mut self) {
        // SAFETY: ptr came from a successful sem_open and is closed exactly once, here.
        unsafe { libc::sem_close(self.ptr) };
    }
}

/// `sem_unlink(name)`: the name goes at once; the semaphore when the last process closes it.
pub fn sem_unlink(name: &ObjectName) -> Result<()> {
    let call = format!("sem_unlink({name})");
    let c_name = CString::new(name.as_str())
        .map_err(|_| IpcError::refused(&call, text("core.nul-in-name")))?;
    // SAFETY: c_name is a valid C string.
    if unsafe { libc::sem_unlink(c_name.as_ptr()) } == 0 {
        Ok(())
    } else {
        Err(IpcError::last(call))
    }
}

/// True when `/dev/shm` holds a semaphore with this name.
pub fn sem_exists(name: &ObjectName) -> bool {
    std::path::Path::new(&name.fs_path()).exists()
}

/// A guard that runs `sem_unlink(name)` when dropped (see `Cleanup`).
pub fn unlink_guard(name: &ObjectName) -> Cleanup {
    let name = name.clone();
    Cleanup::new(name.fs_path(), move || sem_unlink(&name))
}

/// Written after the object in its slot once it is initialised, so that a process that
/// attaches to a region it did not initialise is refused instead of using garbage.
const READY: u32 = 0x5E3A_F00D;

fn round_up(n: usize, to: usize) -> usize {
    n.div_ceil(to) * to
}

/// Bytes a slot for a `T` and its ready-marker takes in a region.
pub(crate) const fn slot_size<T>() -> usize {
    let marker_at = std::mem::size_of::<T>().div_ceil(4) * 4;
    let end = marker_at + 4;
    let align = std::mem::align_of::<T>();
    end.div_ceil(align) * align
}

/// `slot`, for attaching: refused unless a process initialised a `T` there (its marker
/// holds `ready`); `init_call` names the call that would have (e.g. `sem_init`).
pub(crate) fn initialised_slot<'r, T>(
    region: &'r SharedRegion,
    offset: usize,
    what: &str,
    ready: u32,
    init_call: &str,
) -> Result<(*mut T, &'r AtomicU32)> {
    let (ptr, marker) = slot::<T>(region, offset, what)?;
    if marker.load(Ordering::Acquire) != ready {
        return Err(IpcError::refused(
            format!("{what} at offset {offset}"),
            text_with("core.lock.uninitialised", &[&init_call]),
        ));
    }
    Ok((ptr, marker))
}

/// Checks that a `T` fits at `offset` (aligned, writable) and returns it with its marker.
pub(crate) fn slot<'r, T>(
    region: &'r SharedRegion,
    offset: usize,
    what: &str,
) -> Result<(*mut T, &'r AtomicU32)> {
    let call = format!("{what} at offset {offset}");
    let align = std::mem::align_of::<T>();
    if region.access() != Access::ReadWrite {
        return Err(IpcError::refused(call, text("core.lock.read-only")));
    }
    let fits = offset
        .checked_add(slot_size::<T>())
        .is_some_and(|end| end <= region.len());
    if !fits {
        return Err(IpcError::refused(
            call,
            text_with("core.lock.too-small", &[&slot_size::<T>(), &region.len()]),
        ));
    }
    if (region.as_ptr() as usize + offset) % align != 0 {
        return Err(IpcError::refused(
            call,
            text_with("core.lock.align", &[&align]),
        ));
    }
    // SAFETY: offset + slot_size <= len was checked above, so the pointer stays in the region.
    let ptr = unsafe { region.as_ptr().add(offset) };
    let marker = region.atomic_u32(offset + round_up(std::mem::size_of::<T>(), 4));
    Ok((ptr.cast(), marker))
}

/// An unnamed semaphore shared between processes, living inside a shared mapping
/// (`sem_init(sem, pshared = 1, value)`): every process that maps the region, or a child
/// forked after `init`, uses the same semaphore.
///
/// The value returned by `init` destroys the semaphore (`sem_destroy`) when dropped; the
/// one returned by `attach` does not. A forked child that leaves through `_exit`
/// (`process::fork_child`) runs no destructor, so it never destroys the parent's semaphore.
#[derive(Debug)]
pub struct SharedSemaphore<'r> {
    ptr: *mut libc::sem_t,
    marker: &'r AtomicU32,
    owner: bool,
    _region: PhantomData<&'r SharedRegion>,
}

// SAFETY: process-shared semaphores are safe to use from any thread; the region outlives 'r.
unsafe impl Send for SharedSemaphore<'_> {}
// SAFETY: as above.
unsafe impl Sync for SharedSemaphore<'_> {}

impl<'r> SharedSemaphore<'r> {
    /// Bytes a semaphore takes in a region (sem_t plus a ready marker), a multiple of its alignment.
    pub const SIZE: usize = slot_size::<libc::sem_t>();
    /// Required alignment of its offset.
    pub const ALIGN: usize = std::mem::align_of::<libc::sem_t>();

    /// `sem_init(region + offset, 1, value)`.
    pub fn init(region: &'r SharedRegion, offset: usize, value: u32) -> Result<Self> {
        let (ptr, marker) = slot::<libc::sem_t>(region, offset, "sem_init")?;
        // SAFETY: slot checked bounds, alignment and write access; pshared = 1 makes the
        // semaphore usable by every process that maps this memory.
        if unsafe { libc::sem_init(ptr, 1, value as libc::c_uint) } != 0 {
            return Err(IpcError::last(format!(
                "sem_init(offset {offset}, pshared 1, {value})"
            )));
        }
        marker.store(READY, Ordering::Release);
        Ok(SharedSemaphore {
            ptr,
            marker,
            owner: true,
            _region: PhantomData,
        })
    }

    /// Uses a semaphore another process initialised at `offset` (refused if none was).
    pub fn attach(region: &'r SharedRegion, offset: usize) -> Result<Self> {
        let (ptr, marker) =
            initialised_slot::<libc::sem_t>(region, offset, "semaphore", READY, "sem_init")?;
        Ok(SharedSemaphore {
            ptr,
            marker,
            owner: false,
            _region: PhantomData,
        })
    }

    fn raw(&self) -> RawSem {
        RawSem { ptr: self.ptr }
    }

    /// `sem_post`.
    pub fn post(&self) -> Result<()> {
        self.raw().post("shared")
    }

    /// `sem_wait` (see the module notes on EINTR).
    pub fn wait(&self) -> Result<()> {
        self.raw().wait("shared")
    }

    /// `sem_trywait`; `Ok(false)` where C gets EAGAIN.
    pub fn try_wait(&self) -> Result<bool> {
        self.raw().try_wait("shared")
    }

    /// `sem_timedwait`; `Ok(false)` where C gets ETIMEDOUT.
    pub fn wait_timeout(&self, timeout: Duration) -> Result<bool> {
        self.raw().wait_timeout("shared", timeout)
    }

    /// `sem_getvalue`.
    pub fn value(&self) -> Result<i32> {
        self.raw().value("shared")
    }
}

impl Drop for SharedSemaphore<'_> {
    fn drop(&mut self) {
        if self.owner {
            self.marker.store(0, Ordering::Release);
            // SAFETY: this value initialised the semaphore and destroys it once, here.
            unsafe { libc::sem_destroy(self.ptr) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{Mapping, Sharing};
    use crate::process::{ChildEnd, fork_child};
    use crate::unique::unique_name;

    fn fresh() -> ObjectName {
        ObjectName::parse_sem(&unique_name("ipc-core-sem")).unwrap()
    }

    #[test]
    fn named_create_post_wait_value_unlink() {
        let name = fresh();
        let sem = NamedSemaphore::create(&name, SemCreate::new(1).exclusive()).unwrap();
        let guard = unlink_guard(&name);
        assert!(sem_exists(&name));
        assert_eq!(sem.value().unwrap(), 1);
        assert!(sem.try_wait().unwrap());
        assert!(!sem.try_wait().unwrap());
        assert!(!sem.wait_timeout(Duration::from_millis(20)).unwrap());
        sem.post().unwrap();
        let other = NamedSemaphore::open(&name).unwrap();
        assert_eq!(other.value().unwrap(), 1);
        other.wait().unwrap();
        assert_eq!(sem.value().unwrap(), 0);
        guard.run_now().unwrap();
        assert!(!sem_exists(&name));
    }

    #[test]
    fn named_errors_name_the_errno() {
        let name = fresh();
        let err = NamedSemaphore::open(&name).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::ENOENT));
        assert!(
            err.to_string().starts_with(&format!("sem_open({name}, 0)")),
            "{err}"
        );
        let _a = NamedSemaphore::create(&name, SemCreate::new(0)).unwrap();
        let _g = unlink_guard(&name);
        let err = NamedSemaphore::create(&name, SemCreate::new(0).exclusive()).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::EEXIST));
        assert!(err.to_string().contains("O_CREAT|O_EXCL, 0600, 0"), "{err}");
        assert_eq!(
            sem_unlink(&fresh()).unwrap_err().errno(),
            Some(Errno::ENOENT)
        );
        assert!(NamedSemaphore::create(&fresh(), SemCreate::new(u32::MAX)).is_err());
    }

    #[test]
    fn shared_semaphore_works_across_fork() {
        let map = Mapping::anonymous(4096, Sharing::Shared).unwrap();
        let sem = SharedSemaphore::init(&map, 0, 0).unwrap();
        let done = SharedSemaphore::init(&map, SharedSemaphore::SIZE, 0).unwrap();
        let child = fork_child(|| {
            let a = SharedSemaphore::attach(&map, 0).unwrap();
            a.wait().unwrap();
            let d = SharedSemaphore::attach(&map, SharedSemaphore::SIZE).unwrap();
            d.post().unwrap();
            0
        })
        .unwrap();
        sem.post().unwrap();
        done.wait().unwrap();
        assert_eq!(child.wait().unwrap(), ChildEnd::Exited(0));
        assert_eq!(sem.value().unwrap(), 0);
    }

    #[test]
    fn shared_slot_is_checked() {
        let map = Mapping::anonymous(64, Sharing::Shared).unwrap();
        assert!(
            SharedSemaphore::attach(&map, 0)
                .unwrap_err()
                .to_string()
                .contains("no process has initialised")
        );
        assert!(SharedSemaphore::init(&map, 3, 0).is_err());
        assert!(SharedSemaphore::init(&map, 64, 0).is_err());
        assert_eq!(SharedSemaphore::SIZE % SharedSemaphore::ALIGN, 0);
        let s = SharedSemaphore::init(&map, 0, 2).unwrap();
        assert_eq!(s.value().unwrap(), 2);
        drop(s);
        assert!(SharedSemaphore::attach(&map, 0).is_err());
    }

    #[test]
    fn a_signal_caught_before_the_wait_ends_it_instead_of_hanging() {
        let map = Mapping::anonymous(64, Sharing::Shared).unwrap();
        let sem = SharedSemaphore::init(&map, 0, 0).unwrap();
        // In a child, so the harness's own signal handling stays untouched.
        let mut child = fork_child(|| {
            crate::interrupt::install().unwrap();
            nix::sys::signal::raise(nix::sys::signal::Signal::SIGINT).unwrap();
            match sem.wait() {
                Err(e) if e.exit_status() == 130 => 0,
                _ => 1,
            }
        })
        .unwrap();
        let end = child.wait_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(end, Some(ChildEnd::Exited(0)));
    }
}
