//! `<semaphore.h>`: POSIX semaphores, named (`sem_open`, shown as `/dev/shm/sem.NAME`) and
//! unnamed ones placed in shared memory (`sem_init` with pshared = 1).
//!
//! One set of calls works on both kinds, as in C: `sem_wait(&sem)`, `sem_post(&sem)`, ...
//! `sem_open` is variadic in C: the mode and initial value are passed as `unsigned int`,
//! and failure is `SEM_FAILED`, not NULL.

use std::ptr::NonNull;

use nix::NixPath;
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;
use nix::sys::time::TimeSpec;

use crate::shared::{InPlace, Primitive, Slot, private};

/// An open named semaphore; `sem_close` runs when it is dropped (or by [`sem_close`]). The
/// name stays until [`sem_unlink`].
#[derive(Debug)]
pub struct NamedSemaphore {
    ptr: NonNull<libc::sem_t>,
}

// SAFETY: the semaphore functions are thread-safe, and the handle is only a pointer to a
// mapping glibc keeps until sem_close (in Drop or sem_close, which need the value).
unsafe impl Send for NamedSemaphore {}
// SAFETY: as above: every call through &self is a thread-safe libc call.
unsafe impl Sync for NamedSemaphore {}

/// `sem_open(name, oflag, mode, value)`. Without O_CREAT it opens an existing semaphore
/// (ENOENT when there is none) and ignores `mode` and `value`; with O_CREAT|O_EXCL it fails
/// with EEXIST when the name is taken. `value` above SEM_VALUE_MAX is EINVAL.
pub fn sem_open<P: ?Sized + NixPath>(
    name: &P,
    oflag: OFlag,
    mode: Mode,
    value: u32,
) -> Result<NamedSemaphore, Errno> {
    let ptr = name.with_nix_path(|c_name| {
        // SAFETY: c_name is a NUL-terminated string; sem_open is variadic and, with O_CREAT,
        // reads a mode_t promoted to unsigned int and an unsigned int, which mode.bits()
        // (a mode_t, an unsigned int on Linux) and value are.
        unsafe { libc::sem_open(c_name.as_ptr(), oflag.bits(), mode.bits(), value) }
    })?;
    if ptr == libc::SEM_FAILED {
        return Err(Errno::last());
    }
    NonNull::new(ptr)
        .map(|ptr| NamedSemaphore { ptr })
        .ok_or(Errno::EFAULT)
}

/// `sem_close(sem)` now, reporting a failure instead of ignoring it as Drop must.
pub fn sem_close(sem: NamedSemaphore) -> Result<(), Errno> {
    let ptr = sem.ptr;
    std::mem::forget(sem);
    // SAFETY: ptr came from sem_open, and the handle was moved in here: closed once.
    Errno::result(unsafe { libc::sem_close(ptr.as_ptr()) }).map(drop)
}

impl Drop for NamedSemaphore {
    fn drop(&mut self) {
        // SAFETY: ptr came from sem_open and is closed exactly once, here.
        unsafe { libc::sem_close(self.ptr.as_ptr()) };
    }
}

/// `sem_unlink(name)`: the name goes at once; the semaphore when the last process closes it.
pub fn sem_unlink<P: ?Sized + NixPath>(name: &P) -> Result<(), Errno> {
    let rc = name.with_nix_path(|c_name| {
        // SAFETY: c_name is a NUL-terminated string.
        unsafe { libc::sem_unlink(c_name.as_ptr()) }
    })?;
    Errno::result(rc).map(drop)
}

/// The C object of a semaphore living in shared memory.
#[derive(Debug)]
pub struct SemT;

impl private::Sealed for SemT {}

impl Primitive for SemT {
    type Raw = libc::sem_t;
    const READY: u32 = 0x5E3A_F00D;

    unsafe fn destroy(raw: *mut libc::sem_t) {
        // SAFETY: the caller's contract: an initialised semaphore nobody uses any more.
        unsafe { libc::sem_destroy(raw) };
    }
}

/// Room for an unnamed semaphore in a shared page.
pub type SemSlot = Slot<SemT>;

/// An unnamed, process-shared semaphore initialised in its slot.
pub type UnnamedSemaphore<'s> = InPlace<'s, SemT>;

/// `sem_init(slot, pshared = 1, value)`: a semaphore every process that maps the page (or
/// a child forked after this) uses. It is destroyed (`sem_destroy`) when the returned value
/// is dropped. `value` above SEM_VALUE_MAX is EINVAL.
pub fn sem_init(slot: &SemSlot, value: u32) -> Result<UnnamedSemaphore<'_>, Errno> {
    // SAFETY: the slot is writable, aligned room for a sem_t in shared memory that outlives
    // the borrow; pshared = 1 is what a semaphore in shared memory needs.
    Errno::result(unsafe { libc::sem_init(slot.raw(), 1, value) })?;
    Ok(slot.initialised())
}

/// Either kind of semaphore, for the calls both kinds share.
pub trait Semaphore: private::SemPtr {}

impl private::SemPtr for NamedSemaphore {
    fn sem_ptr(&self) -> *mut libc::sem_t {
        self.ptr.as_ptr()
    }
}
impl Semaphore for NamedSemaphore {}

impl private::SemPtr for UnnamedSemaphore<'_> {
    fn sem_ptr(&self) -> *mut libc::sem_t {
        self.raw()
    }
}
impl Semaphore for UnnamedSemaphore<'_> {}

/// `sem_post(sem)`: value + 1, waking one waiter. EOVERFLOW at SEM_VALUE_MAX.
pub fn sem_post<S: Semaphore + ?Sized>(sem: &S) -> Result<(), Errno> {
    // SAFETY: a Semaphore is an open or initialised semaphore while it is borrowed.
    Errno::result(unsafe { libc::sem_post(sem.sem_ptr()) }).map(drop)
}

/// `sem_wait(sem)`: waits until the value is above 0, then takes one. EINTR when a signal
/// handler ran meanwhile.
pub fn sem_wait<S: Semaphore + ?Sized>(sem: &S) -> Result<(), Errno> {
    // SAFETY: as in sem_post.
    Errno::result(unsafe { libc::sem_wait(sem.sem_ptr()) }).map(drop)
}

/// `sem_trywait(sem)`: takes one if the value is above 0, else fails with EAGAIN at once.
pub fn sem_trywait<S: Semaphore + ?Sized>(sem: &S) -> Result<(), Errno> {
    // SAFETY: as in sem_post.
    Errno::result(unsafe { libc::sem_trywait(sem.sem_ptr()) }).map(drop)
}

/// `sem_timedwait(sem, abs_timeout)`: as `sem_wait`, but fails with ETIMEDOUT once the
/// CLOCK_REALTIME time `abs_timeout` has passed.
pub fn sem_timedwait<S: Semaphore + ?Sized>(sem: &S, abs_timeout: &TimeSpec) -> Result<(), Errno> {
    // SAFETY: as in sem_post; abs_timeout is a valid timespec that outlives the call.
    Errno::result(unsafe { libc::sem_timedwait(sem.sem_ptr(), abs_timeout.as_ref()) }).map(drop)
}

/// `sem_getvalue(sem)`: the value now (it may change at once).
pub fn sem_getvalue<S: Semaphore + ?Sized>(sem: &S) -> Result<i32, Errno> {
    let mut value: libc::c_int = 0;
    // SAFETY: as in sem_post; value is a valid place for the result.
    Errno::result(unsafe { libc::sem_getvalue(sem.sem_ptr(), &mut value) })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mman::mmap_anonymous;
    use nix::sys::mman::{MapFlags, ProtFlags};
    use nix::time::{ClockId, clock_gettime};
    use std::time::Duration;

    fn fresh() -> String {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        format!("/ipc-sys-sem-{}-{n}", std::process::id())
    }

    /// Unlinks the name when dropped, so a failing test leaves nothing behind.
    struct Unlink(String);

    impl Drop for Unlink {
        fn drop(&mut self) {
            let _ = sem_unlink(self.0.as_str());
        }
    }

    fn soon() -> TimeSpec {
        clock_gettime(ClockId::CLOCK_REALTIME).unwrap()
            + TimeSpec::from_duration(Duration::from_millis(20))
    }

    #[test]
    fn a_named_semaphore_is_created_used_and_unlinked() {
        let name = fresh();
        let excl = OFlag::O_CREAT | OFlag::O_EXCL;
        let mode = Mode::S_IRUSR | Mode::S_IWUSR;
        let sem = sem_open(name.as_str(), excl, mode, 1).unwrap();
        let unlink = Unlink(name.clone());
        assert_eq!(
            sem_open(name.as_str(), excl, mode, 1).unwrap_err(),
            Errno::EEXIST
        );
        assert_eq!(sem_getvalue(&sem), Ok(1));
        sem_trywait(&sem).unwrap();
        assert_eq!(sem_trywait(&sem), Err(Errno::EAGAIN));
        assert_eq!(sem_timedwait(&sem, &soon()), Err(Errno::ETIMEDOUT));
        sem_post(&sem).unwrap();
        let other = sem_open(name.as_str(), OFlag::empty(), Mode::empty(), 0).unwrap();
        sem_wait(&other).unwrap();
        assert_eq!(sem_getvalue(&sem), Ok(0));
        sem_close(other).unwrap();
        drop(unlink);
        assert_eq!(
            sem_open(name.as_str(), OFlag::empty(), Mode::empty(), 0).unwrap_err(),
            Errno::ENOENT
        );
        assert_eq!(sem_unlink(name.as_str()), Err(Errno::ENOENT));
        assert_eq!(
            sem_open(fresh().as_str(), OFlag::O_CREAT, mode, u32::MAX).unwrap_err(),
            Errno::EINVAL
        );
    }

    crate::shareable! {
        #[repr(C)]
        struct Page {
            sem: SemSlot,
        }
    }

    #[test]
    fn an_unnamed_semaphore_lives_in_its_slot_until_dropped() {
        let rw = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
        let map = mmap_anonymous(4096, rw, MapFlags::MAP_SHARED).unwrap();
        let page: &Page = map.place(0).unwrap();
        assert_eq!(page.sem.attach().unwrap_err(), Errno::EINVAL);
        let sem = sem_init(&page.sem, 2).unwrap();
        let same = page.sem.attach().unwrap();
        sem_wait(&same).unwrap();
        assert_eq!(sem_getvalue(&sem), Ok(1));
        drop(same);
        assert_eq!(sem_getvalue(&sem), Ok(1));
        drop(sem);
        assert_eq!(page.sem.attach().unwrap_err(), Errno::EINVAL);
    }

    #[test]
    fn an_unnamed_semaphore_hands_over_between_processes() {
        use crate::shared::{spawn_child, wait_child};
        let rw = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
        let map = mmap_anonymous(4096, rw, MapFlags::MAP_SHARED).unwrap();
        let pages: &[Page; 2] = map.place(0).unwrap();
        let (go, done) = (
            sem_init(&pages[0].sem, 0).unwrap(),
            sem_init(&pages[1].sem, 0).unwrap(),
        );
        let child = spawn_child(|| {
            let ok = sem_wait(&go).is_ok() && sem_post(&done).is_ok();
            i32::from(!ok)
        });
        sem_post(&go).unwrap();
        sem_wait(&done).unwrap();
        assert_eq!(wait_child(child), 0);
        assert_eq!(sem_getvalue(&go), Ok(0));
    }
}
