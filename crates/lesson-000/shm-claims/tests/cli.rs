//! shm-claims as a user runs it: each claim of lesson 000 shown by what the kernel reports
//! (shm_nattch, IPC_STAT, /dev/shm, /proc/self/maps, Shmem), and nothing left behind.

use assert_cmd::cargo::cargo_bin_cmd;
use ipc_testkit::{Ran, assert_usage_errors};

fn run(args: &[&str]) -> Ran {
    cargo_bin_cmd!("shm-claims")
        .env("IPC_LAB_LANG", "en")
        .args(args)
        .output()
        .unwrap()
        .into()
}

/// The segment ids the kernel lists now (second column of /proc/sysvipc/shm).
fn segment_ids() -> Vec<i32> {
    std::fs::read_to_string("/proc/sysvipc/shm")
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1)?.parse().ok())
        .collect()
}

/// The number right after `before` in `text`.
fn number_after(text: &str, before: &str) -> i64 {
    let rest = text
        .split(before)
        .nth(1)
        .unwrap_or_else(|| panic!("no '{before}' in:\n{text}"));
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-' || *c == '+')
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number after '{before}' in:\n{text}"))
}

#[test]
fn every_reader_of_the_segment_reads_the_text_and_one_of_the_fifo() {
    let text = "read me, all of you";
    let out = run(&["readers", "--readers", "4", "--message", text]);
    assert_eq!(out.code, 0, "{out:?}");
    let s = &out.stdout;
    assert!(s.contains("shm_nattch = 4:"), "{s}");
    assert_eq!(s.matches(&format!(") read: {text}\n")).count(), 4, "{s}");
    assert!(
        s.contains("after 4 reads the text is still in the segment"),
        "{s}"
    );
    let fifo_reads = s
        .matches(&format!("read {} bytes: {text}\n", text.len()))
        .count();
    let fifo_eofs = s.matches("read 0 bytes (end of file)").count();
    assert_eq!((fifo_reads, fifo_eofs), (1, 3), "{s}");
    assert!(s.contains("FIFO: 1/4 readers got the text"), "{s}");
    // Nothing left: the segment (IPC_PRIVATE, found by its id) and the FIFO's folder.
    let shmid = number_after(s, "shmid");
    assert!(!segment_ids().contains(&i32::try_from(shmid).unwrap()));
    let fifo = s.split("FIFO ").nth(1).unwrap().split(':').next().unwrap();
    assert!(fifo.ends_with("/fifo"), "{fifo}");
    let dir = std::path::Path::new(fifo).parent().unwrap();
    assert!(!dir.exists(), "{} left behind", dir.display());
}

#[test]
fn ipc_rmid_while_attached_frees_the_key_and_keeps_the_memory_until_shmdt() {
    let out = run(&["rmid"]);
    assert_eq!(out.code, 0, "{out:?}");
    let s = &out.stdout;
    let lines: Vec<&str> = s.lines().collect();
    let after = |prefix: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line '{prefix}' in:\n{s}"))
            .to_string()
    };
    let attached = after("after shmat:");
    assert!(attached.contains("shm_nattch 1, status -"), "{attached}");
    let removed = after("after IPC_RMID:");
    assert!(
        removed.contains("key 0x00000000") && removed.contains("shm_nattch 1, status dest"),
        "{removed}"
    );
    assert!(s.contains("now fails: ENOENT"), "{s}");
    assert!(after("/proc/self/maps:").ends_with(" (deleted)"), "{s}");
    assert!(s.contains("mapping: still here after IPC_RMID"), "{s}");
    assert!(s.contains("IPC_STAT): EINVAL: the segment is gone"), "{s}");
    let shmid = number_after(s, "shmctl(");
    assert!(!segment_ids().contains(&i32::try_from(shmid).unwrap()));
}

#[test]
fn shm_unlink_while_mapped_empties_dev_shm_and_keeps_the_memory_until_munmap() {
    let out = run(&["unlink"]);
    assert_eq!(out.code, 0, "{out:?}");
    let s = &out.stdout;
    let path = s
        .split("ls /dev/shm: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    assert!(path.starts_with("/dev/shm/shm-claims-"), "{path}");
    assert!(s.contains(&format!("{path} is there\n")), "{s}");
    assert!(
        s.contains(&format!("{path} is not there any more\n")),
        "{s}"
    );
    assert!(s.contains("O_RDONLY) now fails: ENOENT"), "{s}");
    assert!(s.contains(&format!("{path} (deleted)\n")), "{s}");
    assert!(s.contains("mapping: still here after shm_unlink"), "{s}");
    assert!(!std::path::Path::new(&path).exists());
}

/// The verdict rests on each object's own count of its pages (exact whatever other
/// processes do); Shmem, the whole machine's, is shown at every step.
#[test]
fn the_objects_own_pages_come_with_touching_and_stay_without_a_mapping() {
    let out = run(&["meminfo", "--size", "8M"]);
    assert_eq!(out.code, 0, "{out:?}");
    let s = &out.stdout;
    assert!(s.contains("/dev/shm is a tmpfs"), "{s}");
    assert!(
        s.contains(
            "the object's own pages (fstat: st_blocks): 0 kB after ftruncate, 8192 kB once \
             touched, 8192 kB with no mapping left"
        ),
        "{s}"
    );
    assert!(
        s.contains(
            "the segment's own pages (rss in /proc/sysvipc/shm): 0 kB after shmget, 8192 kB \
             once touched, 8192 kB after shmdt"
        ),
        "{s}"
    );
    for step in ["mmap + touch", "shm_unlink", "shmat + touch", "IPC_RMID"] {
        assert!(
            s.lines()
                .any(|l| l.trim_start().starts_with(step) && l.contains("Shmem: ")),
            "{step}\n{s}"
        );
    }
}

#[test]
fn usage_errors_are_one_line() {
    assert_usage_errors(
        "shm-claims",
        &[
            (&["readers", "--readers", "1"], "--readers"),
            (&["meminfo", "--size", "10"], "1M to 1G"),
            (&["nothing"], "nothing"),
        ],
        |args| {
            cargo_bin_cmd!("shm-claims")
                .env("IPC_LAB_LANG", "en")
                .args(args)
                .output()
                .unwrap()
        },
    );
}
