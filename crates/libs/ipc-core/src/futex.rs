//! Futexes on words in memory shared between processes: the sleeping half of a
//! spin-then-sleep wait. The operations are the shared (not `FUTEX_PRIVATE_FLAG`) ones,
//! so a waiter in one process is woken by a waker in another through the same mapping.

use std::sync::atomic::AtomicU32;

use nix::errno::Errno;

/// Sleeps while `*word == expected`. Returns at once when the value already differs
/// (EAGAIN), when woken, or when a signal arrives (EINTR): the caller re-checks the word
/// and, for EINTR, whether Ctrl-C was pressed.
pub fn wait(word: &AtomicU32, expected: u32) -> Result<(), Errno> {
    // SAFETY: `word` is a valid, aligned 32-bit word for the duration of the call; the
    // kernel only reads it, and no timeout pointer is passed.
    let r = unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAIT,
            expected,
            std::ptr::null::<libc::timespec>(),
        )
    };
    if r == 0 {
        return Ok(());
    }
    match Errno::last() {
        Errno::EAGAIN => Ok(()),
        e => Err(e),
    }
}

/// Wakes every process sleeping on `word`; returns how many were woken.
pub fn wake_all(word: &AtomicU32) -> usize {
    // SAFETY: FUTEX_WAKE only uses the address as a key; it neither reads nor writes it.
    let r = unsafe { libc::syscall(libc::SYS_futex, word.as_ptr(), libc::FUTEX_WAKE, i32::MAX) };
    r.max(0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    #[test]
    fn wait_returns_when_value_differs_and_wake_counts_nobody() {
        let w = AtomicU32::new(5);
        wait(&w, 4).unwrap();
        assert_eq!(wake_all(&w), 0);
        let w = std::sync::Arc::new(AtomicU32::new(0));
        let w2 = w.clone();
        let t = std::thread::spawn(move || {
            while w2.load(Ordering::Acquire) == 0 {
                wait(&w2, 0).unwrap();
            }
        });
        std::thread::sleep(std::time::Duration::from_millis(10));
        w.store(1, Ordering::Release);
        wake_all(&w);
        t.join().unwrap();
    }
}
