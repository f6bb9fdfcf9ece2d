//! Our writers with our readers: each pair round trip, by unique names (in parallel) and by
//! the lesson's defaults (under the fixed-names lock), as the README shows it.

mod common;

use common::{program, program_path, stdout_of};
use ipc_support::unique::{unique_key, unique_name};
use ipc_support::{Cleanup, ObjectName};
use ipc_sys::ipc::ftok;
use ipc_testkit::{
    ScratchDir, SysvKind, key_in_use, lock_fixed_names, remove_sysv_key_on_drop, shm_exists,
    spawn_until_line,
};
use predicates::prelude::*;

#[test]
fn sysv_round_trip_by_key_with_keep() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let k = key.to_string();
    program("sysv-writer")
        .args(["--key", &k, "--message", "hello, reader"])
        .assert()
        .success();
    for args in [vec!["--key", &k, "--keep"], vec!["--key", &k]] {
        program("sysv-reader")
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "Data read from memory: hello, reader\n",
            ));
    }
    assert!(!key_in_use(SysvKind::SharedMemory, key));
    program("sysv-reader")
        .args(["--key", &k])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("ENOENT"));
}

#[test]
fn sysv_round_trip_with_the_lessons_defaults_and_stdin() {
    let _lock = lock_fixed_names();
    let dir = ScratchDir::with_shmfile("e2e-sysv-defaults");
    let key = ftok(&dir.join("shmfile"), 65).unwrap();
    let _rm = remove_sysv_key_on_drop(key);
    program("sysv-writer")
        .current_dir(dir.path())
        .write_stdin("typed by a student\n")
        .assert()
        .success();
    program("sysv-reader")
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Data read from memory: typed by a student\n",
        ));
    assert!(!key_in_use(SysvKind::SharedMemory, key));
}

#[test]
fn posix_round_trip_by_name_with_keep() {
    let name = ObjectName::parse_shm(&unique_name("e2e-posix")).unwrap();
    let _rm = Cleanup::shm(&name);
    program("posix-writer")
        .args([
            "--name",
            name.bare(),
            "--size",
            "64",
            "--message",
            "hello, reader",
        ])
        .assert()
        .success();
    for keep in [true, false] {
        let mut reader = program("posix-reader");
        reader.args(["--name", name.bare()]);
        if keep {
            reader.arg("--keep");
        }
        reader
            .assert()
            .success()
            .stdout(predicate::str::contains("Read data: hello, reader\n"));
    }
    assert!(!shm_exists(&name));
}

#[test]
fn posix_round_trip_with_the_lessons_defaults() {
    let _lock = lock_fixed_names();
    // The lesson's tho_mmap, made this user's: the default of both programs.
    let name = ipc_support::name::default_shm_name();
    let _rm = Cleanup::shm(&name);
    program("posix-writer")
        .write_stdin("typed by a student\n")
        .assert()
        .success();
    program("posix-reader")
        .assert()
        .success()
        .stdout(predicate::str::contains("Read data: typed by a student\n"));
    assert!(!shm_exists(&name));
}

#[test]
fn waiting_writer_sees_the_reader_remove_the_segment() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let k = key.to_string();
    // assert_cmd waits for the end; the writer must run in the background, so spawn it.
    let (mut child, mut out, _) = spawn_until_line(
        std::process::Command::new(program_path("sysv-writer"))
            .env("IPC_LAB_LANG", "en")
            .args(["--key", &k, "--message", "wait for me"])
            .args(["--wait-reader", "--timeout", "60"]),
        "waiting for a reader",
    );
    let read = program("sysv-reader").args(["--key", &k]).output().unwrap();
    assert!(stdout_of(&read).contains("Data read from memory: wait for me"));
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert!(status.success());
    // Depending on when the writer last looked: after the reader's shmdt, or its IPC_RMID.
    assert!(
        rest.contains("a reader read the segment and removed it")
            || rest.contains("attached and detached"),
        "{rest}"
    );
    assert!(!key_in_use(SysvKind::SharedMemory, key));
}

/// The README's first command, from the workspace root: `touch shmfile && cargo run -p
/// sysv-writer -- --message "hello" && cargo run -p sysv-reader` (with the built programs).
#[test]
fn readme_first_command_works_from_the_workspace_root() {
    let _lock = lock_fixed_names();
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shmfile = root.join("shmfile");
    let made_shmfile = !shmfile.exists();
    let _remove_shmfile = Cleanup::new("shmfile", move || {
        if made_shmfile {
            let _ = std::fs::remove_file(&shmfile);
        }
        Ok(())
    });
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(root.join("shmfile"))
        .unwrap();
    let key = ftok(&root.join("shmfile"), 65).unwrap();
    let _rm = remove_sysv_key_on_drop(key);
    program("sysv-writer")
        .current_dir(&root)
        .args(["--message", "hello"])
        .assert()
        .success();
    program("sysv-reader")
        .current_dir(&root)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Data read from memory: hello\n",
        ));
}
