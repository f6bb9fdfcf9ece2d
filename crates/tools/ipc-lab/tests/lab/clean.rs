//! `ipc-lab clean`: removes exactly the selected objects, prints each one, and refuses to
//! run without a selector.

use crate::objects_support::*;
use assert_cmd::cargo::cargo_bin_cmd;
use ipc_lab::objects::ObjectKind;
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, ObjectName};
use ipc_testkit::{SysvKind, key_in_use, shm_exists};
use nix::mqueue::{MQ_OFlag, MqAttr, mq_close, mq_open};
use nix::sys::stat::Mode;
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn no_selector_is_a_usage_error_and_removes_nothing() {
    let (name, _g) = posix_shm("clean-none", 10);
    cargo_bin_cmd!("ipc-lab")
        .arg("clean")
        .assert()
        .code(2)
        .stderr(contains("--dangling").and(contains("--name")));
    assert!(shm_exists(&name));
}

#[test]
fn name_pattern_removes_the_matching_objects_only() {
    let prefix = unique_name("clean-pat");
    let mk = |suffix: &str| named_posix_shm(&format!("{prefix}-{suffix}"), 8);
    let (a1, _a1) = mk("a1");
    let (a2, _a2) = mk("a2");
    let (b, _b) = mk("b");
    let (other, _other) = posix_shm("clean-other", 8);

    cargo_bin_cmd!("ipc-lab")
        .args(["clean", "--lang", "en", "--name", &format!("{prefix}-a*")])
        .assert()
        .success()
        .stdout(
            contains(format!("removed posix-shm {a1}"))
                .and(contains(format!("removed posix-shm {a2}")))
                .and(contains(b.as_str()).not()),
        );
    let gone = |n: &ObjectName| !shm_exists(n);
    assert!(gone(&a1) && gone(&a2));
    assert!(!gone(&b) && !gone(&other));
}

#[test]
fn sysv_objects_are_selected_by_key() {
    let (key1, _, _g1) = sysv_shm(64);
    let (key2, _, _g2) = sysv_shm(64);
    cargo_bin_cmd!("ipc-lab")
        .args(["clean", "--lang", "en", "--name", &key1])
        .assert()
        .success()
        .stdout(contains(format!("removed sysv-shm {key1}")));
    let in_use = |k: &str| {
        let key = ipc_support::key::parse_key(k).unwrap();
        key_in_use(SysvKind::SharedMemory, key)
    };
    assert!(!in_use(&key1));
    assert!(in_use(&key2));
}

#[test]
fn queues_and_semaphore_sets_are_removed_by_key() {
    let listing = |kind: ObjectKind, id: i32| {
        ls_json()["objects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["kind"] == kind.label() && o["id"] == id)
            .map(|o| o["name"].as_str().unwrap().to_string())
    };
    let (msqid, _q) = ipcmk(ObjectKind::SysvMsg, &["-Q"]);
    let (semid, _s) = ipcmk(ObjectKind::SysvSem, &["-S", "1"]);
    let qkey = listing(ObjectKind::SysvMsg, msqid).unwrap();
    let skey = listing(ObjectKind::SysvSem, semid).unwrap();
    cargo_bin_cmd!("ipc-lab")
        .args(["clean", "--lang", "en", "--name", &qkey, "--name", &skey])
        .assert()
        .success()
        .stdout(
            contains(format!("removed sysv-msg {qkey} (id {msqid})"))
                .and(contains(format!("removed sysv-sem {skey} (id {semid})"))),
        );
    assert!(listing(ObjectKind::SysvMsg, msqid).is_none());
    assert!(listing(ObjectKind::SysvSem, semid).is_none());
}

#[test]
fn dangling_with_a_name_spares_objects_in_use_and_dry_run_removes_nothing() {
    let prefix = unique_name("clean-dang");
    let mk = |suffix: &str| named_posix_shm(&format!("{prefix}-{suffix}"), 4096);
    let (idle, _i) = mk("idle");
    let (busy, _b) = mk("busy");
    let _mapped = map(&busy, 4096);
    let pattern = format!("{prefix}-*");

    cargo_bin_cmd!("ipc-lab")
        .args([
            "clean",
            "--lang",
            "en",
            "--dry-run",
            "--dangling",
            "--name",
            &pattern,
        ])
        .assert()
        .success()
        .stdout(
            contains(format!("would remove posix-shm {idle}")).and(contains(busy.as_str()).not()),
        );
    assert!(
        exists(ObjectKind::PosixShm, idle.as_str()),
        "dry run removed it"
    );

    cargo_bin_cmd!("ipc-lab")
        .args(["clean", "--lang", "en", "--dangling", "--name", &pattern])
        .assert()
        .success()
        .stdout(contains(format!("removed posix-shm {idle}")).and(contains(busy.as_str()).not()));
    assert!(!shm_exists(&idle));
    assert!(shm_exists(&busy));
}

#[test]
fn a_pattern_that_matches_nothing_says_so() {
    cargo_bin_cmd!("ipc-lab")
        .args([
            "clean",
            "--lang",
            "en",
            "--name",
            &unique_name("no-such-object"),
        ])
        .assert()
        .success()
        .stdout(contains("Nothing matches"));
}

#[test]
fn named_semaphores_are_removed_by_name() {
    let (sem, _g1) = sem_file("clean-sem");
    let (other, _g2) = sem_file("clean-sem-other");
    cargo_bin_cmd!("ipc-lab")
        .args(["clean", "--lang", "en", "--name", &sem])
        .assert()
        .success()
        .stdout(contains(format!("removed posix-sem {sem}")));
    assert!(!exists(ObjectKind::PosixSem, &sem));
    assert!(exists(ObjectKind::PosixSem, &other));
}

#[test]
fn a_queue_named_exactly_is_removed_even_when_queues_cannot_be_listed() {
    let name = ObjectName::parse_mq(&format!("/{}", unique_name("clean-mq"))).unwrap();
    let flags = MQ_OFlag::O_CREAT | MQ_OFlag::O_RDWR;
    let attr = MqAttr::new(0, 4, 128, 0);
    let queue = mq_open(
        name.as_str(),
        flags,
        Mode::S_IRUSR | Mode::S_IWUSR,
        Some(&attr),
    )
    .unwrap();
    let _guard = Cleanup::mq(&name);
    mq_close(queue).unwrap();

    cargo_bin_cmd!("ipc-lab")
        .args([
            "clean",
            "--lang",
            "en",
            "--dry-run",
            "--name",
            name.as_str(),
        ])
        .assert()
        .success()
        .stdout(contains(format!("would remove posix-mq {name}")));
    assert!(ipc_support::mq::exists(&name));

    cargo_bin_cmd!("ipc-lab")
        .args(["clean", "--lang", "en", "--name", &name.as_str()[1..]])
        .assert()
        .success()
        .stdout(contains(format!("removed posix-mq {name}")));
    assert!(!ipc_support::mq::exists(&name));
}

#[test]
fn a_usage_error_points_to_the_subcommands_help() {
    let run = cargo_bin_cmd!("ipc-lab").arg("clean").assert().code(2);
    let err = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(err.starts_with("ipc-lab clean: "), "{err}");
    assert!(
        err.trim_end().ends_with("(see ipc-lab clean --help)"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}
