//! Byte compatibility with the lesson's C programs, in all four directions: our writer to a
//! C reader and a C writer to our reader, for the System V and the POSIX pair. The C peers
//! (tests/c/*.c) keep the lesson's conventions: ftok("./shmfile", 65) and 1024 bytes;
//! shm_open("tho_mmap") and 100 bytes; NUL-terminated text at offset 0.
//!
//! Those names are fixed, so these tests hold the fixed-names lock, and each runs in its own
//! directory with its own ./shmfile.

mod common;

use common::{c_peer, program};
use ipc_support::{Cleanup, ObjectName};
use ipc_sys::ipc::ftok;
use ipc_testkit::{
    ScratchDir, SysvKind, key_in_use, lock_fixed_names, remove_sysv_key_on_drop, shm_exists,
};
use predicates::prelude::*;

fn tho_mmap() -> ObjectName {
    ObjectName::parse_shm("tho_mmap").unwrap()
}

#[test]
fn our_sysv_writer_to_the_c_reader() {
    let _lock = lock_fixed_names();
    let dir = ScratchDir::with_shmfile("e2e-sysv-to-c");
    let key = ftok(&dir.join("shmfile"), 65).unwrap();
    let _rm = remove_sysv_key_on_drop(key);
    program("sysv-writer")
        .current_dir(dir.path())
        .args(["--message", "from Rust to C"])
        .assert()
        .success();
    c_peer("sysv_reader")
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout("Data read from memory: from Rust to C\n");
    assert!(!key_in_use(SysvKind::SharedMemory, key));
}

#[test]
fn the_c_sysv_writer_to_our_reader() {
    let _lock = lock_fixed_names();
    let dir = ScratchDir::with_shmfile("e2e-c-to-sysv");
    let key = ftok(&dir.join("shmfile"), 65).unwrap();
    let _rm = remove_sysv_key_on_drop(key);
    c_peer("sysv_writer")
        .current_dir(dir.path())
        .arg("from C to Rust")
        .assert()
        .success();
    program("sysv-reader")
        .current_dir(dir.path())
        .arg("--stat")
        .assert()
        .success()
        .stdout(predicate::str::contains("shm_segsz   1024 bytes"))
        .stdout(predicate::str::contains(
            "Data read from memory: from C to Rust\n",
        ))
        .stderr("");
    assert!(!key_in_use(SysvKind::SharedMemory, key));
}

#[test]
fn our_posix_writer_to_the_c_reader() {
    let _lock = lock_fixed_names();
    let _rm = Cleanup::shm(&tho_mmap());
    // The lesson's own name, which the C programs use (ours default to a per-user one).
    program("posix-writer")
        .args(["--name", "tho_mmap", "--message", "from Rust to C"])
        .assert()
        .success();
    // The C reader checks with fstat that the object has the lesson's 100 bytes.
    c_peer("posix_reader")
        .assert()
        .success()
        .stdout("Read data: from Rust to C\n");
    assert!(!shm_exists(&tho_mmap()));
}

#[test]
fn the_c_posix_writer_to_our_reader() {
    let _lock = lock_fixed_names();
    let _rm = Cleanup::shm(&tho_mmap());
    c_peer("posix_writer")
        .arg("from C to Rust")
        .assert()
        .success();
    program("posix-reader")
        .args(["--name", "tho_mmap"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Read data: from C to Rust\n"))
        .stderr("");
    assert!(!shm_exists(&tho_mmap()));
}
