//! Unique object names and keys, so tests and parallel runs never collide.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use ipc_sys::ipc::SysvKey;

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn nanos() -> u32 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

/// `PREFIX-PID-N-XXXXX`: unique across threads (counter), processes (pid) and runs (clock).
pub fn unique_name(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "{prefix}-{}-{n}-{:05x}",
        std::process::id(),
        nanos() & 0xfffff
    )
}

/// A System V key unlikely to be in use: built from pid, a counter and the clock.
/// Never 0 (IPC_PRIVATE). Create with IPC_EXCL to be certain.
pub fn unique_key() -> SysvKey {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut x = (u64::from(std::process::id()) << 32) ^ (u64::from(n) << 20) ^ u64::from(nanos());
    // splitmix64 finaliser: spreads nearby inputs over the whole range.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    // The low 32 bits of the mix, as key_t's signed 32 bits; 0 would be IPC_PRIVATE.
    let [a, b, c, d, ..] = x.to_le_bytes();
    match i32::from_le_bytes([a, b, c, d]) {
        0 => SysvKey(1),
        key => SysvKey(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keys_differ_each_call() {
        assert_ne!(unique_name("t"), unique_name("t"));
        assert!(unique_name("pre").starts_with(&format!("pre-{}-", std::process::id())));
        assert_ne!(unique_key(), unique_key());
        assert_ne!(unique_key().raw(), 0);
    }
}
