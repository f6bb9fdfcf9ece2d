//! `--maps` (lesson 000 §1): the writer and the reader each show where the memory sits in
//! their own address space, from their own /proc/self/maps: between the [heap] and the
//! [stack] lines, on a shared (`s`) line naming what backs it, in whole pages; two
//! processes at their own addresses reading the same bytes.

mod common;

use common::{program, stdout_of};
use ipc_support::maps::{Region, page_size};
use ipc_support::unique::{unique_key, unique_name};
use ipc_support::{Cleanup, ObjectName};
use ipc_testkit::{SysvKind, key_in_use, remove_sysv_key_on_drop, shm_exists};

/// What one `--maps` report says: the heap's, the mapping's and the stack's lines, and the
/// address the call returned.
struct Seen {
    heap: Region,
    own: Region,
    stack: Region,
    returned: usize,
}

fn seen(out: &str, call: &str) -> Seen {
    let region = |pick: &dyn Fn(&str) -> bool| {
        let line = out
            .lines()
            .find(|l| pick(l))
            .unwrap_or_else(|| panic!("no such line in:\n{out}"));
        Region::parse(line.split(" ← ").next().unwrap().trim()).unwrap()
    };
    let marker = format!("{call} returned 0x");
    let returned = out
        .split(marker.as_str())
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|hex| usize::from_str_radix(hex, 16).ok())
        .unwrap_or_else(|| panic!("no '{marker}' in:\n{out}"));
    Seen {
        heap: region(&|l| l.trim_end().ends_with("[heap]")),
        own: region(&|l| l.contains(" ← ")),
        stack: region(&|l| l.trim_end().ends_with("[stack]")),
        returned,
    }
}

/// With address-space randomisation on (the default), two programs map the same memory at
/// addresses of their own; with it off, the same layout may give the same address.
fn randomised() -> bool {
    std::fs::read_to_string("/proc/sys/kernel/randomize_va_space").is_ok_and(|v| v.trim() != "0")
}

fn check_placement(s: &Seen, path: &str, perms: &str) {
    assert!(
        s.heap.end <= s.own.start && s.own.end <= s.stack.start,
        "not between heap and stack"
    );
    assert_eq!(
        s.own.start, s.returned,
        "the line starts at the returned address"
    );
    assert_eq!(s.own.path, path);
    assert_eq!(s.own.perms, perms);
    assert_eq!(s.own.len(), page_size(), "one whole page");
}

#[test]
fn sysv_segment_between_heap_and_stack_in_both_processes() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let k = key.to_string();
    let text = "seen at two addresses";
    let w = program("sysv-writer")
        .args(["--key", &k, "--message", text, "--maps"])
        .assert()
        .success();
    let writer = stdout_of(w.get_output());
    let r = program("sysv-reader")
        .args(["--key", &k, "--maps"])
        .assert()
        .success();
    let reader = stdout_of(r.get_output());
    let raw = u32::from_ne_bytes(key.raw().to_ne_bytes());
    let path = format!("/SYSV{raw:08x} (deleted)");
    let (ws, rs) = (seen(&writer, "shmat"), seen(&reader, "shmat"));
    check_placement(&ws, &path, "rw-s");
    check_placement(&rs, &path, "r--s");
    // 1024 bytes asked for by the lesson's size, a whole page mapped.
    assert!(
        writer.contains(&format!(
            "1024 bytes asked for, {} bytes mapped",
            page_size()
        )),
        "{writer}"
    );
    assert!(reader.contains(&format!("Data read from memory: {text}\n")));
    if randomised() {
        assert_ne!(ws.returned, rs.returned, "the same bytes at two addresses");
    }
    assert!(!key_in_use(SysvKind::SharedMemory, key));
}

#[test]
fn posix_object_between_heap_and_stack_in_both_processes() {
    let name = ObjectName::parse_shm(&unique_name("maps")).unwrap();
    let _rm = Cleanup::shm(&name);
    let text = "one object, two mappings";
    let w = program("posix-writer")
        .args(["--name", name.bare(), "--message", text, "--maps"])
        .assert()
        .success();
    let writer = stdout_of(w.get_output());
    let r = program("posix-reader")
        .args(["--name", name.bare(), "--maps"])
        .assert()
        .success();
    let reader = stdout_of(r.get_output());
    let (ws, rs) = (seen(&writer, "mmap"), seen(&reader, "mmap"));
    check_placement(&ws, &name.fs_path(), "rw-s");
    check_placement(&rs, &name.fs_path(), "r--s");
    assert!(
        writer.contains(&format!(
            "100 bytes asked for, {} bytes mapped",
            page_size()
        )),
        "{writer}"
    );
    assert!(reader.contains(&format!("Read data: {text}\n")));
    if randomised() {
        assert_ne!(ws.returned, rs.returned, "the same bytes at two addresses");
    }
    assert!(!shm_exists(&name));
}
