//! The tour's script: every step of the course, in the course's order, as data.
//!
//! A step names the program and its arguments (with `{key}`, `{msgkey}`, `{shm}`, `{mq}` and
//! `{sem}` standing for the object names this run uses), what the lesson says must happen
//! (exit status, phrases the output must contain — errno names, the message sent, object
//! names: never translated text — and what must exist afterwards), and its texts:
//! `front-tour-ID-concept` and `front-tour-ID-takeaway`, checked at compile time.

use ipc_text::{Id, id};

/// What must be true of an object once the step has run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    Nothing,
    /// The System V segment `{key}` exists (true) or is gone (false).
    SysvShm(bool),
    /// The POSIX shared-memory object `{shm}` exists (true) or is gone (false).
    PosixShm(bool),
    /// The named semaphore `{sem}` exists (true) or is gone (false).
    PosixSem(bool),
    /// The message queue `{mq}` exists (true) or is gone (false).
    PosixMq(bool),
}

/// What a step shows, and what to remember from it.
#[derive(Debug, Clone, Copy)]
pub struct Texts {
    pub concept: Id,
    pub takeaway: Id,
}

/// One command of the tour.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// Names its texts; unique.
    pub id: &'static str,
    pub texts: Texts,
    /// 1 to 7, as `LESSON_TITLES` titles them.
    pub lesson: u8,
    /// The package, which is also the binary's name.
    pub program: &'static str,
    pub args: &'static [&'static str],
    /// The exit status the lesson predicts.
    pub status: i32,
    /// Phrases the output (stdout and stderr) must contain.
    pub expect: &'static [&'static str],
    pub after: After,
}

/// How many lessons the tour has.
pub const LESSONS: u8 = 7;

/// The tour's lessons' titles, 1 to 7.
pub const LESSON_TITLES: [Id; LESSONS as usize] = [
    id!("front-tour-lesson-1"),
    id!("front-tour-lesson-2"),
    id!("front-tour-lesson-3"),
    id!("front-tour-lesson-4"),
    id!("front-tour-lesson-5"),
    id!("front-tour-lesson-6"),
    id!("front-tour-lesson-7"),
];

/// `step!("ID", lesson, program, args, status, expect)`: a step with its two texts.
macro_rules! step {
    ($id:literal, $($rest:expr),* $(,)?) => {
        step(
            $id,
            Texts {
                concept: id!(concat!("front-tour-", $id, "-concept")),
                takeaway: id!(concat!("front-tour-", $id, "-takeaway")),
            },
            $($rest),*
        )
    };
}

const fn step(
    id: &'static str,
    texts: Texts,
    lesson: u8,
    program: &'static str,
    args: &'static [&'static str],
    status: i32,
    expect: &'static [&'static str],
) -> Step {
    Step {
        id,
        texts,
        lesson,
        program,
        args,
        status,
        expect,
        after: After::Nothing,
    }
}

const fn then(mut s: Step, after: After) -> Step {
    s.after = after;
    s
}

/// The message the shared-memory steps send, so the reader's output can be checked.
pub const SYSV_MESSAGE: &str = "Hello from System V";
pub const POSIX_MESSAGE: &str = "Hello from POSIX";

#[rustfmt::skip]
pub const STEPS: &[Step] = &[
    // 1. System V shared memory
    then(step!("sysv-write", 1, "sysv-writer", &["--key", "{key}", "--message", SYSV_MESSAGE], 0, &["{key}"]), After::SysvShm(true)),
    then(step!("sysv-read", 1, "sysv-reader", &["--key", "{key}"], 0, &[SYSV_MESSAGE]), After::SysvShm(false)),
    step!("sysv-read-again", 1, "sysv-reader", &["--key", "{key}"], 1, &["ENOENT"]),
    // 2. POSIX shared memory
    then(step!("posix-write", 2, "posix-writer", &["--name", "{shm}", "--message", POSIX_MESSAGE], 0, &["/dev/shm/{shm}"]), After::PosixShm(true)),
    then(step!("posix-read", 2, "posix-reader", &["--name", "{shm}"], 0, &[POSIX_MESSAGE]), After::PosixShm(false)),
    // 3. The four kinds of mapping
    step!("mmap-kinds", 3, "mmap-kinds", &[], 0, &["MAP_PRIVATE", "MAP_SHARED"]),
    // 4. Message queues
    step!("sysv-msg-demo", 4, "sysv-msg", &["demo", "--key", "{msgkey}"], 0, &["msgget", "IPC_RMID"]),
    then(step!("mq-create", 4, "posix-mq", &["create", "{mq}", "--max-msgs", "4", "--msg-size", "128"], 0, &[]), After::PosixMq(true)),
    step!("mq-send-low", 4, "posix-mq", &["send", "{mq}", "routine report", "--priority", "1"], 0, &[]),
    step!("mq-send-high", 4, "posix-mq", &["send", "{mq}", "urgent alarm", "--priority", "9"], 0, &[]),
    step!("mq-receive", 4, "posix-mq", &["receive", "{mq}"], 0, &["urgent alarm", "9"]),
    then(step!("mq-unlink", 4, "posix-mq", &["unlink", "{mq}"], 0, &[]), After::PosixMq(false)),
    // 5. What goes wrong with message queues
    step!("mq-eagain-full", 5, "mq-errors", &["eagain-full"], 0, &["EAGAIN"]),
    step!("mq-emsgsize", 5, "mq-errors", &["emsgsize"], 0, &["EMSGSIZE"]),
    step!("mq-enoent", 5, "mq-errors", &["enoent"], 0, &["ENOENT"]),
    step!("mq-ebadf", 5, "mq-errors", &["ebadf"], 0, &["EBADF"]),
    step!("mq-limits", 5, "mq-errors", &["limits"], 0, &["EINVAL", "EMFILE"]),
    // 6. What goes wrong with shared memory
    step!("shm-sigbus", 6, "shm-errors", &["sigbus"], 0, &["SIGBUS"]),
    step!("shm-eacces-open", 6, "shm-errors", &["eacces-open"], 0, &["EACCES"]),
    step!("shm-eacces-mmap", 6, "shm-errors", &["eacces-mmap"], 0, &["EACCES"]),
    step!("shm-race", 6, "shm-errors", &["race", "--procs", "2", "--iters", "100000"], 0, &["200000"]),
    step!("shm-race-locked", 6, "shm-errors", &["race", "--procs", "2", "--iters", "100000", "--lock", "mutex"], 0, &["200000"]),
    step!("shm-deadlock", 6, "shm-errors", &["deadlock"], 0, &["ETIMEDOUT"]),
    step!("shm-deadlock-fixed", 6, "shm-errors", &["deadlock", "--fix", "order"], 0, &[]),
    step!("shm-dangling", 6, "shm-errors", &["dangling"], 0, &["/dev/shm"]),
    // 7. Semaphores
    step!("sem-enoent", 7, "sem-demos", &["enoent"], 0, &["ENOENT"]),
    step!("sem-eexist", 7, "sem-demos", &["eexist"], 0, &["EEXIST"]),
    then(step!("sem-create", 7, "sem-demos", &["create", "{sem}", "--value", "1"], 0, &["/dev/shm/sem."]), After::PosixSem(true)),
    step!("sem-trywait", 7, "sem-demos", &["trywait", "{sem}"], 0, &[]),
    step!("sem-trywait-busy", 7, "sem-demos", &["trywait", "{sem}"], 1, &["EAGAIN"]),
    step!("sem-post", 7, "sem-demos", &["post", "{sem}"], 0, &[]),
    then(step!("sem-unlink", 7, "sem-demos", &["unlink", "{sem}"], 0, &[]), After::PosixSem(false)),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_lessons_in_course_order() {
        let ids: BTreeSet<_> = STEPS.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), STEPS.len());
        assert!(STEPS.windows(2).all(|w| w[0].lesson <= w[1].lesson));
        assert!(STEPS.iter().all(|s| (1..=LESSONS).contains(&s.lesson)));
        assert_eq!(STEPS.last().unwrap().lesson, LESSONS);
    }

    #[test]
    fn every_step_and_lesson_has_its_texts_in_every_language() {
        let catalog = ipc_text::catalog();
        let ids = STEPS
            .iter()
            .flat_map(|s| [s.texts.concept, s.texts.takeaway])
            .chain(LESSON_TITLES);
        for id in ids {
            for code in catalog.codes() {
                assert!(
                    catalog.own(code, id.as_str(), &[]).is_some(),
                    "{code} lacks {}",
                    id.as_str()
                );
            }
        }
    }
}
