//! `ipc-lab autograder gradescope`: the folder it writes holds no solution, and run for
//! real, as Gradescope does, it grades. The end-to-end test builds an /autograder layout in
//! a private mount namespace (a tmpfs root with the system bound in, entered by chroot), so
//! nothing is created under the host's /; it runs setup.sh, then run_autograder on four
//! finished exercises beside two stubs, on the stubs alone and on uploads with no exercise in
//! them, and reads results.json.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::grading_support::*;
use serde_json::Value;

fn autograder_into(dir: &Path) -> std::process::Output {
    ipc_lab(&[
        "autograder",
        "gradescope",
        "--output",
        dir.to_str().unwrap(),
    ])
}

fn generate(label: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(label);
    let out = autograder_into(&dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir
}

/// Every file below `dir`, relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().unwrap() != "target" {
                    todo.push(path);
                }
            } else {
                found.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    found
}

#[test]
fn the_autograder_holds_no_solution() {
    let dir = generate("gradescope-contents");
    let all = files(&dir);
    for name in [
        "setup.sh",
        "run_autograder",
        "README.md",
        "course/Cargo.toml",
        "course/Cargo.lock",
    ] {
        assert!(
            all.contains(&PathBuf::from(name)),
            "{name} missing: {all:?}"
        );
    }
    let solutions: Vec<String> = ALL
        .iter()
        .map(|n| std::fs::read_to_string(root().join(format!("solutions/{n}.rs"))).unwrap())
        .collect();
    for file in &all {
        // Neither the solutions nor the grader's own tests (which quote pieces of them).
        assert!(
            !file.components().any(|c| c.as_os_str() == "solutions")
                && !file.starts_with("course/crates/tools/ipc-lab/tests"),
            "{}",
            file.display()
        );
        let Ok(content) = std::fs::read_to_string(dir.join(file)) else {
            continue;
        };
        for s in &solutions {
            assert!(
                !content.contains(s.trim()),
                "{} holds a solution",
                file.display()
            );
        }
    }
    let manifest = std::fs::read_to_string(dir.join("course/Cargo.toml")).unwrap();
    assert!(!manifest.contains("_sol\""), "{manifest}");
    assert!(
        manifest.contains("path = \"exercises/ex06.rs\""),
        "{manifest}"
    );
    // Both scripts run as programs; the README says how to zip it.
    for script in ["setup.sh", "run_autograder"] {
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(dir.join(script)).unwrap().permissions(),
        );
        assert_eq!(mode & 0o111, 0o111, "{script}");
        let syntax = Command::new("bash")
            .arg("-n")
            .arg(dir.join(script))
            .output()
            .unwrap();
        assert!(
            syntax.status.success(),
            "{script}: {}",
            text(&syntax.stderr)
        );
    }
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("zip -r ../ipc-lab-autograder.zip setup.sh run_autograder course"));

    // Generating again replaces it; a folder that is something else is refused.
    std::fs::write(dir.join("course/stale.txt"), "from before").unwrap();
    generate("gradescope-contents");
    assert!(!dir.join("course/stale.txt").exists());
    let out = autograder_into(&root());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("is not an autograder written by ipc-lab"));
}

/// The script run inside the namespace: builds the root, then, chrooted into it, runs
/// setup.sh once and run_autograder on each submission, copying each results.json out.
const IN_NAMESPACE: &str = r#"
set -euo pipefail
R="$NEWROOT"
mount -t tmpfs -o mode=755 tmpfs "$R"
for d in bin sbin lib lib32 lib64 libx32 usr etc opt; do
    if [ -L "/$d" ]; then ln -s "$(readlink "/$d")" "$R/$d"
    elif [ -d "/$d" ]; then mkdir "$R/$d"; mount --rbind "/$d" "$R/$d"; fi
done
for d in dev proc sys root home; do
    if [ -d "/$d" ]; then mkdir "$R/$d"; mount --rbind "/$d" "$R/$d"; fi
done
mkdir -m 1777 "$R/tmp"
mkdir -p "$R/autograder/source" "$R/autograder/submission" "$R/autograder/results" "$R/out" "$R/uploads"
mount --bind "$GENERATED" "$R/autograder/source"
mount --bind "$TARGET_CACHE" "$R/autograder/source/course/target"
mount --bind "$OUT" "$R/out"
mount --bind "$UPLOADS" "$R/uploads"
cp "$GENERATED/run_autograder" "$R/autograder/run_autograder"
exec "$(command -v chroot || echo /usr/sbin/chroot)" "$R" /usr/bin/env -i HOME="$HOME" PATH="$PATH" ${RUSTUP_HOME:+RUSTUP_HOME="$RUSTUP_HOME"} ${CARGO_HOME:+CARGO_HOME="$CARGO_HOME"} /bin/bash -c '
    set -euo pipefail
    [ ! -e /autograder/results/results.json ]
    cd /autograder/source && bash ./setup.sh >&2
    for upload in /uploads/*; do
        rm -rf /autograder/submission/* /autograder/results/*
        cp -r "$upload"/. /autograder/submission/
        cd /autograder && ./run_autograder >&2
        cp /autograder/results/results.json "/out/$(basename "$upload").json"
    done
'
"#;

#[test]
fn run_autograder_grades_a_real_autograder_layout() {
    let generated = generate("gradescope-e2e/autograder");
    let work = generated.parent().unwrap().to_path_buf();
    // The course's build, kept across test runs so only the first one compiles everything.
    let target_cache = work.join("target-cache");
    std::fs::create_dir_all(&target_cache).unwrap();
    std::fs::create_dir_all(generated.join("course/target")).unwrap();
    let newroot = work.join("root");
    std::fs::create_dir_all(&newroot).unwrap();
    let out = work.join("results");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    // The uploads: loose files, four of them finished (ex04 and ex05 are the stubs: the two
    // heavy exercises, graded in full by grade.rs and class.rs), a copy of the repository
    // with the stubs (inside a zipped folder), and uploads with no exercise in them.
    let uploads = work.join("uploads");
    let _ = std::fs::remove_dir_all(&uploads);
    copy_exercises("solutions", FOUR_DONE, &uploads.join("solutions"));
    copy_exercises("exercises", &["ex04", "ex05"], &uploads.join("solutions"));
    copy_exercises(
        "exercises",
        ALL,
        &uploads.join("stubs/ipc-lab-main/exercises"),
    );
    // A folder linked to another upload (a classmate's, seen at /uploads in this layout).
    std::fs::create_dir_all(uploads.join("linked")).unwrap();
    std::os::unix::fs::symlink("/uploads/solutions", uploads.join("linked/work")).unwrap();
    std::fs::create_dir_all(uploads.join("nothing")).unwrap();
    std::fs::write(uploads.join("nothing/report.pdf"), "not code").unwrap();

    let root_user = nix::unistd::geteuid().is_root();
    let mut cmd = Command::new("unshare");
    if !root_user {
        cmd.args(["--user", "--map-root-user"]);
    }
    cmd.args([
        "--mount",
        "--propagation",
        "private",
        "bash",
        "-c",
        IN_NAMESPACE,
    ])
    .env("NEWROOT", &newroot)
    .env("GENERATED", &generated)
    .env("TARGET_CACHE", &target_cache)
    .env("OUT", &out)
    .env("UPLOADS", &uploads);
    let run = run_bounded(&mut cmd, Duration::from_secs(1500));
    let log = text(&run.stderr);
    assert!(
        run.status.success(),
        "the autograder run failed (a mount namespace needs root, or unprivileged user \
         namespaces for {}): {log}",
        if root_user { "root" } else { "this user" }
    );
    // Nothing of the layout reached the host.
    assert!(!Path::new("/autograder").exists());
    assert_eq!(std::fs::read_dir(&newroot).unwrap().count(), 0);

    let results = |name: &str| -> Value {
        let path = out.join(format!("{name}.json"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}\n{log}"));
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"))
    };
    let solutions = results("solutions");
    check_spec(&solutions);
    assert_eq!(solutions["score"], 40.0, "{solutions:#}");
    let tests = solutions["tests"].as_array().unwrap();
    for t in tests {
        let name = t["name"].as_str().unwrap();
        if FOUR_DONE.iter().any(|n| name.starts_with(n)) {
            assert!(
                t["status"] == "passed" && t["score"] == t["max_score"],
                "{t}"
            );
        } else {
            assert!(t["status"] == "failed" && t["score"] == 0.0, "{t}");
            assert!(
                t["output"].as_str().unwrap().contains("not done yet"),
                "{t}"
            );
        }
    }
    let failed = tests.iter().filter(|t| t["status"] == "failed").count();
    assert!(failed > 0, "{solutions:#}");
    let max: f64 = tests.iter().map(|t| t["max_score"].as_f64().unwrap()).sum();
    assert_eq!(max, 60.0);

    let stubs = results("stubs");
    check_spec(&stubs);
    assert_eq!(stubs["score"], 0.0, "{stubs:#}");
    let tests = stubs["tests"].as_array().unwrap();
    assert_eq!(tests.len(), solutions["tests"].as_array().unwrap().len());
    assert!(tests.iter().all(|t| t["status"] == "failed"));
    assert!(
        tests[0]["output"]
            .as_str()
            .unwrap()
            .contains("not done yet")
    );

    let linked = results("linked");
    check_spec(&linked);
    assert_eq!(linked["score"], 0, "{linked:#}");
    assert!(
        linked["output"]
            .as_str()
            .unwrap()
            .contains("holds none of the exercise files"),
        "{linked:#}"
    );

    let nothing = results("nothing");
    check_spec(&nothing);
    assert_eq!(nothing["score"], 0);
    let output = nothing["output"].as_str().unwrap();
    assert!(
        output.starts_with("This submission could not be graded: submission "),
        "{output}"
    );
    assert!(
        output.contains("holds none of the exercise files"),
        "{output}"
    );
}

/// The exercises finished in the upload named `solutions`.
const FOUR_DONE: &[&str] = &["ex01", "ex02", "ex03", "ex06"];

/// The fields Gradescope's results.json specification gives, with their types.
fn check_spec(results: &Value) {
    let object = results.as_object().expect("an object");
    for key in object.keys() {
        assert!(
            ["score", "execution_time", "output", "visibility", "tests"].contains(&key.as_str()),
            "unexpected field {key}"
        );
    }
    assert!(results["score"].is_number());
    assert!(results["output"].is_string());
    assert_eq!(results["visibility"], "visible");
    if let Some(time) = results.get("execution_time") {
        assert!(time.is_u64(), "{time}");
    }
    for t in results["tests"].as_array().expect("tests") {
        assert!(t["name"].is_string() && t["output"].is_string(), "{t}");
        assert!(t["score"].is_number() && t["max_score"].is_number(), "{t}");
        assert!(t["score"].as_f64() <= t["max_score"].as_f64(), "{t}");
        assert!(
            ["passed", "failed"].contains(&t["status"].as_str().unwrap()),
            "{t}"
        );
    }
}
