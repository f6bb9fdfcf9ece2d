//! SIGBUS during a copy in or out of shared memory, turned into an error.
//!
//! A page of a file mapping that lies past the file's end raises SIGBUS when touched, and so
//! does a page tmpfs cannot allocate (a full /dev/shm). Both can happen to a correct program:
//! another process shrinks the object while it is mapped, or the machine runs out of room.
//! While [`copy`] runs, a SIGBUS on an address inside its span is answered by mapping a page
//! of zeros over the faulting one (so the copy can finish) and noting it; the copy then
//! reports EFAULT, the errno `read(2)` and `write(2)` give for the same memory. A SIGBUS
//! anywhere else is handed to the action there was before, as if nothing had been installed.

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering, compiler_fence};

use nix::errno::Errno;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

thread_local! {
    /// The span `[start, end)` this thread is copying, or (0, 0).
    static GUARDED: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
    /// Set by the handler when a page of the span was replaced by zeros.
    static FAULTED: Cell<bool> = const { Cell::new(false) };
}

/// The action SIGBUS had before ours (Rust's own stack-overflow handler, or the default).
static PREVIOUS: OnceLock<SigAction> = OnceLock::new();
static PAGE: AtomicUsize = AtomicUsize::new(0);

extern "C" fn on_sigbus(_: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo_t to an SA_SIGINFO handler; si_addr is the
    // faulting address for SIGBUS.
    let addr = unsafe { (*info).si_addr() } as usize;
    let (start, end) = GUARDED.try_with(Cell::get).unwrap_or((0, 0));
    let page = PAGE.load(Ordering::Relaxed);
    if page != 0 && (start..end).contains(&addr) {
        let at = addr - addr % page;
        // SAFETY: `at` is the start of a page inside the span being copied, which belongs to
        // a mapping this process made and keeps (the copy borrows it); replacing that one
        // page with zeros changes only memory the copy was about to touch, and mmap is a
        // plain system call, safe in a signal handler.
        let zeros = unsafe {
            libc::mmap(
                at as *mut libc::c_void,
                page,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_FIXED | libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if zeros != libc::MAP_FAILED {
            let _ = FAULTED.try_with(|f| f.set(true));
            return;
        }
    }
    // Not ours: the previous action takes over, and the access faults again into it.
    let previous = PREVIOUS
        .get()
        .copied()
        .unwrap_or_else(|| SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty()));
    // SAFETY: sigaction is async-signal-safe; the action restored is the one the process had.
    let _ = unsafe { sigaction(Signal::SIGBUS, &previous) };
}

/// Installs the handler once per process (a forked child inherits it).
fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let page = nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
            .ok()
            .flatten()
            .and_then(|p| usize::try_from(p).ok())
            .unwrap_or(4096);
        PAGE.store(page, Ordering::Relaxed);
        let action = SigAction::new(
            SigHandler::SigAction(on_sigbus),
            SaFlags::SA_SIGINFO | SaFlags::SA_ONSTACK,
            SigSet::empty(),
        );
        // SAFETY: the handler touches only its thread's own cells, atomics, mmap and
        // sigaction, all safe in a signal handler.
        if let Ok(previous) = unsafe { sigaction(Signal::SIGBUS, &action) } {
            let _ = PREVIOUS.set(previous);
        }
    });
}

/// Copies `len` bytes from `src` to `dst`, one of which is in shared memory; EFAULT when a
/// page of `shared` (the shared side, `[start, start + len)`) vanished during the copy.
///
/// # Safety
/// `src` must be readable and `dst` writable for `len` bytes, as mapped memory (a vanished
/// page is the one exception this function exists for), and they must not overlap.
pub(crate) unsafe fn copy(
    src: *const u8,
    dst: *mut u8,
    len: usize,
    shared: *const u8,
) -> Result<(), Errno> {
    install();
    let start = shared as usize;
    GUARDED.with(|g| g.set((start, start.saturating_add(len))));
    FAULTED.with(|f| f.set(false));
    // The copy must happen between the two stores the handler reads.
    compiler_fence(Ordering::SeqCst);
    // SAFETY: the caller's contract; a page that vanishes meanwhile is replaced by zeros.
    unsafe { std::ptr::copy_nonoverlapping(src, dst, len) };
    compiler_fence(Ordering::SeqCst);
    GUARDED.with(|g| g.set((0, 0)));
    if FAULTED.with(Cell::get) {
        return Err(Errno::EFAULT);
    }
    Ok(())
}
