//! What the tests of ipc-bench share.

use std::collections::BTreeSet;

/// Everything a run could leave: System V queues, /dev/shm entries, FIFOs in the temp dir.
pub fn leftovers() -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    if let Ok(text) = std::fs::read_to_string("/proc/sysvipc/msg") {
        for line in text.lines().skip(1) {
            if let Some(id) = line.split_whitespace().nth(1) {
                set.insert(format!("msqid {id}"));
            }
        }
    }
    for dir in ["/dev/shm".into(), std::env::temp_dir()] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.contains("ipc-bench") {
                    set.insert(format!("{}/{name}", dir.display()));
                }
            }
        }
    }
    set
}
