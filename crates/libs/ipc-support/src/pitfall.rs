//! The report every error demo prints (through `labelled`), in one order: the scenario, the call that failed,
//! what happened (an errno with its message, a signal, or an observation), why Linux does
//! it, and the fix. Plus the two things such demos share: refusing with a reason when the
//! machine did not behave as the lesson says, and dropping root's privileges in a child.

use std::fmt;

use nix::errno::Errno;
use nix::sys::signal::Signal;
use nix::unistd::{Gid, Uid};

use crate::call;
use crate::error::{Context, IpcError, Result, errno_text};
use ipc_text::{id, t, text};

/// What the failing call produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Errno(Errno),
    Signal(Signal),
    /// Something seen rather than returned (e.g. "31337 updates lost").
    Observed(String),
}

/// One pitfall, reproduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pitfall {
    pub scenario: String,
    pub call: String,
    pub outcome: Outcome,
    pub why: String,
    pub fix: String,
}

impl Pitfall {
    /// The report for an error a demo provoked: its call and errno come from `err`.
    /// Returns None when `err` carries no errno (then it is not the error the demo wanted).
    pub fn from_error(
        err: &IpcError,
        scenario: impl Into<String>,
        why: impl Into<String>,
        fix: impl Into<String>,
    ) -> Option<Self> {
        Some(Pitfall {
            scenario: scenario.into(),
            call: err.call().to_string(),
            outcome: Outcome::Errno(err.errno()?),
            why: why.into(),
            fix: fix.into(),
        })
    }

    /// Prints the report on stdout.
    pub fn print(&self) {
        print!("{self}");
    }
}

/// One line of an error demo's report: `label`, padded to `column` characters (at least one
/// space after it), then `value`; the value's further lines are indented under its first.
/// `report_line` builds on it.
pub fn labelled(label: &str, column: usize, value: &str) -> String {
    let pad = column.saturating_sub(label.chars().count()).max(1);
    let indent = " ".repeat(label.chars().count() + pad);
    let mut lines = value.lines();
    let mut out = format!("{label}{}{}\n", " ".repeat(pad), lines.next().unwrap_or(""));
    for rest in lines {
        out.push_str(&indent);
        out.push_str(rest);
        out.push('\n');
    }
    out
}

/// The words on the left of an error demo's report. Every demo (shm-errors, sem-demos,
/// mq-errors) prints them through `report_line`, so they look the same everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Scenario,
    Call,
    Errno,
    Signal,
    Observed,
    Why,
    Fix,
    Note,
    Result,
}

impl Label {
    const ALL: [Label; 9] = [
        Label::Scenario,
        Label::Call,
        Label::Errno,
        Label::Signal,
        Label::Observed,
        Label::Why,
        Label::Fix,
        Label::Note,
        Label::Result,
    ];

    fn key(self) -> ipc_text::Id {
        match self {
            Label::Scenario => id!("pitfall-scenario"),
            Label::Call => id!("pitfall-call"),
            Label::Errno => id!("pitfall-errno"),
            Label::Signal => id!("pitfall-signal"),
            Label::Observed => id!("pitfall-observed"),
            Label::Why => id!("pitfall-why"),
            Label::Fix => id!("pitfall-fix"),
            Label::Note => id!("pitfall-note"),
            Label::Result => id!("pitfall-result"),
        }
    }

    /// `label:` in the current language.
    fn word(self) -> String {
        format!("{}:", text(self.key()))
    }
}

/// One line of a report: `label:`, padded so that every value starts in the same column
/// (one space after the longest label of the current language), then `value`.
pub fn report_line(label: Label, value: &str) -> String {
    let column = Label::ALL
        .iter()
        .map(|l| l.word().chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    labelled(&label.word(), column, value)
}

fn line(f: &mut fmt::Formatter<'_>, label: Label, value: &str) -> fmt::Result {
    f.write_str(&report_line(label, value))
}

impl fmt::Display for Pitfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        line(f, Label::Scenario, &self.scenario)?;
        line(f, Label::Call, &self.call)?;
        match &self.outcome {
            Outcome::Errno(e) => line(f, Label::Errno, &errno_text(*e))?,
            Outcome::Signal(s) => line(f, Label::Signal, s.as_str())?,
            Outcome::Observed(what) => line(f, Label::Observed, what)?,
        }
        line(f, Label::Why, &self.why)?;
        line(f, Label::Fix, &self.fix)
    }
}

/// The error (exit 1) for a demo whose lesson claim did not show on this machine.
pub fn not_reproduced(demo: &str, expected: &str, got: &str) -> IpcError {
    IpcError::refused(
        demo,
        t!("pitfall-not-reproduced", expected = expected, got = got),
    )
}

/// The account permission demos drop to: `nobody` on most distributions.
pub const NOBODY: u32 = 65534;

/// Becomes `uid`/`gid` for good: supplementary groups cleared, then `setgid`, then `setuid`
/// (the other order would leave no right to change the group). Meant for a forked child of
/// a root process; returns the ids the kernel now reports, so callers can prove the drop.
pub fn drop_privileges(uid: u32, gid: u32) -> Result<(Uid, Gid)> {
    nix::unistd::setgroups(&[]).context(|| "setgroups([])".to_string())?;
    nix::unistd::setgid(Gid::from_raw(gid)).context(|| call!("setgid", gid))?;
    nix::unistd::setuid(Uid::from_raw(uid)).context(|| call!("setuid", uid))?;
    let (now_uid, now_gid) = (nix::unistd::geteuid(), nix::unistd::getegid());
    if now_uid.as_raw() != uid || now_gid.as_raw() != gid {
        return Err(IpcError::refused(
            "drop_privileges",
            format!("still euid {now_uid}, egid {now_gid}"),
        ));
    }
    Ok((now_uid, now_gid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipc_text::{Lang, set_lang};

    #[test]
    fn report_lists_the_five_parts_in_order() {
        set_lang(Lang::EN);
        let err = IpcError::sys("shm_open(/x, O_RDWR)", Errno::EACCES);
        let p = Pitfall::from_error(&err, "open a 0400 object for writing", "modes", "use 0600")
            .unwrap();
        let s = p.to_string();
        let at = |needle: &str| s.find(needle).unwrap_or_else(|| panic!("{needle} in {s}"));
        assert!(at("open a 0400") < at("shm_open(/x, O_RDWR)"));
        assert!(at("shm_open") < at("EACCES (Permission denied)"));
        assert!(at("EACCES") < at("modes"));
        assert!(at("modes") < at("use 0600"));
        assert!(Pitfall::from_error(&IpcError::refused("a", "b"), "", "", "").is_none());
    }

    #[test]
    fn continuation_lines_are_indented() {
        let p = Pitfall {
            scenario: "one\ntwo".into(),
            call: "c".into(),
            outcome: Outcome::Signal(Signal::SIGBUS),
            why: "w".into(),
            fix: "f".into(),
        };
        let s = p.to_string();
        assert!(s.contains("SIGBUS"));
        let second = s.lines().nth(1).unwrap();
        assert!(second.starts_with("  ") && second.trim() == "two", "{s}");
    }

    #[test]
    fn every_label_ends_with_a_colon_and_values_share_a_column() {
        set_lang(Lang::EN);
        assert_eq!(report_line(Label::Why, "w"), "why:      w\n");
        assert_eq!(report_line(Label::Scenario, "s"), "scenario: s\n");
        assert_eq!(report_line(Label::Errno, "e"), "errno:    e\n");
    }

    #[test]
    fn labels_are_padded_to_their_column() {
        assert_eq!(labelled("why", 6, "a\nb"), "why   a\n      b\n");
        assert_eq!(labelled("scenario:", 10, "x"), "scenario: x\n");
        assert_eq!(labelled("long-label", 4, "x"), "long-label x\n");
    }

    #[test]
    fn not_reproduced_says_what_was_expected() {
        let e = not_reproduced("sigbus", "SIGBUS", "exit 0");
        assert_eq!(e.exit_status(), 1);
        assert!(e.to_string().contains("expected SIGBUS, got exit 0"));
    }
}
