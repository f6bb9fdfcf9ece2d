//! A pthread mutex shared between processes: it lives inside a shared mapping and is
//! initialised with PTHREAD_PROCESS_SHARED (without it, a mutex in shared memory is only
//! promised to work between the threads of one process).
//!
//! It is also robust (PTHREAD_MUTEX_ROBUST): when its holder dies, the next locker gets
//! EOWNERDEAD instead of waiting forever; `lock` then marks it consistent and says so.

use std::marker::PhantomData;
use std::sync::atomic::{AtomicU32, Ordering};

use nix::errno::Errno;

use crate::error::{IpcError, Result};
use crate::region::SharedRegion;
use crate::sem::{initialised_slot, slot, slot_size};

const READY: u32 = 0x3A7E_C0DE;

/// A process-shared mutex at a fixed offset of a shared mapping.
///
/// The value returned by `init` destroys the mutex when dropped; `attach` does not.
#[derive(Debug)]
pub struct SharedMutex<'r> {
    ptr: *mut libc::pthread_mutex_t,
    marker: &'r AtomicU32,
    owner: bool,
    _region: PhantomData<&'r SharedRegion>,
}

// SAFETY: a process-shared pthread mutex may be used from any thread of any process.
unsafe impl Send for SharedMutex<'_> {}
// SAFETY: as above.
unsafe impl Sync for SharedMutex<'_> {}

/// How `lock` got the mutex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locked {
    /// The usual case.
    Clean,
    /// The previous holder died holding it (EOWNERDEAD); the data it guarded may be half-updated.
    PreviousOwnerDied,
}

/// Unlocks on drop.
#[derive(Debug)]
pub struct MutexGuard<'m, 'r> {
    mutex: &'m SharedMutex<'r>,
    how: Locked,
}

impl MutexGuard<'_, '_> {
    pub fn how(&self) -> Locked {
        self.how
    }
}

impl Drop for MutexGuard<'_, '_> {
    fn drop(&mut self) {
        // SAFETY: this guard holds the lock, so this thread may unlock it.
        unsafe { libc::pthread_mutex_unlock(self.mutex.ptr) };
    }
}

fn check(call: &str, rc: libc::c_int) -> Result<()> {
    match rc {
        0 => Ok(()),
        e => Err(IpcError::sys(call, Errno::from_raw(e))),
    }
}

impl<'r> SharedMutex<'r> {
    /// Bytes a mutex takes in a region, a multiple of its alignment.
    pub const SIZE: usize = slot_size::<libc::pthread_mutex_t>();
    /// Required alignment of its offset.
    pub const ALIGN: usize = std::mem::align_of::<libc::pthread_mutex_t>();

    /// `pthread_mutex_init` with PTHREAD_PROCESS_SHARED and PTHREAD_MUTEX_ROBUST.
    pub fn init(region: &'r SharedRegion, offset: usize) -> Result<Self> {
        let (ptr, marker) = slot::<libc::pthread_mutex_t>(region, offset, "pthread_mutex_init")?;
        let mut attr = std::mem::MaybeUninit::<libc::pthread_mutexattr_t>::uninit();
        // SAFETY: attr is initialised by pthread_mutexattr_init before any other use and
        // destroyed below; ptr points to writable, aligned memory for a mutex (checked by slot).
        unsafe {
            check(
                "pthread_mutexattr_init",
                libc::pthread_mutexattr_init(attr.as_mut_ptr()),
            )?;
            let result = check(
                "pthread_mutexattr_setpshared(PTHREAD_PROCESS_SHARED)",
                libc::pthread_mutexattr_setpshared(attr.as_mut_ptr(), libc::PTHREAD_PROCESS_SHARED),
            )
            .and_then(|()| {
                check(
                    "pthread_mutexattr_setrobust(PTHREAD_MUTEX_ROBUST)",
                    libc::pthread_mutexattr_setrobust(
                        attr.as_mut_ptr(),
                        libc::PTHREAD_MUTEX_ROBUST,
                    ),
                )
            })
            .and_then(|()| {
                check(
                    "pthread_mutex_init",
                    libc::pthread_mutex_init(ptr, attr.as_ptr()),
                )
            });
            libc::pthread_mutexattr_destroy(attr.as_mut_ptr());
            result?;
        }
        marker.store(READY, Ordering::Release);
        Ok(SharedMutex {
            ptr,
            marker,
            owner: true,
            _region: PhantomData,
        })
    }

    /// Uses a mutex another process initialised at `offset` (refused if none was).
    pub fn attach(region: &'r SharedRegion, offset: usize) -> Result<Self> {
        let (ptr, marker) = initialised_slot::<libc::pthread_mutex_t>(
            region,
            offset,
            "mutex",
            READY,
            "pthread_mutex_init",
        )?;
        Ok(SharedMutex {
            ptr,
            marker,
            owner: false,
            _region: PhantomData,
        })
    }

    /// `pthread_mutex_lock`; the guard unlocks.
    pub fn lock(&self) -> Result<MutexGuard<'_, 'r>> {
        // SAFETY: ptr is an initialised process-shared mutex while the region lives.
        match unsafe { libc::pthread_mutex_lock(self.ptr) } {
            0 => Ok(MutexGuard {
                mutex: self,
                how: Locked::Clean,
            }),
            libc::EOWNERDEAD => {
                // SAFETY: we hold the lock after EOWNERDEAD, which is what consistent requires.
                unsafe { libc::pthread_mutex_consistent(self.ptr) };
                Ok(MutexGuard {
                    mutex: self,
                    how: Locked::PreviousOwnerDied,
                })
            }
            e => Err(IpcError::sys("pthread_mutex_lock", Errno::from_raw(e))),
        }
    }

    /// `pthread_mutex_trylock`; `Ok(None)` where C gets EBUSY.
    pub fn try_lock(&self) -> Result<Option<MutexGuard<'_, 'r>>> {
        // SAFETY: as in lock.
        match unsafe { libc::pthread_mutex_trylock(self.ptr) } {
            0 => Ok(Some(MutexGuard {
                mutex: self,
                how: Locked::Clean,
            })),
            libc::EBUSY => Ok(None),
            libc::EOWNERDEAD => {
                // SAFETY: as in lock.
                unsafe { libc::pthread_mutex_consistent(self.ptr) };
                Ok(Some(MutexGuard {
                    mutex: self,
                    how: Locked::PreviousOwnerDied,
                }))
            }
            e => Err(IpcError::sys("pthread_mutex_trylock", Errno::from_raw(e))),
        }
    }
}

impl Drop for SharedMutex<'_> {
    fn drop(&mut self) {
        if self.owner {
            self.marker.store(0, Ordering::Release);
            // SAFETY: this value initialised the mutex and destroys it once, here.
            unsafe { libc::pthread_mutex_destroy(self.ptr) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{Mapping, Sharing};
    use crate::process::{ChildEnd, fork_child};

    #[test]
    fn mutex_excludes_across_fork() {
        let map = Mapping::anonymous(4096, Sharing::Shared).unwrap();
        let m = SharedMutex::init(&map, 0).unwrap();
        let counter_at = SharedMutex::SIZE.next_multiple_of(8);
        let work = || {
            let m = SharedMutex::attach(&map, 0).unwrap();
            let c = map.atomic_u64(counter_at);
            for _ in 0..20_000 {
                let _g = m.lock().unwrap();
                // A deliberately non-atomic read-modify-write, made safe by the lock.
                let v = c.load(Ordering::Relaxed);
                c.store(v + 1, Ordering::Relaxed);
            }
            0
        };
        let kids: Vec<_> = (0..3).map(|_| fork_child(work).unwrap()).collect();
        work();
        for k in kids {
            assert_eq!(k.wait().unwrap(), ChildEnd::Exited(0));
        }
        assert_eq!(map.atomic_u64(counter_at).load(Ordering::SeqCst), 80_000);
        assert!(m.try_lock().unwrap().is_some());
    }

    #[test]
    fn holder_death_is_reported_not_a_hang() {
        let map = Mapping::anonymous(4096, Sharing::Shared).unwrap();
        let m = SharedMutex::init(&map, 0).unwrap();
        let child = fork_child(|| {
            let m = SharedMutex::attach(&map, 0).unwrap();
            std::mem::forget(m.lock().unwrap());
            0
        })
        .unwrap();
        assert_eq!(child.wait().unwrap(), ChildEnd::Exited(0));
        assert_eq!(m.lock().unwrap().how(), Locked::PreviousOwnerDied);
        assert_eq!(m.lock().unwrap().how(), Locked::Clean);
    }
}
