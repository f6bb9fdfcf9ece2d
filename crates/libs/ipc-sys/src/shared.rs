//! Memory shared with other processes, and what may be placed in it.
//!
//! Another process may change this memory at any moment, so it is never handed out as a
//! Rust slice: [`SharedBytes`] copies bytes in and out, bounded by the memory's length, and
//! typed data is placed in it only as a [`Shareable`] type, whose fields are atomics or
//! process-shared primitives. A page of such fields is a `#[repr(C)]` struct declared with
//! [`shareable!`](crate::shareable).

use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ptr::NonNull;
use std::sync::atomic::{
    AtomicBool, AtomicI8, AtomicI16, AtomicI32, AtomicI64, AtomicIsize, AtomicU8, AtomicU16,
    AtomicU32, AtomicU64, AtomicUsize, Ordering,
};

use nix::errno::Errno;

/// A span of shared memory: a mapping (`mmap`) or an attached System V segment (`shmat`).
/// Only those two make one, and they keep the memory mapped while it is borrowed.
#[derive(Debug)]
pub struct SharedBytes {
    ptr: NonNull<u8>,
    len: usize,
    writable: bool,
    /// A page went away under a copy (see [`vanished`](Self::vanished)).
    vanished: AtomicBool,
}

// SAFETY: every access goes through bounded copies or atomics, which any thread may do.
unsafe impl Send for SharedBytes {}
// SAFETY: as above: &self methods only copy or hand out Sync (Shareable) references.
unsafe impl Sync for SharedBytes {}

impl SharedBytes {
    /// # Safety
    /// `len` bytes at `ptr` must stay mapped, readable (and writable when `writable`), for as
    /// long as the returned value lives.
    pub(crate) unsafe fn new(ptr: NonNull<u8>, len: usize, writable: bool) -> Self {
        SharedBytes {
            ptr,
            len,
            writable,
            vanished: AtomicBool::new(false),
        }
    }

    pub(crate) fn ptr(&self) -> NonNull<u8> {
        self.ptr
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Where the memory starts in this process's address space, as a number to show (next
    /// to /proc/self/maps, say). Another process maps the same memory at its own address.
    pub fn addr(&self) -> usize {
        self.ptr.as_ptr().addr()
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the memory may be written (PROT_WRITE, or an attachment without SHM_RDONLY).
    pub fn is_writable(&self) -> bool {
        self.writable
    }

    /// The start of `len` bytes at `offset`: EFAULT unless they all lie inside.
    fn span(&self, offset: usize, len: usize) -> Result<*mut u8, Errno> {
        match offset.checked_add(len) {
            // SAFETY: offset <= end <= self.len: the pointer stays inside the memory (or one
            // past its end when len is 0).
            Some(end) if end <= self.len => Ok(unsafe { self.ptr.as_ptr().add(offset) }),
            _ => Err(Errno::EFAULT),
        }
    }

    /// True once a copy found part of the memory gone: a file mapping whose object another
    /// process shrank, or whose pages a full tmpfs could not provide. Those pages read as
    /// zeros from then on, so every later copy fails too.
    pub fn vanished(&self) -> bool {
        self.vanished.load(Ordering::SeqCst)
    }

    /// Records a copy's fault (EFAULT) so that every later copy refuses too.
    fn note(&self, copied: Result<(), Errno>) -> Result<(), Errno> {
        if copied.is_err() {
            self.vanished.store(true, Ordering::SeqCst);
        }
        copied
    }

    /// Copies `dst.len()` bytes at `offset` out. EFAULT when they are not all inside, or
    /// when part of the memory vanished (see [`vanished`](Self::vanished)): no SIGBUS.
    pub fn read(&self, offset: usize, dst: &mut [u8]) -> Result<(), Errno> {
        let src = self.span(offset, dst.len())?;
        if self.vanished() {
            return Err(Errno::EFAULT);
        }
        // SAFETY: src is mapped readable for dst.len() bytes (span checked them), and dst,
        // this process's own memory borrowed mutably, cannot overlap shared memory.
        self.note(unsafe { crate::bus::copy(src, dst.as_mut_ptr(), dst.len(), src) })
    }

    /// Copies `src` in at `offset`. EFAULT when it would not fit or part of the memory
    /// vanished (see [`vanished`](Self::vanished)), EACCES when the memory is read-only
    /// (where a store would kill the process with SIGSEGV).
    pub fn write(&self, offset: usize, src: &[u8]) -> Result<(), Errno> {
        if !self.writable {
            return Err(Errno::EACCES);
        }
        let dst = self.span(offset, src.len())?;
        if self.vanished() {
            return Err(Errno::EFAULT);
        }
        // SAFETY: dst is mapped writable for src.len() bytes (checked above), and src, this
        // process's own memory, cannot overlap shared memory.
        self.note(unsafe { crate::bus::copy(src.as_ptr(), dst, src.len(), dst) })
    }

    /// `write` as a C program's plain store does it: a page past the object's end raises
    /// SIGBUS, which kills the process. Only for the lesson that shows that death.
    pub fn write_unguarded(&self, offset: usize, src: &[u8]) -> Result<(), Errno> {
        if !self.writable {
            return Err(Errno::EACCES);
        }
        let dst = self.span(offset, src.len())?;
        // SAFETY: as in write; a vanished page ends the process with SIGBUS, not with a
        // corrupted value.
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), dst, src.len()) };
        Ok(())
    }

    /// The bytes from `offset` up to the first NUL, never past the end; and whether a NUL
    /// was found. Read piece by piece, so a short text in a huge region costs only the text
    /// (a reader never touches, nor for shm allocates, the pages after its NUL).
    pub fn read_until_nul(&self, offset: usize) -> (Vec<u8>, bool) {
        const PIECE: usize = 64 * 1024;
        let mut text = Vec::new();
        let mut at = offset.min(self.len);
        while at < self.len {
            let mut piece = vec![0u8; PIECE.min(self.len - at)];
            if self.read(at, &mut piece).is_err() {
                break;
            }
            if let Some(nul) = piece.iter().position(|&b| b == 0) {
                text.extend_from_slice(&piece[..nul]);
                return (text, true);
            }
            at += piece.len();
            text.extend_from_slice(&piece);
        }
        (text, false)
    }

    /// A `T` placed at `offset`: EFAULT unless it lies inside, EINVAL unless `offset` suits
    /// its alignment, EACCES when the memory is read-only (its atomics would be written).
    pub fn place<T: Shareable>(&self, offset: usize) -> Result<&T, Errno> {
        if !self.writable {
            return Err(Errno::EACCES);
        }
        let at = self.span(offset, std::mem::size_of::<T>())?;
        if at.align_offset(std::mem::align_of::<T>()) != 0 {
            return Err(Errno::EINVAL);
        }
        // SAFETY: the T lies inside memory that stays mapped while self is borrowed and is
        // aligned (both checked above); T is Shareable: every bit pattern is a valid T and it
        // changes only through atomics, so another process writing it is no data race.
        Ok(unsafe { &*at.cast::<T>() })
    }
}

/// A type that may live in memory shared with other processes.
///
/// # Safety
/// Implement it only for a type that (1) is a valid value for every bit pattern, all zeros
/// included (a new mapping holds zeros, and another process may write anything), (2) is
/// changed through a shared reference only by atomic operations or by process-shared
/// primitives, never by a plain store another process could race, and (3) has a layout
/// fixed by `#[repr(C)]` (or is a primitive), so that every process reads it alike.
/// [`shareable!`](crate::shareable) checks the three for a struct.
pub unsafe trait Shareable: Sync {}

macro_rules! atomics_are_shareable {
    ($($t:ty),*) => {
        // SAFETY: an atomic integer is valid for every bit pattern and is only changed by
        // atomic operations; its layout is that of the integer.
        $(unsafe impl Shareable for $t {})*
    };
}
atomics_are_shareable!(
    AtomicU8,
    AtomicU16,
    AtomicU32,
    AtomicU64,
    AtomicUsize,
    AtomicI8,
    AtomicI16,
    AtomicI32,
    AtomicI64,
    AtomicIsize
);

// SAFETY: an array of Shareable values is Shareable: no padding between its elements and
// each element keeps its own guarantees.
unsafe impl<T: Shareable, const N: usize> Shareable for [T; N] {}

/// Declares a `#[repr(C)]` struct that may be placed in shared memory: each field must be
/// [`Shareable`] (atomics, arrays of them, [`Slot`]s, other shareable structs), which the
/// macro checks at compile time.
///
/// ```
/// use std::sync::atomic::{AtomicU32, AtomicU64};
/// ipc_sys::shareable! {
///     /// The page two processes share.
///     #[repr(C)]
///     pub struct Page {
///         pub counter: AtomicU64,
///         pub ready: AtomicU32,
///     }
/// }
/// ```
#[macro_export]
macro_rules! shareable {
    (
        $(#[doc = $doc:literal])*
        #[repr(C $(, align($align:literal))?)]
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $($(#[$fmeta:meta])* $fvis:vis $field:ident : $ty:ty),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[repr(C $(, align($align))?)]
        $(#[$meta])*
        $vis struct $name {
            $($(#[$fmeta])* $fvis $field: $ty),*
        }

        // Every field is Shareable, or this does not compile.
        const _: fn() = || {
            fn shareable<T: $crate::shared::Shareable>() {}
            $(shareable::<$ty>();)*
        };

        // SAFETY: the struct is #[repr(C)] (written above) and every field is Shareable
        // (checked just above), so every bit pattern is valid and it changes only through
        // its fields' atomics or primitives; padding bytes are never read.
        unsafe impl $crate::shared::Shareable for $name {}
    };
}

/// A kind of process-shared primitive that lives in a [`Slot`]: a semaphore, a mutex.
pub trait Primitive: private::Sealed {
    /// The C object (`sem_t`, `pthread_mutex_t`).
    type Raw;
    /// Written to the slot's marker once the object is initialised.
    const READY: u32;
    /// Destroys an initialised object (`sem_destroy`, `pthread_mutex_destroy`).
    ///
    /// # Safety
    /// `raw` must be an initialised object that nobody uses any more.
    unsafe fn destroy(raw: *mut Self::Raw);
}

pub(crate) mod private {
    /// Only this crate's primitives and semaphores implement the traits sealed by this.
    pub trait Sealed {}

    /// The `sem_t` behind either kind of semaphore.
    pub trait SemPtr {
        fn sem_ptr(&self) -> *mut libc::sem_t;
    }
}

/// Room for one process-shared primitive in a shared page: the C object, then a marker
/// that says a process initialised it, so that one that did not is refused (EINVAL) instead
/// of using garbage. The marker is only a guard against mistakes: a process that can write
/// the page can forge it, as it could corrupt the object itself.
#[repr(C)]
pub struct Slot<P: Primitive> {
    raw: UnsafeCell<MaybeUninit<P::Raw>>,
    ready: AtomicU32,
}

// SAFETY: the C object is process-shared: its functions may be called from any thread of
// any process at once; the marker is an atomic.
unsafe impl<P: Primitive> Sync for Slot<P> {}

// SAFETY: MaybeUninit holds any bit pattern; the object changes only through its C
// functions (process-shared, atomic in the kernel's and libc's sense), the marker is an
// atomic, and the layout is #[repr(C)].
unsafe impl<P: Primitive> Shareable for Slot<P> {}

impl<P: Primitive> std::fmt::Debug for Slot<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ready = self.ready.load(Ordering::Relaxed) == P::READY;
        f.debug_struct("Slot").field("initialised", &ready).finish()
    }
}

impl<P: Primitive> Slot<P> {
    pub(crate) fn raw(&self) -> *mut P::Raw {
        self.raw.get().cast()
    }

    /// Marks the object initialised and hands out the value that destroys it on drop.
    pub(crate) fn initialised(&self) -> InPlace<'_, P> {
        self.ready.store(P::READY, Ordering::Release);
        InPlace {
            slot: self,
            owner: true,
            _kind: PhantomData,
        }
    }

    /// Uses an object another process (or the parent before fork) initialised here;
    /// EINVAL when none was. Dropping the result does not destroy the object.
    pub fn attach(&self) -> Result<InPlace<'_, P>, Errno> {
        if self.ready.load(Ordering::Acquire) != P::READY {
            return Err(Errno::EINVAL);
        }
        Ok(InPlace {
            slot: self,
            owner: false,
            _kind: PhantomData,
        })
    }
}

/// A process-shared primitive initialised in its [`Slot`]. The value the init call returned
/// destroys it when dropped; an attached one does not. A forked child that leaves through
/// `_exit` runs no destructor, so it never destroys the parent's object.
pub struct InPlace<'s, P: Primitive> {
    slot: &'s Slot<P>,
    owner: bool,
    _kind: PhantomData<P>,
}

impl<P: Primitive> InPlace<'_, P> {
    pub(crate) fn raw(&self) -> *mut P::Raw {
        self.slot.raw()
    }
}

impl<P: Primitive> std::fmt::Debug for InPlace<'_, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InPlace")
            .field("at", &self.slot.raw())
            .field("owner", &self.owner)
            .finish()
    }
}

impl<P: Primitive> Drop for InPlace<'_, P> {
    fn drop(&mut self) {
        if self.owner {
            self.slot.ready.store(0, Ordering::Release);
            // SAFETY: this value initialised the object, and destroys it once, here.
            unsafe { P::destroy(self.slot.raw()) };
        }
    }
}

/// For this crate's tests: runs `body` in a forked child; [`wait_child`] gives its exit
/// status.
#[cfg(test)]
pub(crate) fn spawn_child(body: impl FnOnce() -> i32) -> nix::unistd::Pid {
    use nix::unistd::ForkResult;
    // SAFETY: the test harness has other threads, but they hold no lock the child needs:
    // the child only runs `body` (lock calls on shared memory, atomics) and leaves with
    // _exit, never returning into the harness.
    match unsafe { nix::unistd::fork() }.expect("fork") {
        ForkResult::Child => crate::unistd::_exit(body()),
        ForkResult::Parent { child } => child,
    }
}

/// For this crate's tests: the exit status of a child [`spawn_child`] started.
#[cfg(test)]
pub(crate) fn wait_child(pid: nix::unistd::Pid) -> i32 {
    match nix::sys::wait::waitpid(pid, None).expect("waitpid") {
        nix::sys::wait::WaitStatus::Exited(_, code) => code,
        other => panic!("the child ended with {other:?}"),
    }
}
