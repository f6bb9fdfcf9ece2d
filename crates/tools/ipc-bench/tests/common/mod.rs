//! What the tests of ipc-bench share.

use std::collections::BTreeSet;
use std::os::unix::fs::MetadataExt;

/// True while a process with this pid exists (0 is nobody).
fn alive(pid: u32) -> bool {
    pid != 0 && std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Everything a run could leave: System V queues, /dev/shm entries, FIFOs in the temp dir —
/// but only what is ours and abandoned, so that another suite running beside this one
/// (another user's, or ours) is not taken for a leak of this test: objects of our uid whose
/// processes are all gone (a queue's last sender and receiver; the pid in a name made by
/// `unique_name`, `PREFIX-PID-N-XXXXX`).
pub fn leftovers() -> BTreeSet<String> {
    let me = nix::unistd::geteuid().as_raw();
    let mut set = BTreeSet::new();
    if let Ok(text) = std::fs::read_to_string("/proc/sysvipc/msg") {
        // key msqid perms cbytes qnum lspid lrpid uid gid cuid …
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            let num = |i: usize| f.get(i).and_then(|v| v.parse::<u32>().ok());
            if num(9) == Some(me) && !num(5).is_some_and(alive) && !num(6).is_some_and(alive) {
                set.insert(format!("msqid {}", f[1]));
            }
        }
    }
    for dir in ["/dev/shm".into(), std::env::temp_dir()] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let Some((_, rest)) = name.split_once("ipc-bench") else {
                    continue;
                };
                let ours = e.metadata().is_ok_and(|m| m.uid() == me);
                // The first number between dashes (`-PID-`, or `-PID.svg`: a test's chart).
                let maker = rest
                    .split('-')
                    .find_map(|part| part.split('.').next()?.parse::<u32>().ok())
                    .unwrap_or(0);
                if ours && !alive(maker) {
                    set.insert(format!("{}/{name}", dir.display()));
                }
            }
        }
    }
    set
}

/// Fails unless every abandoned object found now was already there in `before`. A test of
/// this file running beside it may have an object between its maker's end and its removal
/// (a run killed by Ctrl-C, whose parent removes it a moment later): what is left for good
/// is still there after two seconds, so the check waits that long before it fails.
pub fn assert_nothing_new_left(before: &BTreeSet<String>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        let new: Vec<String> = leftovers().difference(before).cloned().collect();
        if new.is_empty() {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "objects left behind: {new:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
