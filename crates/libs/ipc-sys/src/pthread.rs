//! `<pthread.h>`: a mutex shared between processes. It lives in a shared page and is
//! initialised with PTHREAD_PROCESS_SHARED (without it, a mutex in shared memory is only
//! promised to work between the threads of one process), and PTHREAD_MUTEX_ROBUST: when its
//! holder dies, the next locker gets EOWNERDEAD instead of waiting forever.

use std::marker::PhantomData;
use std::mem::MaybeUninit;

use nix::errno::Errno;

use crate::shared::{InPlace, Primitive, Slot, private};

/// The C object of a mutex living in shared memory.
#[derive(Debug)]
pub struct MutexT;

impl private::Sealed for MutexT {}

impl Primitive for MutexT {
    type Raw = libc::pthread_mutex_t;
    const READY: u32 = 0x3A7E_C0DE;

    unsafe fn destroy(raw: *mut libc::pthread_mutex_t) {
        // SAFETY: the caller's contract: an initialised mutex nobody uses any more.
        unsafe { libc::pthread_mutex_destroy(raw) };
    }
}

/// Room for a process-shared mutex in a shared page.
pub type MutexSlot = Slot<MutexT>;

/// A process-shared, robust mutex initialised in its slot.
pub type SharedMutex<'s> = InPlace<'s, MutexT>;

/// pthread calls return the error number instead of setting errno.
fn check(rc: libc::c_int) -> Result<(), Errno> {
    match rc {
        0 => Ok(()),
        e => Err(Errno::from_raw(e)),
    }
}

/// `pthread_mutex_init(slot, attr)` with PTHREAD_PROCESS_SHARED and PTHREAD_MUTEX_ROBUST.
/// Destroyed (`pthread_mutex_destroy`) when the returned value is dropped.
pub fn pthread_mutex_init(slot: &MutexSlot) -> Result<SharedMutex<'_>, Errno> {
    let mut attr = MaybeUninit::<libc::pthread_mutexattr_t>::uninit();
    // SAFETY: attr is initialised by pthread_mutexattr_init before any other use and
    // destroyed once below; the slot is writable, aligned room for a mutex in shared memory.
    unsafe {
        check(libc::pthread_mutexattr_init(attr.as_mut_ptr()))?;
        let result = check(libc::pthread_mutexattr_setpshared(
            attr.as_mut_ptr(),
            libc::PTHREAD_PROCESS_SHARED,
        ))
        .and_then(|()| {
            check(libc::pthread_mutexattr_setrobust(
                attr.as_mut_ptr(),
                libc::PTHREAD_MUTEX_ROBUST,
            ))
        })
        .and_then(|()| check(libc::pthread_mutex_init(slot.raw(), attr.as_ptr())));
        libc::pthread_mutexattr_destroy(attr.as_mut_ptr());
        result?;
    }
    Ok(slot.initialised())
}

/// A held lock; `pthread_mutex_unlock` runs when it is dropped (or by
/// [`pthread_mutex_unlock`]).
#[derive(Debug)]
pub struct MutexGuard<'m> {
    raw: *mut libc::pthread_mutex_t,
    previous_owner_died: bool,
    _mutex: PhantomData<&'m SharedMutex<'m>>,
}

impl MutexGuard<'_> {
    /// True when the previous holder died holding the lock (EOWNERDEAD): the data it guarded
    /// may be half-updated. The mutex was made consistent again.
    pub fn previous_owner_died(&self) -> bool {
        self.previous_owner_died
    }
}

impl Drop for MutexGuard<'_> {
    fn drop(&mut self) {
        // SAFETY: this guard holds the lock, so this thread may unlock it.
        unsafe { libc::pthread_mutex_unlock(self.raw) };
    }
}

fn locked<'m>(mutex: &'m SharedMutex<'_>, rc: libc::c_int) -> Result<MutexGuard<'m>, Errno> {
    let raw = mutex.raw();
    let previous_owner_died = match rc {
        0 => false,
        libc::EOWNERDEAD => {
            // SAFETY: after EOWNERDEAD this thread holds the lock, as consistent requires.
            check(unsafe { libc::pthread_mutex_consistent(raw) })?;
            true
        }
        e => return Err(Errno::from_raw(e)),
    };
    Ok(MutexGuard {
        raw,
        previous_owner_died,
        _mutex: PhantomData,
    })
}

/// `pthread_mutex_lock(mutex)`: waits until this thread holds the lock.
pub fn pthread_mutex_lock<'m>(mutex: &'m SharedMutex<'_>) -> Result<MutexGuard<'m>, Errno> {
    // SAFETY: the mutex was initialised in its slot and stays so while it is borrowed.
    let rc = unsafe { libc::pthread_mutex_lock(mutex.raw()) };
    locked(mutex, rc)
}

/// `pthread_mutex_trylock(mutex)`: takes the lock if it is free, else fails with EBUSY.
pub fn pthread_mutex_trylock<'m>(mutex: &'m SharedMutex<'_>) -> Result<MutexGuard<'m>, Errno> {
    // SAFETY: as in pthread_mutex_lock.
    let rc = unsafe { libc::pthread_mutex_trylock(mutex.raw()) };
    locked(mutex, rc)
}

/// `pthread_mutex_unlock(mutex)` now, reporting a failure instead of ignoring it.
pub fn pthread_mutex_unlock(guard: MutexGuard<'_>) -> Result<(), Errno> {
    let raw = guard.raw;
    std::mem::forget(guard);
    // SAFETY: the guard held the lock and was moved in here: unlocked once.
    check(unsafe { libc::pthread_mutex_unlock(raw) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mman::mmap_anonymous;
    use crate::shared::{spawn_child, wait_child};
    use nix::sys::mman::{MapFlags, ProtFlags};
    use std::sync::atomic::{AtomicU64, Ordering};

    crate::shareable! {
        #[repr(C)]
        #[derive(Debug)]
        struct Page {
            lock: MutexSlot,
            counter: AtomicU64,
        }
    }

    fn page() -> crate::mman::Mapping {
        let rw = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
        mmap_anonymous(4096, rw, MapFlags::MAP_SHARED).unwrap()
    }

    #[test]
    fn the_mutex_excludes_across_fork() {
        let map = page();
        let page: &Page = map.place(0).unwrap();
        let mutex = pthread_mutex_init(&page.lock).unwrap();
        let add = || {
            for _ in 0..20_000 {
                let _held = pthread_mutex_lock(&mutex).unwrap();
                // A read then a write, made one step by the lock.
                let v = page.counter.load(Ordering::Relaxed);
                page.counter.store(v + 1, Ordering::Relaxed);
            }
            0
        };
        let child = spawn_child(add);
        add();
        assert_eq!(wait_child(child), 0);
        assert_eq!(page.counter.load(Ordering::SeqCst), 40_000);
        let held = pthread_mutex_trylock(&mutex).unwrap();
        assert_eq!(pthread_mutex_trylock(&mutex).unwrap_err(), Errno::EBUSY);
        pthread_mutex_unlock(held).unwrap();
    }

    #[test]
    fn a_holder_that_dies_is_reported_not_a_hang() {
        let map = page();
        let page: &Page = map.place(0).unwrap();
        let mutex = pthread_mutex_init(&page.lock).unwrap();
        let child = spawn_child(|| {
            std::mem::forget(pthread_mutex_lock(&page.lock.attach().unwrap()).unwrap());
            0
        });
        assert_eq!(wait_child(child), 0);
        assert!(pthread_mutex_lock(&mutex).unwrap().previous_owner_died());
        assert!(!pthread_mutex_lock(&mutex).unwrap().previous_owner_died());
    }
}
