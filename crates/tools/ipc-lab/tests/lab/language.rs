//! ipc-lab in Vietnamese: every subcommand's --help, the list of exercises with their titles,
//! a hint, and usage errors, with none of English's words left where Vietnamese is asked for.

use crate::hostile_support::{A_WAITS_FOR_B, Attack, solution_with};
use assert_cmd::cargo::cargo_bin_cmd;

fn lab_vi(args: &[&str]) -> (Option<i32>, String, String) {
    let out = cargo_bin_cmd!("ipc-lab")
        .env_remove("IPC_LAB_LANG")
        .env("LANG", "vi_VN.UTF-8")
        .args(args)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn every_subcommand_has_its_help_in_vietnamese() {
    let (code, top, _) = lab_vi(&["--help"]);
    assert_eq!(code, Some(0));
    assert!(top.contains("Cách dùng: ipc-lab [OPTIONS] <LỆNH>"), "{top}");
    assert!(top.contains("Lệnh:"), "{top}");
    let subcommands = [
        "tour",
        "ls",
        "clean",
        "limits",
        "grade",
        "trace",
        "hint",
        "list",
        "autograder",
    ];
    for sub in subcommands {
        assert!(
            top.contains(&format!("  {sub} ")),
            "{sub} is not listed in:\n{top}"
        );
        let (code, help, _) = lab_vi(&[sub, "--help"]);
        assert_eq!(code, Some(0), "{sub}");
        assert!(
            help.contains(&format!("Cách dùng: ipc-lab {sub}")),
            "{help}"
        );
        for en in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "[default:",
            "[possible values:",
        ] {
            assert!(
                !help.contains(en),
                "ipc-lab {sub} --help shows {en:?}:\n{help}"
            );
        }
    }
}

#[test]
fn exercises_are_listed_and_hinted_in_vietnamese() {
    let (code, list, _) = lab_vi(&["list"]);
    assert_eq!(code, Some(0));
    assert!(list.starts_with("Bài tập (sửa exercises/exNN.rs"), "{list}");
    assert!(list.contains("Sửa lỗi race condition"), "{list}");
    assert!(!list.contains("Fix the race"), "{list}");
    let (code, hint, _) = lab_vi(&["hint", "ex04"]);
    assert_eq!(code, Some(0));
    assert!(
        hint.starts_with("Gợi ý cho ex04 (Sửa lỗi race condition); đặc tả nằm ở đầu file "),
        "{hint}"
    );
    assert!(hint.contains("đoạn găng"), "{hint}");
    assert!(!hint.contains("critical section"), "{hint}");
}

#[test]
fn usage_errors_are_whole_vietnamese_lines() {
    let (code, _, err) = lab_vi(&["frobnicate"]);
    assert_eq!(code, Some(2));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("ipc-lab: không có lệnh con 'frobnicate'"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("(xem ipc-lab --help)"), "{err}");
    let (code, _, err) = lab_vi(&["hint"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("ipc-lab hint: thiếu các tham số bắt buộc: <EXERCISE>"),
        "{err}"
    );
    for en in ["unrecognized", "required", "not provided", "see "] {
        assert!(!err.contains(en), "{err}");
    }
}

/// `ipc-lab grade --lang vi`: the exercise's title, every check's name, the marks and the
/// total are Vietnamese (the messages of failing checks: below).
#[test]
fn the_grade_report_speaks_vietnamese() {
    let (code, out, err) = lab_vi(&["grade", "ex03", "--solutions"]);
    assert_eq!(code, Some(0), "{err}");
    for vi in [
        "đang build 1 bài tập từ ",
        "ex03  Độ ưu tiên trong hàng đợi thông điệp",
        "  đạt  độ ưu tiên mặc định",
        "mười một thông điệp bị từ chối",
        "Tổng: 10/10 (",
    ] {
        assert!(out.contains(vi), "no {vi:?} in:\n{out}");
    }
    for en in [
        "building",
        "Message-queue priorities",
        "default priorities",
        "Total:",
        "  ok  ",
    ] {
        assert!(!out.contains(en), "{en:?} in:\n{out}");
    }
}

/// `ipc-lab grade --lang vi` of a submission whose ex01 does not compile and whose ex02 is
/// missing: both reasons, repeated on every check of the exercise, are Vietnamese.
#[test]
fn build_failures_are_told_in_vietnamese() {
    let dir = crate::grading_support::fresh_dir("language-build-failures");
    std::fs::write(dir.join("ex01.rs"), "fn main() { let x = 1 }\n").unwrap();
    let (code, out, err) = lab_vi(&[
        "grade",
        "--lang",
        "vi",
        "--submission",
        dir.to_str().unwrap(),
        "ex01",
        "ex02",
    ]);
    assert_eq!(code, Some(1), "{err}");
    for vi in [
        "  TRƯỢT thông điệp mặc định ",
        "\n         không biên dịch được: expected one of ",
        "\n         không đọc được ",
        "Tổng: 0/20 (",
    ] {
        assert!(out.contains(vi), "no {vi:?} in:\n{out}");
    }
    for en in [
        "does not compile",
        "cannot read",
        "could not be built",
        "FAIL",
    ] {
        assert!(!out.contains(en), "{en:?} in:\n{out}");
    }
    assert!(err.contains("thấp hơn 20 điểm cần đạt"), "{err}");
}

/// `ipc-lab grade --lang vi` (over IPC_LAB_LANG=en) of a submission whose checks fail in known
/// ways: ex01's A sleeps instead of waiting for B, ex02 never unlinks its object. Each
/// check's message is Vietnamese, with the program's lines, call names and the object's name
/// kept as they are; none of the English sentences is left.
#[test]
fn failing_checks_say_why_in_vietnamese() {
    let attack = Attack::new("language-check-messages");
    let sleep = "    std::mem::forget(child);\n    \
                 std::thread::sleep(std::time::Duration::from_millis(300));\n";
    attack.write("ex01", &solution_with("ex01", &[(A_WAITS_FOR_B, sleep)]));
    attack.write(
        "ex02",
        &solution_with(
            "ex02",
            &[(
                "let _unlink = Cleanup::shm(&name);",
                "std::mem::forget(Cleanup::shm(&name));",
            )],
        ),
    );
    let run = crate::hostile_support::run_grader(&[
        "grade",
        "--lang",
        "vi",
        "--submission",
        attack.path(),
        "ex01",
        "ex02",
    ]);
    let out = &run.stdout;
    assert_eq!(run.code, Some(1), "{out}\n{}", run.stderr);
    attack.assert_nothing_left(run.pid);
    let checks = |prefix: &str| out.lines().filter(|l| l.starts_with(prefix)).count();
    // ex01: the lines are right, the mechanism is not (only the refusal passes).
    assert!(
        out.contains(
            "\n         kết quả in ra đúng, nhưng A in dòng của mình khi chưa chờ B kết thúc \
             (hãy gọi waitpid với pid của B trước)\n"
        ),
        "{out}"
    );
    assert!(out.contains("ex01: 2/10"), "{out}");
    // ex02: every run that made the object left it: half the points, the object named.
    assert!(
        out.contains("\n         còn sót lại: object shared memory POSIX /grade-ex02-"),
        "{out}"
    );
    assert!(
        out.contains(" (trình chấm đã xóa; hãy xóa những gì bạn tạo ra, kể cả khi gặp lỗi)\n"),
        "{out}"
    );
    assert!(checks("  TRƯỢT ") >= 10, "{out}");
    for en in [
        "the output is right",
        "without having waited",
        "waitpid for B's pid",
        "left behind",
        "removed by the grader",
        "POSIX shared-memory object",
        "FAIL",
    ] {
        assert!(!out.contains(en), "{en:?} in:\n{out}");
    }
    assert!(
        run.stderr.starts_with("ipc-lab: điểm ")
            && run.stderr.contains("/20: thấp hơn 20 điểm cần đạt")
            && !run.stderr.contains("score"),
        "{}",
        run.stderr
    );
}

/// Gradescope shows a student only results.json: when a submission cannot be graded, the
/// grader writes it itself, with the reason in the course's language.
#[test]
fn gradescope_says_in_vietnamese_why_a_submission_cannot_be_graded() {
    let dir = crate::grading_support::fresh_dir("language-gradescope-nothing");
    std::fs::write(dir.join("report.pdf"), "not code").unwrap();
    let results = dir.join("results.json");
    let (code, _, err) = lab_vi(&[
        "grade",
        "--submission",
        dir.to_str().unwrap(),
        "--format",
        "gradescope",
        "--output",
        results.to_str().unwrap(),
        "--min-score",
        "0",
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("không chứa file bài tập nào"), "{err}");
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&results).unwrap()).unwrap();
    assert_eq!(written["score"], 0, "{written:#}");
    assert_eq!(written["tests"].as_array().map(Vec::len), Some(0));
    let output = written["output"].as_str().unwrap();
    assert!(
        output.starts_with("Không chấm được bài nộp này: ")
            && output.contains("không chứa file bài tập nào")
            && output.contains("Hãy nộp các file bài tập (ex01.rs … ex06.rs)"),
        "{output}"
    );
    assert!(!output.contains("could not be graded"), "{output}");
}

/// `ipc-lab --lang vi autograder gradescope`: says what it wrote in Vietnamese, and the
/// run_autograder it writes grades in Vietnamese, with a Vietnamese sentence for a grader that
/// stops before writing results.json.
#[test]
fn an_autograder_made_in_vietnamese_grades_in_vietnamese() {
    let dir = crate::grading_support::fresh_dir("language-autograder").join("out");
    let (code, out, err) = lab_vi(&[
        "autograder",
        "gradescope",
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with("Đã tạo bộ chấm tự động Gradescope trong ") && out.contains("Tiếng Việt"),
        "{out}"
    );
    let script = std::fs::read_to_string(dir.join("run_autograder")).unwrap();
    assert!(
        script.contains("IPC_LAB_LANG=vi \"$grader\" grade "),
        "{script}"
    );
    assert!(!script.contains('@'), "a placeholder is left:\n{script}");
    let fallback = script
        .split("<<'JSON'\n")
        .nth(1)
        .and_then(|rest| rest.split("\nJSON\n").next())
        .unwrap_or_else(|| panic!("no results.json for a stopped grader in:\n{script}"));
    let fallback: serde_json::Value = serde_json::from_str(fallback).unwrap();
    assert_eq!(fallback["score"], 0);
    assert!(
        fallback["output"]
            .as_str()
            .unwrap()
            .starts_with("Trình chấm đã dừng trước khi chấm được bài nộp này"),
        "{fallback:#}"
    );
}
