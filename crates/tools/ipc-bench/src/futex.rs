//! The sleeping half of a spin-then-sleep wait: rustix's futex on a word in memory shared
//! between processes. The operations are the shared ones (no `FUTEX_PRIVATE_FLAG`), so a
//! waiter in one process is woken by a waker in the other through the same mapping.

use std::sync::atomic::AtomicU32;

use nix::errno::Errno;
use rustix::thread::futex::{self, Flags};

/// How long a waiter waits for a peer that neither answers nor wakes it before it gives up.
pub const PEER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Longest single sleep: a waiter wakes this often to see whether Ctrl-C was pressed (also
/// one caught just before it slept) or its peer died without a wake-up.
const NAP: futex::Timespec = futex::Timespec {
    tv_sec: 0,
    tv_nsec: 200_000_000,
};

/// Sleeps while `*word == expected`, for at most [`NAP`]. Returns at once when the value
/// already differs, when woken, after the nap, or with `EINTR` when a signal arrives: the
/// caller re-checks the word, whether Ctrl-C was pressed and how long it has waited.
pub fn wait(word: &AtomicU32, expected: u32) -> Result<(), Errno> {
    match futex::wait(word, Flags::empty(), expected, Some(&NAP)) {
        Ok(()) | Err(rustix::io::Errno::AGAIN | rustix::io::Errno::TIMEDOUT) => Ok(()),
        Err(e) => Err(Errno::from_raw(e.raw_os_error())),
    }
}

/// Wakes every process sleeping on `word`.
pub fn wake_all(word: &AtomicU32) {
    // The count is an int to the kernel: i32::MAX is "all" (u32::MAX would be -1, one).
    // FUTEX_WAKE fails only for a bad address, which a reference cannot be.
    let _ = futex::wake(word, Flags::empty(), i32::MAX.unsigned_abs());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    #[test]
    fn wait_returns_when_the_value_differs_or_on_a_wake() {
        let w = AtomicU32::new(5);
        wait(&w, 4).unwrap();
        let w = std::sync::Arc::new(AtomicU32::new(0));
        let sleeper = {
            let w = w.clone();
            std::thread::spawn(move || {
                while w.load(Ordering::Acquire) == 0 {
                    wait(&w, 0).unwrap();
                }
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(10));
        w.store(1, Ordering::Release);
        wake_all(&w);
        sleeper.join().unwrap();
    }
}
