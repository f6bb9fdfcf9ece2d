//! Two users on one machine: this test (root) makes the objects, and the programs run as a
//! second user (nobody, uid 65534) who meets them. Every refusal is one line that says whose
//! the object is and what to do; `ipc-lab ls` does not call another user's object in use
//! dangling, and `clean` selects only what it may remove.
//!
//! Acting as another user needs root: an ordinary user's `cargo test` skips these (ignored);
//! run as root with `cargo test --test two_users -- --ignored` (CI does). The test binary's
//! folder must be reachable by uid 65534 (a checkout under /root is not).

mod common;

use std::os::unix::process::CommandExt;
use std::process::Command;

use common::program_path;
use ipc_support::unique::{unique_key, unique_name};
use ipc_support::{Cleanup, ObjectName};
use ipc_sys::ipc::IpcFlags;
use ipc_sys::msg::msgget;
use ipc_testkit::{Ran, error_line, shm_exists};
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

const NOBODY: u32 = 65534;
const ROOT_ONLY: &str =
    "needs root to act as a second user (uid 65534): run as root with --ignored";

/// `PROGRAM ARGS` run as nobody, in English.
fn as_nobody(name: &str, args: &[&str]) -> std::process::Output {
    assert!(nix::unistd::geteuid().is_root(), "{ROOT_ONLY}");
    Command::new(program_path(name))
        .args(args)
        .env("IPC_LAB_LANG", "en")
        .current_dir("/")
        .uid(NOBODY)
        .gid(NOBODY)
        .output()
        .unwrap()
}

fn rw() -> Mode {
    Mode::S_IRUSR | Mode::S_IWUSR
}

/// A POSIX shared-memory object of root's, mode `mode`, holding `text`.
fn roots_shm(prefix: &str, mode: Mode, text: &[u8]) -> (ObjectName, Cleanup) {
    let name = ObjectName::parse_shm(&unique_name(prefix)).unwrap();
    let guard = ipc_testkit::shm::create(&name, 100, text);
    nix::sys::stat::fchmodat(
        nix::fcntl::AT_FDCWD,
        name.fs_path().as_str(),
        mode,
        nix::sys::stat::FchmodatFlags::FollowSymlink,
    )
    .unwrap();
    (name, guard)
}

#[test]
#[ignore = "needs root to act as a second user (uid 65534): run as root with --ignored"]
fn another_users_shared_memory_object_is_named_with_its_owner() {
    let (name, _rm) = roots_shm("two-users-shm", rw(), b"root's\0");
    let line = error_line(
        &as_nobody(
            "posix-writer",
            &["--name", name.as_str(), "--message", "mine"],
        ),
        1,
    );
    assert!(
        line.starts_with(&format!(
            "posix-writer: shm_open({name}, O_RDWR|O_CREAT, 0600): EACCES (Permission denied) — "
        )),
        "{line}"
    );
    assert!(
        line.ends_with(&format!(
            "— {name} exists and belongs to root (uid 0, mode 0600): choose another name, e.g. {name}-nobody"
        )),
        "{line}"
    );

    // Readable by all (0644): nobody reads it, and may not remove it.
    let (name, _rm) = roots_shm(
        "two-users-shm-644",
        Mode::from_bits_truncate(0o644),
        b"shared\0",
    );
    let out = as_nobody("posix-reader", &["--name", name.as_str()]);
    let ran = Ran::from(out.clone());
    assert!(ran.stdout.contains("Read data: shared\n"), "{ran:?}");
    let line = error_line(&out, 1);
    assert!(
        line.ends_with(&format!(
            "— {name} belongs to root (uid 0): only its owner, its creator or root may remove it"
        )),
        "{line}"
    );
    assert!(shm_exists(&name));
}

#[test]
#[ignore = "needs root to act as a second user (uid 65534): run as root with --ignored"]
fn another_users_semaphore_and_queue_are_named_with_their_owner_or_the_likely_cause() {
    let sem = ObjectName::parse_sem(&unique_name("two-users-sem")).unwrap();
    let s = ipc_sys::semaphore::sem_open(sem.as_str(), OFlag::O_CREAT | OFlag::O_EXCL, rw(), 0)
        .unwrap();
    let _rm_sem = Cleanup::sem(&sem);
    let line = error_line(&as_nobody("sem-demos", &["post", sem.as_str()]), 1);
    assert!(
        line.contains(&format!(
            "— {sem} exists and belongs to root (uid 0, mode 0600): choose another name, e.g. {sem}-nobody"
        )),
        "{line}"
    );
    drop(s);

    let queue = ObjectName::parse_mq(&format!("/{}", unique_name("two-users-mq"))).unwrap();
    let attr = nix::mqueue::MqAttr::new(0, 2, 64, 0);
    let flags = nix::mqueue::MQ_OFlag::O_CREAT | nix::mqueue::MQ_OFlag::O_RDWR;
    let q = nix::mqueue::mq_open(queue.as_str(), flags, rw(), Some(&attr)).unwrap();
    let _rm_q = Cleanup::mq(&queue);
    let line = error_line(&as_nobody("posix-mq", &["send", queue.as_str(), "hi"]), 1);
    // Its owner shows only through an mqueue mount.
    let expected = if ipc_support::mq::mqueue_mounted() {
        format!(
            "— {queue} exists and belongs to root (uid 0, mode 0600): choose another name, e.g. {queue}-nobody"
        )
    } else {
        format!(
            "— {queue} exists but its mode does not let you use it this way; it is most likely another user's (ipc-lab ls shows the owners): choose another name, e.g. {queue}-nobody"
        )
    };
    assert!(line.ends_with(&expected), "{line}");
    nix::mqueue::mq_close(q).unwrap();
}

#[test]
#[ignore = "needs root to act as a second user (uid 65534): run as root with --ignored"]
fn another_users_system_v_objects_are_named_with_their_owner() {
    let key = unique_key();
    ipc_testkit::sysv::create_segment(key, 1024);
    let _rm = ipc_testkit::remove_sysv_key_on_drop(key);
    let line = error_line(
        &as_nobody(
            "sysv-writer",
            &["--key", &key.to_string(), "--message", "mine"],
        ),
        1,
    );
    assert!(
        line.ends_with(&format!(
            "— key {key} is in use by root (uid 0, mode 0600): choose another key (--key, or --path to a file of your own for ftok)"
        )),
        "{line}"
    );

    let key = unique_key();
    let id = msgget(
        key,
        IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL,
        Mode::from_bits_truncate(0o644),
    )
    .unwrap();
    let _rm_q = Cleanup::sysv_msg(id);
    let line = error_line(
        &as_nobody("sysv-msg", &["rm", "--key", &key.to_string()]),
        1,
    );
    assert!(
        line.starts_with(&format!(
            "sysv-msg: msgctl({id}, IPC_RMID): EPERM (Operation not permitted) — "
        )),
        "{line}"
    );
    assert!(
        line.ends_with(&format!(
            "— key {key} belongs to root (uid 0): only its owner, its creator or root may remove it"
        )),
        "{line}"
    );
}

/// Root's object, mapped by this (root's) process: nobody cannot see who maps it, so it is
/// "unknown (not yours)", never dangling; `clean` names it and leaves it, dry run or not.
#[test]
#[ignore = "needs root to act as a second user (uid 65534): run as root with --ignored"]
fn ls_and_clean_leave_another_users_objects_alone() {
    let (name, _rm) = roots_shm("two-users-ls", rw(), b"in use\0");
    let fd = nix::sys::mman::shm_open(name.as_str(), OFlag::O_RDONLY, Mode::empty()).unwrap();
    let _map = ipc_sys::mman::mmap(
        100,
        nix::sys::mman::ProtFlags::PROT_READ,
        nix::sys::mman::MapFlags::MAP_SHARED,
        &fd,
        0,
    )
    .unwrap();
    let out = as_nobody("ipc-lab", &["ls", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let me = all["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name.as_str())
        .expect("listed");
    assert_eq!(
        (&me["users_known"], &me["dangling"]),
        (&false.into(), &false.into()),
        "{me}"
    );
    let table = Ran::from(as_nobody("ipc-lab", &["ls"]));
    let row = table
        .stdout
        .lines()
        .find(|l| l.contains(name.as_str()))
        .unwrap();
    assert!(row.ends_with("unknown (not yours)"), "{row}");

    for dry in [true, false] {
        let mut args = vec!["clean", "--name", name.as_str()];
        if dry {
            args.push("--dry-run");
        }
        let ran = Ran::from(as_nobody("ipc-lab", &args));
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(
            ran.stdout,
            format!(
                "skipped posix-shm {name}: it belongs to root (uid 0), and only its owner, its creator or root may remove it\nNothing matches: no object removed.\n"
            ),
            "dry run {dry}"
        );
        assert!(shm_exists(&name));
    }
}
