//! Shared by the `ls` and `clean` tests: make one IPC object of each kind (each removed by a
//! guard, even when the test fails), and read `ipc-lab ls --json`.
#![allow(dead_code)]

use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;
use ipc_lab::objects::{ObjectKind, remove_sysv};
use ipc_support::unique::{unique_key, unique_name};
use ipc_support::{Cleanup, ObjectName};
use ipc_sys::mman::Mapping;
use ipc_testkit::sysv::create_segment;
use serde_json::Value;

/// A System V segment of `size` bytes, mode 0600; returns its key in hex and its id.
pub fn sysv_shm(size: usize) -> (String, i32, Cleanup) {
    let key = unique_key();
    let id = create_segment(key, size);
    (key.to_string(), id, Cleanup::sysv_shm(id))
}

/// `ipcmk ARGS -p 0600`: a System V queue (`-Q`) or semaphore set (`-S N`); returns its id.
pub fn ipcmk(kind: ObjectKind, args: &[&str]) -> (i32, Cleanup) {
    let out = Command::new("ipcmk")
        .args(args)
        .args(["-p", "0600"])
        .output()
        .expect("ipcmk (util-linux) runs");
    assert!(out.status.success(), "ipcmk {args:?}: {out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    let id: i32 = text
        .rsplit(':')
        .next()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| panic!("no id in ipcmk's output: {text}"));
    let guard = Cleanup::new(format!("{} {id}", kind.label()), move || {
        remove_sysv(kind, id)
    });
    (id, guard)
}

/// A POSIX shared-memory object of `size` bytes, mode 0600, closed again (nothing uses it).
pub fn posix_shm(prefix: &str, size: u64) -> (ObjectName, Cleanup) {
    named_posix_shm(&unique_name(prefix), size)
}

/// As `posix_shm`, with exactly this name (tests that match several names by a pattern).
pub fn named_posix_shm(name: &str, size: u64) -> (ObjectName, Cleanup) {
    let name = ObjectName::parse_shm(name).unwrap();
    let guard = ipc_testkit::shm::create(&name, usize::try_from(size).unwrap(), &[]);
    (name, guard)
}

/// Maps `name` shared into this process, so the object is in use while the mapping lives.
pub fn map(name: &ObjectName, len: usize) -> Mapping {
    ipc_testkit::shm::map(name, len)
}

/// The file glibc makes for the named semaphore `/NAME`: `/dev/shm/sem.NAME`, 32 bytes.
pub fn sem_file(prefix: &str) -> (String, Cleanup) {
    let bare = unique_name(prefix);
    let path = format!("/dev/shm/sem.{bare}");
    std::fs::write(&path, [0u8; 32]).expect("write the semaphore file");
    let p = path.clone();
    let guard = Cleanup::new(path.clone(), move || {
        let _ = std::fs::remove_file(&p);
        Ok(())
    });
    (format!("/{bare}"), guard)
}

/// `ipc-lab ls --json`, parsed.
pub fn ls_json() -> Value {
    let out = cargo_bin_cmd!("ipc-lab")
        .args(["ls", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("ls --json prints JSON")
}

/// The object of `kind` called `name` in a `ls --json` listing.
pub fn find<'a>(listing: &'a Value, kind: ObjectKind, name: &str) -> Option<&'a Value> {
    listing["objects"]
        .as_array()?
        .iter()
        .find(|o| o["kind"] == kind.label() && o["name"] == name)
}

/// True when an object of `kind` called `name` exists now.
pub fn exists(kind: ObjectKind, name: &str) -> bool {
    find(&ls_json(), kind, name).is_some()
}
