//! One error type for every program: `CALL(ARGS): ERRNO_NAME (message) — hint`.
//!
//! A program attaches the call's text where it calls, built only on failure:
//! `shm_open(name, flags, mode).context(|| call!("shm_open", name, flags, mode))?`, and
//! advice for one errno the same way: `.hint_on(Errno::EEXIST, || text(...))`. The errno is
//! the one the call returned, so nothing can overwrite it in between.
//!
//! nix's `Errno` already knows each errno's name (its `Debug`) and message (`desc`),
//! so nothing here keeps a table of errnos.

use std::fmt;
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::signal::Signal;

/// Result type of everything that prints the error line.
pub type Result<T, E = IpcError> = std::result::Result<T, E>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Cause {
    /// A system call failed with this errno.
    Sys(Errno),
    /// Not a system call: a refused input or an impossible state, explained in words.
    Refused(String),
    /// A signal (Ctrl-C, SIGTERM) ended a blocking call.
    Interrupted(Signal),
}

/// What went wrong, where, and what the user can do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpcError {
    call: String,
    cause: Cause,
    hint: Option<String>,
}

impl IpcError {
    /// `call` names the system call and its arguments, e.g. `shmget(key 0x41012345)`.
    pub fn sys(call: impl Into<String>, errno: Errno) -> Self {
        IpcError {
            call: call.into(),
            cause: Cause::Sys(errno),
            hint: None,
        }
    }

    /// A refusal that is not a system call failing: `what` is the subject, `why` the reason.
    pub fn refused(what: impl Into<String>, why: impl Into<String>) -> Self {
        IpcError {
            call: what.into(),
            cause: Cause::Refused(why.into()),
            hint: None,
        }
    }

    /// A blocking call ended because the user pressed Ctrl-C (or sent SIGTERM).
    pub fn interrupted(call: impl Into<String>, signal: Signal) -> Self {
        IpcError {
            call: call.into(),
            cause: Cause::Interrupted(signal),
            hint: None,
        }
    }

    /// Adds (or replaces) the advice printed after the dash.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds advice only when the errno is `errno`.
    pub fn hint_if(self, errno: Errno, hint: impl Into<String>) -> Self {
        if self.errno() == Some(errno) {
            self.hint(hint)
        } else {
            self
        }
    }

    pub fn errno(&self) -> Option<Errno> {
        match self.cause {
            Cause::Sys(e) => Some(e),
            _ => None,
        }
    }

    pub fn call(&self) -> &str {
        &self.call
    }

    /// The signal that interrupted the call, if that is what happened.
    pub fn signal(&self) -> Option<Signal> {
        match self.cause {
            Cause::Interrupted(s) => Some(s),
            _ => None,
        }
    }

    /// 1 for every failure, 128 + N when signal N interrupted the program (as a shell reports it).
    pub fn exit_status(&self) -> u8 {
        match self.cause {
            Cause::Interrupted(sig) => u8::try_from(128 + sig as i32).unwrap_or(u8::MAX),
            _ => 1,
        }
    }
}

/// `errno` as the lesson's programs would print it: `ENOENT (No such file or directory)`.
pub fn errno_text(errno: Errno) -> String {
    format!("{errno:?} ({})", errno.desc())
}

impl fmt::Display for IpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            Cause::Sys(e) => write!(f, "{}: {}", self.call, errno_text(*e))?,
            Cause::Refused(why) => write!(f, "{}: {why}", self.call)?,
            Cause::Interrupted(sig) => write!(f, "{}: interrupted by {}", self.call, sig.as_str())?,
        }
        if let Some(hint) = &self.hint {
            write!(f, " — {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for IpcError {}

/// Runs a program's body and turns its error into one line on stderr and an exit status.
///
/// Every program's `main` is `ipc_support::run("NAME", || body(args))`.
///
/// `println!` panics when stdout cannot be written. Dying of SIGPIPE or of the panic would
/// skip the cleanup guards (a tour step's segment would be left behind), so the panic is
/// caught here after the unwinding has run every guard. A reader that went away
/// (`ipc-lab ls | head`) ends the program quietly with 141 (128 + SIGPIPE), the status a
/// shell shows for a C program killed by SIGPIPE; any other failure (`> /dev/full`) is the
/// usual one line, `PROGRAM: write(stdout): ENOSPC (No space left on device)`, and status 1.
pub fn run(program: &str, body: impl FnOnce() -> Result<()>) -> ExitCode {
    quiet_stdout_panics();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(Ok(())) => match std::io::Write::flush(&mut std::io::stdout()) {
            // What print! left in the buffer must reach stdout too, or the run failed.
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => stdout_failed(program, e.raw_os_error()),
        },
        Ok(Err(err)) => {
            report(program, &err);
            ExitCode::from(err.exit_status())
        }
        Err(payload) => match stdout_failure(panic_text(payload.as_ref())) {
            Some(errno) => stdout_failed(program, errno),
            None => std::panic::resume_unwind(payload),
        },
    }
}

/// The exit of a program whose stdout failed with `errno` (see [`run`]).
fn stdout_failed(program: &str, errno: Option<i32>) -> ExitCode {
    let errno = Errno::from_raw(errno.unwrap_or(Errno::EIO as i32));
    if errno == Errno::EPIPE {
        return ExitCode::from(141);
    }
    report(program, &IpcError::sys("write(stdout)", errno));
    ExitCode::from(1)
}

/// The text of a panic payload (`panic!` with a message gives a String or a &str).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("")
}

/// `println!`'s panic when stdout cannot be written, "failed printing to stdout: No space
/// left on device (os error 28)": `Some` with the errno in it (`None` inside when it has none).
fn stdout_failure(text: &str) -> Option<Option<i32>> {
    let rest = text.strip_prefix("failed printing to stdout")?;
    let errno = rest
        .rsplit_once("(os error ")
        .and_then(|(_, n)| n.strip_suffix(')'))
        .and_then(|n| n.parse().ok());
    Some(errno)
}

/// Keeps the default panic message for real bugs, and silences the failed-stdout one,
/// which `run` turns into the error line.
fn quiet_stdout_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if stdout_failure(panic_text(info.payload())).is_none() {
                default(info);
            }
        }));
    });
}

/// Writes `line` and a newline to stderr: a warning, a note, a child's error, the error line.
/// One write for the whole line: stderr is unbuffered, and `eprintln!` writes each piece of
/// the format separately, so two processes failing together interleaved their words. A
/// stderr that cannot take it (closed, `2>/dev/full`) loses the line, never the program
/// (`eprintln!` would panic there).
pub fn warn(line: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(format!("{line}\n").as_bytes());
}

/// Prints `PROGRAM: ERROR` on stderr, flushing stdout first so the lines stay in order.
pub fn report(program: &str, err: &IpcError) {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    warn(&format!("{program}: {}", with_permission_hint(err.clone())));
}

/// Every EACCES and EPERM line carries advice: on a shared machine the cause is usually
/// another user's object. The call's own hint (whose object it is) comes first; this is the
/// general one for a call that has none.
fn with_permission_hint(err: IpcError) -> IpcError {
    match (err.errno(), &err.hint) {
        (Some(Errno::EACCES | Errno::EPERM), None) => err.hint(ipc_text::t!("faults-denied")),
        _ => err,
    }
}

/// Attaches a failed call's text to its errno: the first half of the error line.
pub trait Context<T> {
    /// `call` names the call and its arguments (see [`call!`](crate::call)); it runs only on
    /// failure. EINTR after a caught Ctrl-C or SIGTERM becomes "interrupted by SIGINT", whose
    /// exit status is 130.
    fn context(self, call: impl FnOnce() -> String) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, Errno> {
    fn context(self, call: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|errno| match (errno, ipc_sys::signal::caught()) {
            (Errno::EINTR, Some(signal)) => IpcError::interrupted(call(), signal),
            _ => IpcError::sys(call(), errno),
        })
    }
}

impl<T> Context<T> for std::io::Result<T> {
    fn context(self, call: impl FnOnce() -> String) -> Result<T> {
        // An I/O error without an errno does not come from a system call: EIO stands in.
        self.map_err(|e| Errno::from_raw(e.raw_os_error().unwrap_or(Errno::EIO as i32)))
            .context(call)
    }
}

/// Advice after the dash, for one errno or from a table of them; built only on failure.
pub trait Hint<T> {
    /// Adds `hint` when the call failed with `errno`.
    fn hint_on(self, errno: Errno, hint: impl FnOnce() -> String) -> Result<T>;
    /// Adds the hint `table` gives for the call's errno, if it gives one (see `hints`).
    fn hints(self, table: impl FnOnce(Errno) -> Option<String>) -> Result<T>;
}

impl<T> Hint<T> for Result<T> {
    fn hint_on(self, errno: Errno, hint: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| match e.errno() {
            Some(got) if got == errno => e.hint(hint()),
            _ => e,
        })
    }

    fn hints(self, table: impl FnOnce(Errno) -> Option<String>) -> Result<T> {
        self.map_err(|e| match e.errno().and_then(table) {
            Some(hint) => e.hint(hint),
            None => e,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_printing_to_stdout_counts_as_a_failed_stdout() {
        assert_eq!(
            stdout_failure("failed printing to stdout: Broken pipe (os error 32)"),
            Some(Some(32))
        );
        assert_eq!(
            stdout_failure("failed printing to stdout: No space left on device (os error 28)"),
            Some(Some(28))
        );
        assert_eq!(
            stdout_failure("failed printing to stdout: formatter error"),
            Some(None)
        );
        assert_eq!(stdout_failure("index out of bounds"), None);
        let payload: Box<dyn std::any::Any + Send> = Box::new(String::from("text"));
        assert_eq!(panic_text(payload.as_ref()), "text");
    }

    #[test]
    fn sys_error_names_call_errno_message_and_hint() {
        let e =
            IpcError::sys("shmget(key 0x41012345)", Errno::ENOENT).hint("run sysv-writer first");
        assert_eq!(
            e.to_string(),
            "shmget(key 0x41012345): ENOENT (No such file or directory) — run sysv-writer first"
        );
        assert_eq!(e.exit_status(), 1);
        assert_eq!(e.errno(), Some(Errno::ENOENT));
    }

    #[test]
    fn context_and_hints_are_built_from_the_calls_own_errno() {
        let failed: std::result::Result<(), Errno> = Err(Errno::EEXIST);
        let e = failed
            .context(|| crate::call!("shm_open", "/x", 7))
            .hint_on(Errno::ENOENT, || "not this one".into())
            .hint_on(Errno::EEXIST, || "remove it".into())
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "shm_open(/x, 7): EEXIST (File exists) — remove it"
        );
        let ok: std::result::Result<u8, Errno> = Ok(1);
        let built = std::cell::Cell::new(false);
        let v = ok.context(|| {
            built.set(true);
            String::new()
        });
        assert_eq!(v, Ok(1));
        assert!(!built.get(), "the call's text is built only on failure");
        let io: std::io::Result<()> = Err(std::io::Error::from_raw_os_error(2));
        assert_eq!(
            io.context(|| "read(x)".into()).unwrap_err().errno(),
            Some(Errno::ENOENT)
        );
    }

    #[test]
    fn a_permission_error_always_has_advice() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        for errno in [Errno::EACCES, Errno::EPERM] {
            let bare = with_permission_hint(IpcError::sys("msgctl(3, IPC_RMID)", errno));
            assert!(bare.to_string().contains(" — "), "{bare}");
            let own = with_permission_hint(IpcError::sys("x", errno).hint("its owner is alice"));
            assert!(own.to_string().ends_with(" — its owner is alice"), "{own}");
        }
        let other = with_permission_hint(IpcError::sys("x", Errno::ENOENT));
        assert_eq!(other.to_string(), "x: ENOENT (No such file or directory)");
    }

    #[test]
    fn hint_if_only_applies_to_its_errno() {
        let e = IpcError::sys("shm_open(/x)", Errno::EACCES).hint_if(Errno::ENOENT, "create it");
        assert_eq!(e.to_string(), "shm_open(/x): EACCES (Permission denied)");
    }

    #[test]
    fn refusal_has_no_errno() {
        let e = IpcError::refused("--size 0", "a segment needs at least 1 byte");
        assert_eq!(e.to_string(), "--size 0: a segment needs at least 1 byte");
        assert_eq!(e.errno(), None);
    }

    #[test]
    fn interruption_exits_like_a_shell_reports_a_signal() {
        let e = IpcError::interrupted("mq_receive(/q)", Signal::SIGINT);
        assert_eq!(e.exit_status(), 130);
        assert_eq!(e.to_string(), "mq_receive(/q): interrupted by SIGINT");
        assert_eq!(
            IpcError::interrupted("x", Signal::SIGTERM).exit_status(),
            143
        );
    }
}
