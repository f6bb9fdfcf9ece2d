//! The tour's script: every section of the course's two lessons (000 shared memory, 003
//! message queues and shared memory compared), in the lessons' order, as data.
//!
//! A step names the section it checks, the program and its arguments (with `{key}`,
//! `{msgkey}`, `{shm}`, `{mq}`, `{sem}` standing for the object names this run uses and
//! `{bin}` for the folder of the built programs), what the lesson says must happen (exit
//! status, phrases the output must contain — errno names, the message sent, C names and
//! numbers: never translated text —, what must exist afterwards, and what must be measured),
//! and its texts: `front-tour-ID-concept` and `front-tour-ID-takeaway` (the ID as `--json`
//! shows it), checked at compile time, as are the sections' titles.

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
    /// The System V queue `{msgkey}` exists (true) or is gone (false).
    SysvMsg(bool),
}

/// A measurement the tour makes itself from the program's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    None,
    /// An `ipc-lab trace` of a writer: no data call it made (write, send…) carried `text`,
    /// which went into shared memory by plain stores.
    NoCallCarries(&'static str),
    /// A `--maps` report: the line of the address `call` returned lies between the [heap]
    /// and the [stack] lines, with these permissions, in whole pages. `first` remembers the
    /// address; otherwise it is compared with the one remembered (another process).
    Maps {
        call: &'static str,
        perms: &'static str,
        first: bool,
    },
}

/// The two lessons of the course.
pub const LESSONS: [&str; 2] = ["000", "003"];

/// Where in the course a step belongs: the lesson and its section as the lesson numbers
/// it ("3", "2.4"), or a name for the unnumbered ones ("ex", "table", "when").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub lesson: &'static str,
    pub part: &'static str,
}

impl Section {
    /// Whether `--section wanted` selects this one: the same part, or one under it (2 holds
    /// 2.1 … 2.7).
    pub fn is_under(&self, wanted: &str) -> bool {
        self.part == wanted
            || self
                .part
                .strip_prefix(wanted)
                .is_some_and(|rest| rest.starts_with('.'))
    }

    /// Its title, as the lesson gives it.
    pub fn title(&self) -> Id {
        match (self.lesson, self.part) {
            ("000", "1") => id!("front-tour-title-000-1"),
            ("000", "2") => id!("front-tour-title-000-2"),
            ("000", "3") => id!("front-tour-title-000-3"),
            ("000", "4") => id!("front-tour-title-000-4"),
            ("000", "ex") => id!("front-tour-title-000-ex"),
            ("003", "1") => id!("front-tour-title-003-1"),
            ("003", "1.1") => id!("front-tour-title-003-1-1"),
            ("003", "1.2") => id!("front-tour-title-003-1-2"),
            ("003", "1.3") => id!("front-tour-title-003-1-3"),
            ("003", "1.4") => id!("front-tour-title-003-1-4"),
            ("003", "1.5") => id!("front-tour-title-003-1-5"),
            ("003", "1.6") => id!("front-tour-title-003-1-6"),
            ("003", "2") => id!("front-tour-title-003-2"),
            ("003", "2.1") => id!("front-tour-title-003-2-1"),
            ("003", "2.2") => id!("front-tour-title-003-2-2"),
            ("003", "2.3") => id!("front-tour-title-003-2-3"),
            ("003", "2.4") => id!("front-tour-title-003-2-4"),
            ("003", "2.5") => id!("front-tour-title-003-2-5"),
            ("003", "2.6") => id!("front-tour-title-003-2-6"),
            ("003", "2.7") => id!("front-tour-title-003-2-7"),
            ("003", "table") => id!("front-tour-title-003-table"),
            ("003", "when") => id!("front-tour-title-003-when"),
            _ => unreachable!("a section of SECTIONS: {self:?}"),
        }
    }

    /// The name of an unnumbered section (ex, table, when); None for a numbered one.
    pub fn name(&self) -> Option<Id> {
        match self.part {
            "ex" => Some(id!("front-tour-part-ex")),
            "table" => Some(id!("front-tour-part-table")),
            "when" => Some(id!("front-tour-part-when")),
            _ => None,
        }
    }
}

/// Every section of both lessons, in the course's order.
pub const SECTIONS: &[Section] = &[
    s("000", "1"),
    s("000", "2"),
    s("000", "3"),
    s("000", "4"),
    s("000", "ex"),
    s("003", "1"),
    s("003", "1.1"),
    s("003", "1.2"),
    s("003", "1.3"),
    s("003", "1.4"),
    s("003", "1.5"),
    s("003", "1.6"),
    s("003", "2"),
    s("003", "2.1"),
    s("003", "2.2"),
    s("003", "2.3"),
    s("003", "2.4"),
    s("003", "2.5"),
    s("003", "2.6"),
    s("003", "2.7"),
    s("003", "table"),
    s("003", "when"),
];

const fn s(lesson: &'static str, part: &'static str) -> Section {
    Section { lesson, part }
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
    pub section: Section,
    /// The binary: a lesson program's package, a tool, or an exercise's solution (`ex01_sol`).
    pub program: &'static str,
    pub args: &'static [&'static str],
    /// The exit status the lesson predicts.
    pub status: i32,
    /// Phrases the output (stdout and stderr) must contain.
    pub expect: &'static [&'static str],
    pub after: After,
    pub measure: Measure,
}

/// `step!("ID", section, program, args, status, expect)`: a step with its two texts.
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
    section: Section,
    program: &'static str,
    args: &'static [&'static str],
    status: i32,
    expect: &'static [&'static str],
) -> Step {
    Step {
        id,
        texts,
        section,
        program,
        args,
        status,
        expect,
        after: After::Nothing,
        measure: Measure::None,
    }
}

const fn then(mut s: Step, after: After) -> Step {
    s.after = after;
    s
}

const fn measured(mut s: Step, measure: Measure) -> Step {
    s.measure = measure;
    s
}

/// The message the shared-memory steps send, so the reader's output can be checked.
pub const SYSV_MESSAGE: &str = "Hello from System V";
pub const POSIX_MESSAGE: &str = "Hello from POSIX";

const S000_1: Section = s("000", "1");
const S000_2: Section = s("000", "2");
const S000_3: Section = s("000", "3");
const S000_4: Section = s("000", "4");
const S000_EX: Section = s("000", "ex");
const S003_1: Section = s("003", "1");
const S1_1: Section = s("003", "1.1");
const S1_2: Section = s("003", "1.2");
const S1_3: Section = s("003", "1.3");
const S1_4: Section = s("003", "1.4");
const S1_5: Section = s("003", "1.5");
const S1_6: Section = s("003", "1.6");
const S003_2: Section = s("003", "2");
const S2_1: Section = s("003", "2.1");
const S2_2: Section = s("003", "2.2");
const S2_3: Section = s("003", "2.3");
const S2_4: Section = s("003", "2.4");
const S2_5: Section = s("003", "2.5");
const S2_6: Section = s("003", "2.6");
const S2_7: Section = s("003", "2.7");
const S003_TABLE: Section = s("003", "table");
const S003_WHEN: Section = s("003", "when");

const SYSV_MAPS: Measure = Measure::Maps {
    call: "shmat",
    perms: "rw-s",
    first: true,
};
const SYSV_MAPS_READER: Measure = Measure::Maps {
    call: "shmat",
    perms: "r--s",
    first: false,
};
const POSIX_MAPS: Measure = Measure::Maps {
    call: "mmap",
    perms: "rw-s",
    first: true,
};
const POSIX_MAPS_READER: Measure = Measure::Maps {
    call: "mmap",
    perms: "r--s",
    first: false,
};

#[rustfmt::skip]
pub const STEPS: &[Step] = &[
    // 000 §1: the mapping lies in the address space between the heap and the stack.
    measured(then(step!("maps_sysv_write", S000_1, "sysv-writer", &["--key", "{key}", "--message", SYSV_MESSAGE, "--maps"], 0, &["[heap]", "[stack]", "/SYSV"]), After::SysvShm(true)), SYSV_MAPS),
    measured(then(step!("maps_sysv_read", S000_1, "sysv-reader", &["--key", "{key}", "--maps"], 0, &[SYSV_MESSAGE, "/SYSV"]), After::SysvShm(false)), SYSV_MAPS_READER),
    // 000 §2: why shared memory: no copies through the kernel, many readers, in RAM.
    // ipc-bench exits 0 only when what it counted agrees with the lessons (without ptrace,
    // the bytes /proc/PID/io saw): the rows are what the observation shows.
    step!("explain", S000_2, "ipc-bench", &["--explain", "--sizes", "4K"], 0, &["pipe ", "posix-mq ", "shm-sem ", "ring "]),
    step!("shm_readers", S000_2, "shm-claims", &["readers"], 0, &["shm_nattch = 3", "FIFO: 1/3"]),
    step!("shm_meminfo", S000_2, "shm-claims", &["meminfo"], 0, &["TMPFS_MAGIC", "Shmem:"]),
    // 000 §3: System V shared memory.
    then(step!("sysv_write", S000_3, "sysv-writer", &["--key", "{key}", "--message", SYSV_MESSAGE], 0, &["{key}"]), After::SysvShm(true)),
    then(step!("sysv_exclusive", S000_3, "sysv-writer", &["--key", "{key}", "--exclusive", "--message", "again"], 1, &["EEXIST"]), After::SysvShm(true)),
    then(step!("sysv_read_stat", S000_3, "sysv-reader", &["--key", "{key}", "--stat"], 0, &[SYSV_MESSAGE, "shm_segsz", "shm_nattch"]), After::SysvShm(false)),
    step!("sysv_read_again", S000_3, "sysv-reader", &["--key", "{key}"], 1, &["ENOENT"]),
    step!("shm_rmid", S000_3, "shm-claims", &["rmid"], 0, &["0x00000000", "dest", "(deleted)", "EINVAL"]),
    // 000 §4: POSIX shared memory.
    measured(then(step!("posix_write", S000_4, "posix-writer", &["--name", "{shm}", "--message", POSIX_MESSAGE, "--maps"], 0, &["/dev/shm/{shm}"]), After::PosixShm(true)), POSIX_MAPS),
    measured(then(step!("posix_read", S000_4, "posix-reader", &["--name", "{shm}", "--maps"], 0, &[POSIX_MESSAGE]), After::PosixShm(false)), POSIX_MAPS_READER),
    step!("mmap_kinds", S000_4, "mmap-kinds", &[], 0, &["MAP_PRIVATE", "MAP_SHARED"]),
    step!("shm_unlink_mapped", S000_4, "shm-claims", &["unlink"], 0, &["(deleted)", "ENOENT"]),
    // 000, exercise: parent A and child B, through System V (1) and POSIX (2) shared memory.
    step!("exercise_1", S000_EX, "ex01_sol", &[], 0, &["B received: hello from A", "A received: ack 12"]),
    step!("exercise_2", S000_EX, "ex02_sol", &["--name", "{shm}"], 0, &["B received: hello from A", "A received: ack 12"]),
    // 003 §1: message queues.
    step!("sysv_msg_demo", S003_1, "sysv-msg", &["demo", "--key", "{msgkey}"], 0, &["msgget", "IPC_RMID"]),
    then(step!("sysv_msg_send_5", S003_1, "sysv-msg", &["send", "--key", "{msgkey}", "--type", "5", "type five"], 0, &["{msgkey}"]), After::SysvMsg(true)),
    step!("sysv_msg_send_2", S003_1, "sysv-msg", &["send", "--key", "{msgkey}", "--type", "2", "type two"], 0, &["{msgkey}"]),
    step!("sysv_msg_send_9", S003_1, "sysv-msg", &["send", "--key", "{msgkey}", "--type", "9", "type nine"], 0, &["{msgkey}"]),
    step!("sysv_msg_receive_lowest", S003_1, "sysv-msg", &["receive", "--key", "{msgkey}", "--type", "-3"], 0, &["type 2: type two"]),
    then(step!("sysv_msg_rm", S003_1, "sysv-msg", &["rm", "--key", "{msgkey}"], 0, &["{msgkey}"]), After::SysvMsg(false)),
    then(step!("mq_create", S003_1, "posix-mq", &["create", "{mq}", "--max-msgs", "4", "--msg-size", "128"], 0, &[]), After::PosixMq(true)),
    step!("mq_send_low", S003_1, "posix-mq", &["send", "{mq}", "routine report", "--priority", "1"], 0, &[]),
    step!("mq_send_high", S003_1, "posix-mq", &["send", "{mq}", "urgent alarm", "--priority", "9"], 0, &[]),
    step!("mq_receive", S003_1, "posix-mq", &["receive", "{mq}"], 0, &["urgent alarm", "9"]),
    then(step!("mq_unlink", S003_1, "posix-mq", &["unlink", "{mq}"], 0, &[]), After::PosixMq(false)),
    step!("mq_boundaries", S003_1, "mq-claims", &["boundaries"], 0, &["\"onetwothree\"", "\"one\" | \"two\" | \"three\""]),
    // 003 1.1 … 1.6: what goes wrong with message queues.
    step!("mq_eagain_full", S1_1, "mq-errors", &["eagain-full"], 0, &["EAGAIN"]),
    step!("mq_block_send", S1_1, "mq-claims", &["block-send"], 0, &["mq_send", "State: S"]),
    step!("mq_eagain_empty", S1_2, "mq-errors", &["eagain-empty"], 0, &["EAGAIN"]),
    step!("mq_block_receive", S1_2, "mq-claims", &["block-receive"], 0, &["mq_receive", "State: S"]),
    step!("mq_emsgsize", S1_3, "mq-errors", &["emsgsize"], 0, &["EMSGSIZE"]),
    step!("mq_enoent", S1_4, "mq-errors", &["enoent"], 0, &["ENOENT"]),
    step!("mq_ebadf", S1_5, "mq-errors", &["ebadf"], 0, &["EBADF"]),
    step!("mq_limits", S1_6, "mq-errors", &["limits"], 0, &["EINVAL", "EMFILE"]),
    // 003 §2: shared memory with shm_open and mmap: the text crosses no system call.
    measured(then(step!("trace_posix_write", S003_2, "ipc-lab", &["trace", "--", "{bin}/posix-writer", "--name", "{shm}", "--message", POSIX_MESSAGE], 0, &["openat", "ftruncate", "mmap", "munmap"]), After::PosixShm(true)), Measure::NoCallCarries(POSIX_MESSAGE)),
    then(step!("posix_read_traced", S003_2, "posix-reader", &["--name", "{shm}"], 0, &[POSIX_MESSAGE]), After::PosixShm(false)),
    // 003 2.1 … 2.7: what goes wrong with shared memory.
    step!("shm_sigbus", S2_1, "shm-errors", &["sigbus"], 0, &["SIGBUS"]),
    step!("shm_eacces_open", S2_2, "shm-errors", &["eacces-open"], 0, &["EACCES"]),
    step!("shm_eacces_mmap", S2_3, "shm-errors", &["eacces-mmap"], 0, &["EACCES"]),
    step!("shm_race", S2_4, "shm-errors", &["race", "--procs", "2", "--iters", "100000"], 0, &["200000"]),
    step!("shm_race_semaphore", S2_4, "shm-errors", &["race", "--procs", "2", "--iters", "20000", "--lock", "semaphore"], 0, &["40000"]),
    step!("shm_race_locked", S2_4, "shm-errors", &["race", "--procs", "2", "--iters", "100000", "--lock", "mutex"], 0, &["200000"]),
    step!("shm_torn", S2_4, "shm-errors", &["torn"], 0, &["torn: "]),
    step!("shm_torn_semaphore", S2_4, "shm-errors", &["torn", "--lock", "semaphore"], 0, &["torn: 0/"]),
    step!("shm_deadlock", S2_5, "shm-errors", &["deadlock"], 0, &["ETIMEDOUT"]),
    step!("shm_deadlock_fixed", S2_5, "shm-errors", &["deadlock", "--fix", "order"], 0, &[]),
    step!("shm_deadlock_trylock", S2_5, "shm-errors", &["deadlock", "--fix", "trylock"], 0, &[]),
    step!("sem_enoent", S2_6, "sem-demos", &["enoent"], 0, &["ENOENT"]),
    step!("sem_eexist", S2_6, "sem-demos", &["eexist"], 0, &["EEXIST"]),
    step!("sem_blocked", S2_6, "sem-demos", &["blocked"], 0, &["sem_wait", "State: S"]),
    then(step!("sem_create", S2_6, "sem-demos", &["create", "{sem}", "--value", "1"], 0, &["/dev/shm/sem."]), After::PosixSem(true)),
    step!("sem_trywait", S2_6, "sem-demos", &["trywait", "{sem}"], 0, &[]),
    step!("sem_trywait_busy", S2_6, "sem-demos", &["trywait", "{sem}"], 1, &["EAGAIN"]),
    step!("sem_post", S2_6, "sem-demos", &["post", "{sem}"], 0, &[]),
    then(step!("sem_unlink", S2_6, "sem-demos", &["unlink", "{sem}"], 0, &[]), After::PosixSem(false)),
    step!("shm_dangling", S2_7, "shm-errors", &["dangling"], 0, &["/dev/shm"]),
    // 003, the comparison table: a queue synchronises for you, shared memory does not.
    step!("mq_producers", S003_TABLE, "mq-claims", &["producers"], 0, &["4000/4000"]),
    // 003, when to use which: the cost of a big message through the kernel, and without it.
    step!("explain_big", S003_WHEN, "ipc-bench", &["--explain", "--sizes", "1M", "--only", "pipe,posix-mq,ring"], 0, &["pipe ", "posix-mq ", "ring "]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_steps_in_the_courses_order() {
        let ids: BTreeSet<_> = STEPS.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), STEPS.len());
        let rank = |s: &Step| {
            SECTIONS
                .iter()
                .position(|x| *x == s.section)
                .unwrap_or_else(|| panic!("{}: not a section of the course", s.id))
        };
        assert!(STEPS.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));
    }

    #[test]
    fn every_section_of_both_lessons_has_a_step() {
        for section in SECTIONS {
            assert!(
                STEPS.iter().any(|s| s.section == *section),
                "{section:?} has no step"
            );
        }
    }

    #[test]
    fn sections_select_their_subsections() {
        let s24 = s("003", "2.4");
        assert!(s24.is_under("2") && s24.is_under("2.4"));
        assert!(!s24.is_under("2.1") && !s("003", "2").is_under("2.4"));
        assert!(!s("003", "20").is_under("2"));
    }

    #[test]
    fn every_step_and_section_has_its_texts_in_every_language() {
        let catalog = ipc_text::catalog();
        let ids = STEPS
            .iter()
            .flat_map(|s| [s.texts.concept, s.texts.takeaway])
            .chain(SECTIONS.iter().map(Section::title))
            .chain(SECTIONS.iter().filter_map(Section::name));
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
