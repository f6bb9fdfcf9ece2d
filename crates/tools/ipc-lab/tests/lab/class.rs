//! `ipc-lab grade --class`: a folder of submissions graded several at once into a gradebook
//! a spreadsheet can open safely, with one JSON report per submission; copies of the
//! reference solutions all get full marks side by side, and each kind of submission (stub,
//! broken, hanging, not a submission at all, a hostile name) gets the row it deserves.

use std::collections::BTreeMap;
use std::path::Path;

use crate::grading_support::*;
use serde_json::Value;

/// Gradebook rows by submission name (the header checked and left out).
fn rows_by_name(csv_path: &Path) -> BTreeMap<String, Vec<String>> {
    let rows = read_csv(csv_path);
    assert_eq!(
        rows[0],
        [
            "submission",
            "ex01",
            "ex02",
            "ex03",
            "ex04",
            "ex05",
            "ex06",
            "total",
            "status"
        ]
    );
    rows[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), 9, "{r:?}");
            (r[0].clone(), r.clone())
        })
        .collect()
}

fn report(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap()
}

/// No check of the report found an object left behind (the grader's own sweep).
fn assert_nothing_left(grade: &Value) {
    for e in grade["exercises"].as_array().unwrap() {
        for c in e["checks"].as_array().unwrap() {
            let output = c["output"].as_str().unwrap();
            assert!(!output.contains("left behind"), "{}: {output}", e["name"]);
        }
    }
}

#[test]
fn a_hundred_copies_of_the_solutions_all_get_full_marks() {
    let work = fresh_dir("class-copies");
    let class = work.join("class");
    for i in 1..=100 {
        copy_exercises("solutions", &["ex03"], &class.join(format!("s{i:03}")));
    }
    // The reports put where asked, two submissions graded at a time. (All six exercises
    // are graded in class mode by the mixed class below: alice's row.)
    let reports = work.join("ex03-reports");
    let gradebook = work.join("grades.csv");
    let out = grade_class(
        &class,
        &gradebook,
        &[
            "ex03",
            "--reports",
            reports.to_str().unwrap(),
            "--jobs",
            "2",
            "--time-limit",
            "30",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // stderr is not a terminal here: the progress comes as whole lines, ending at 100/100.
    let progress = text(&out.stderr);
    assert!(
        progress.lines().any(|l| l.starts_with("[100/100 ")),
        "{progress}"
    );
    assert!(progress.contains(" grading s0"), "{progress}");
    let rows = rows_by_name(&gradebook);
    assert_eq!(rows.len(), 100);
    for (i, (name, row)) in rows.iter().enumerate() {
        assert_eq!(name, &format!("s{:03}", i + 1));
        assert_eq!(row[1..], ["", "", "10", "", "", "", "10", "ok"], "{row:?}");
        // Its own report, about its own folder, every check passed.
        let grade = report(&reports.join(format!("{name}.json")));
        let dir = class.join(name).canonicalize().unwrap();
        assert_eq!(grade["submission"], dir.to_str().unwrap());
        assert_eq!(grade["score"], 10, "{grade:#}");
        assert_nothing_left(&grade);
    }
    assert!(!work.join("grades-reports").exists());
}

/// `--isolation` holds for every submission of the class, not only for the class's own
/// probe: with `none`, a run sees the host's /dev/shm (here a marker the test made there),
/// and this submission then fails on purpose; with the default it sees its private one.
#[test]
fn the_classs_isolation_is_the_one_every_submission_gets() {
    let work = fresh_dir("class-isolation");
    let class = work.join("class");
    let marker = format!("/dev/shm/ipc-lab-class-isolation-{}", std::process::id());
    let solution = std::fs::read_to_string(root().join("solutions/ex03.rs")).unwrap();
    let source = edited(
        &solution,
        "fn main() -> std::process::ExitCode {",
        &format!(
            "fn main() -> std::process::ExitCode {{\n    \
             if std::path::Path::new(\"{marker}\").exists() {{\n        \
             return std::process::ExitCode::from(3);\n    }}"
        ),
    );
    std::fs::create_dir_all(class.join("peeks")).unwrap();
    std::fs::write(class.join("peeks/ex03.rs"), source).unwrap();
    std::fs::write(&marker, "").unwrap();
    struct Remove(String);
    impl Drop for Remove {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    let _remove = Remove(marker.clone());
    let gradebook = work.join("grades.csv");
    for (isolation, score, says) in [
        ("none", "0", "--isolation none"),
        ("auto", "10", "each run isolated"),
    ] {
        let out = grade_class(&class, &gradebook, &["ex03", "--isolation", isolation]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
        let rows = rows_by_name(&gradebook);
        assert_eq!(rows["peeks"][3], score, "{isolation}: {:?}", rows["peeks"]);
    }
}

#[test]
fn a_mixed_class_gets_one_honest_row_per_submission() {
    let work = fresh_dir("class-mixed");
    let class = work.join("class");
    copy_exercises("solutions", ALL, &class.join("alice"));
    copy_exercises("exercises", ALL, &class.join("bob-stubs"));
    // ex05 does not compile (a missing `;`), and ex04 is not there: two problems, one row.
    // (Only alice is graded on all six: the heavy ex04 and ex05 once, not three times.)
    let carol = class.join("carol");
    copy_exercises(
        "solutions",
        &["ex01", "ex02", "ex03", "ex05", "ex06"],
        &carol,
    );
    let ex05 = std::fs::read_to_string(carol.join("ex05.rs")).unwrap();
    let broken = edited(
        &ex05,
        "let (first, second) = (from.min(to), from.max(to));",
        "let (first, second) = (from.min(to), from.max(to))",
    );
    std::fs::write(carol.join("ex05.rs"), broken).unwrap();
    // A copy of the repository holding two finished exercises and nothing else.
    copy_exercises(
        "solutions",
        &["ex01", "ex03"],
        &class.join("dave/exercises"),
    );
    // ex03 never ends; ex04 and ex05 are not there.
    let erin = class.join("erin");
    copy_exercises("solutions", &["ex01", "ex02", "ex03", "ex06"], &erin);
    std::fs::write(
        erin.join("ex03.rs"),
        "fn main() { loop { std::thread::park(); } }\n",
    )
    .unwrap();
    // Not a submission: notes only, under a name that would break a row.
    std::fs::create_dir_all(class.join("notes\n2")).unwrap();
    std::fs::write(class.join("notes\n2/README.txt"), "nothing to grade\n").unwrap();
    // A name meant to run a formula and to break the row.
    let hostile = "=cmd|'.\\C calc'!A0,\"q\"";
    copy_exercises("solutions", &["ex03"], &class.join(hostile));
    // Neither a file beside the folders nor a hidden folder is a submission.
    std::fs::write(class.join("roster.txt"), "alice\n").unwrap();
    copy_exercises("solutions", &["ex01"], &class.join(".git"));

    let gradebook = work.join("grades.csv");
    let out = grade_class(&class, &gradebook, &["--time-limit", "4"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("(7 submissions, 6 graded"),
        "{}",
        text(&out.stdout)
    );
    let rows = rows_by_name(&gradebook);
    let names: Vec<&str> = rows.keys().map(String::as_str).collect();
    let hostile_cell = "'=cmd|'.\\C calc'!A0,\"q\"";
    assert_eq!(
        names,
        [
            hostile_cell,
            "alice",
            "bob-stubs",
            "carol",
            "dave",
            "erin",
            "notes\\x0a2"
        ]
    );
    let row = |name: &str| rows[name][1..].to_vec();
    assert_eq!(
        row("alice"),
        ["10", "10", "10", "10", "10", "10", "60", "ok"]
    );
    assert_eq!(row("bob-stubs"), ["0", "0", "0", "0", "0", "0", "0", "ok"]);
    assert_eq!(
        row("carol"),
        [
            "10",
            "10",
            "10",
            "0",
            "0",
            "10",
            "40",
            "build failed: ex05; missing: ex04.rs"
        ]
    );
    assert_eq!(
        row("dave"),
        [
            "10",
            "0",
            "10",
            "0",
            "0",
            "0",
            "20",
            "missing: ex02.rs, ex04.rs, ex05.rs, ex06.rs"
        ]
    );
    assert_eq!(
        row("erin"),
        [
            "10",
            "10",
            "0",
            "0",
            "0",
            "10",
            "30",
            "missing: ex04.rs, ex05.rs; timed out: ex03"
        ]
    );
    let notes = row("notes\\x0a2");
    assert_eq!(notes[..7], ["", "", "", "", "", "", ""]);
    assert!(
        notes[7].starts_with("not graded: no exercise file"),
        "{notes:?}"
    );
    assert_eq!(row(hostile_cell)[2], "10");

    // The raw file: every row on one line, the hostile name quoted and defused.
    let raw = std::fs::read_to_string(&gradebook).unwrap();
    assert_eq!(raw.lines().count(), 8, "{raw}");
    assert!(
        raw.contains("\n\"'=cmd|'.\\C calc'!A0,\"\"q\"\"\",0,0,10,")
            && raw.contains("\n\"notes\\x0a2\","),
        "{raw}"
    );
    // One report per graded submission, beside the gradebook; none for the notes.
    let reports = work.join("grades-reports");
    let mut files: Vec<String> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 6, "{files:?}");
    assert!(
        files
            .iter()
            .all(|f| !f.contains('\n') && f.ends_with(".json"))
    );
    // alice's: all six exercises graded in full, every check passed, nothing left.
    let grade = report(&reports.join("alice.json"));
    assert_eq!(grade["score"], 60, "{grade:#}");
    assert_nothing_left(&grade);
    let hostile_report = files.iter().find(|f| f.starts_with("_cmd_")).unwrap();
    let grade = report(&reports.join(hostile_report));
    assert_eq!(
        grade["submission"],
        class
            .join(hostile)
            .canonicalize()
            .unwrap()
            .to_str()
            .unwrap()
    );
    assert_eq!(report(&reports.join("erin.json"))["score"], 30);
}

#[test]
fn class_mode_refuses_what_it_cannot_do_before_grading() {
    let work = fresh_dir("class-refusals");
    let class = work.join("class");
    copy_exercises("solutions", &["ex01"], &class.join("alice"));
    let class_arg = class.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["--class", class_arg], "--class: needs --output FILE"),
        (
            &["--class", class_arg, "--output", "/nonexistent/dir/g.csv"],
            "--output /nonexistent/dir/g.csv: cannot write there",
        ),
        (
            &["--class", class_arg, "--output", work.to_str().unwrap()],
            "is a directory",
        ),
        (
            &["--class", "/nonexistent/class", "--output", "g.csv"],
            "--class /nonexistent/class: No such file",
        ),
    ];
    for (args, says) in cases {
        let mut all = vec!["grade"];
        all.extend_from_slice(args);
        let out = ipc_lab(&all);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // A folder with no subdirectory at all.
    let empty = fresh_dir("class-refusals-empty");
    let out = ipc_lab(&[
        "grade",
        "--class",
        empty.to_str().unwrap(),
        "--output",
        work.join("g.csv").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("holds no subdirectory"));
    // --class with options that make no sense for a class: a usage error.
    let out = ipc_lab(&["grade", "--class", class_arg, "--solutions"]);
    assert_eq!(out.status.code(), Some(2));
    let out = ipc_lab(&["grade", "--reports", "r"]);
    assert_eq!(out.status.code(), Some(2));
    // Nothing was graded or written.
    assert!(!work.join("g.csv").exists());
}

/// A class folder whose entries are links (bob -> alice, carol -> the solutions, as an
/// unpacked archive may hold): they are not the students' own folders and are not graded.
#[test]
fn linked_submissions_in_a_class_are_not_graded() {
    let work = fresh_dir("class-links");
    let class = work.join("class");
    copy_exercises("solutions", &["ex03"], &class.join("alice"));
    std::os::unix::fs::symlink("alice", class.join("bob")).unwrap();
    std::os::unix::fs::symlink(root().join("solutions"), class.join("carol")).unwrap();
    let gradebook = work.join("grades.csv");
    let out = grade_class(&class, &gradebook, &["ex03"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows = read_csv(&gradebook);
    let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, ["alice", "bob", "carol"]);
    assert_eq!(rows[1][8], "ok");
    for row in &rows[2..] {
        assert_eq!(row[3], "", "no ex03 mark: {row:?}");
        assert_eq!(
            row[8],
            "not graded: a symbolic link, not a submission folder: copy the student's own files there",
            "{row:?}"
        );
    }
}

/// `--class --lang vi`: the progress, the summary and every reason a row was not graded are
/// Vietnamese, and so are the reports the child graders write — the language reaches them
/// although their environment (IPC_LAB_LANG=en, as `ipc_lab` runs) says English. The CSV
/// header and the status codes stay as programs read them.
#[test]
fn a_class_graded_in_vietnamese_says_everything_in_vietnamese() {
    let work = fresh_dir("class-vi");
    let class = work.join("class");
    copy_exercises("solutions", &["ex01"], &class.join("alice"));
    std::os::unix::fs::symlink("alice", class.join("bob")).unwrap();
    let carol = class.join("carol");
    std::fs::create_dir_all(&carol).unwrap();
    std::fs::write(carol.join("ex01.rs"), "fn main() { let x = 1 }\n").unwrap();
    std::fs::create_dir_all(class.join("dave")).unwrap();
    std::os::unix::fs::symlink(root().join("solutions"), class.join("dave/exercises")).unwrap();
    std::fs::create_dir_all(class.join("notes")).unwrap();
    std::fs::write(class.join("notes/README.txt"), "nothing to grade\n").unwrap();

    let gradebook = work.join("grades.csv");
    let out = grade_class(&class, &gradebook, &["ex01", "--lang", "vi"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(
        summary.starts_with("Bảng điểm: ") && summary.contains("(5 bài nộp, đã chấm 2 bài, "),
        "{summary}"
    );
    assert!(
        !summary.contains("Gradebook") && !summary.contains("graded"),
        "{summary}"
    );
    let progress = text(&out.stderr);
    assert!(progress.contains("] đang chấm "), "{progress}");
    assert!(!progress.contains(" grading "), "{progress}");

    let rows = rows_by_name(&gradebook);
    let status = |name: &str| rows[name][8].clone();
    assert_eq!(status("alice"), "ok");
    assert_eq!(status("carol"), "build failed: ex01");
    assert_eq!(
        status("bob"),
        "not graded: đây là một symbolic link, không phải thư mục bài nộp: hãy sao chép chính các file của sinh viên vào đó"
    );
    assert_eq!(
        status("notes"),
        "not graded: không có file bài tập nào (ex01.rs, hoặc trong exercises/)"
    );
    let dave = status("dave");
    assert!(
        dave.starts_with("not graded: bài nộp ")
            && dave.contains(": exercises/ trỏ ra ngoài bài nộp (tới "),
        "{dave}"
    );
    for row in rows.values() {
        for en in [
            "symbolic link, not",
            "no exercise file",
            "leads out",
            "submission ",
        ] {
            assert!(!row[8].contains(en), "{en:?} in {row:?}");
        }
    }
    // carol's report was written by her own grader process.
    let grade = report(&work.join("grades-reports/carol.json"));
    let outputs: Vec<&str> = grade["exercises"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["output"].as_str().unwrap())
        .collect();
    assert!(!outputs.is_empty());
    for output in outputs {
        assert!(output.starts_with("không biên dịch được: "), "{output}");
        assert!(!output.contains("does not compile"), "{output}");
    }
}
