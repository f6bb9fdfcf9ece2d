//! English: exercises and grader: ipc-lab grade, hint, list.

pub(crate) const TEXTS: &[(&str, &str)] = &[
    (
        "exercises.hint.ex01",
        "A segment made with shmget(IPC_PRIVATE, ...) has no key: only A and the children it forks
know its id. Attach it before fork() and B inherits the attachment. A does not need to
sleep: waiting for B to exit (Child::wait) tells A the reply is in place. Create the
Cleanup guard right after the segment, so an error anywhere still removes it.",
    ),
    (
        "exercises.hint.ex02",
        "shm_open gives a descriptor of size 0: ftruncate before mmap, or touching the mapping
raises SIGBUS. O_EXCL makes sure you never reuse somebody else's object. B opens
the object by its name, as an unrelated process would. Unlink it with a Cleanup guard.",
    ),
    (
        "exercises.hint.ex03",
        "mq_receive always returns the oldest message of the highest priority present. So if A sends
every message before B starts receiving, B sees them sorted by priority, FIFO among equals.
The receive buffer must be at least mq_msgsize (128) bytes, or mq_receive fails EMSGSIZE.
Close the descriptor with mq_close; unlink the name with a guard
(ipc_support::Cleanup::mq).",
    ),
    (
        "exercises.hint.ex04",
        "`load` then `store` is two steps: two processes can both read 41 and both write 42. Make
the pair a critical section: a named semaphore with value 1 is a lock (wait = take, post =
give back). Create it once in the parent before fork(); the children inherit it.",
    ),
    (
        "exercises.hint.ex05",
        "A deadlock needs a cycle: P holds a and waits for b while Q holds b and waits for a. Break
the cycle by making every process take the locks in the same global order (a before b),
whatever the direction of the move. Release in the reverse order.",
    ),
    (
        "exercises.hint.ex06",
        "Signal handlers may do almost nothing: ipc_support::interrupt::install sets a flag. Your main
loop checks ipc_support::interrupt::received() and, once it is set, leaves the loop normally so
the Cleanup guards run (mq_unlink, sem_unlink, shm_unlink). Print `ready` only after all
three objects exist, and return Ok(()) so the exit status is 0.",
    ),
    ("exercises.list.header", "Exercises (edit exercises/exNN.rs; grade with `ipc-lab grade`):"),
    ("exercises.list.pending", "pending (still has todo!())"),
    ("exercises.list.done", "done"),
    ("exercises.list.score", "{0}/{1} at the last grade"),
    ("exercises.list.ungraded", "started, not graded yet"),
    ("exercises.list.changed", "changed since the last grade ({0}/{1})"),
    ("exercises.list.footer", "{0} of {1} done. Next: `ipc-lab hint EXERCISE`, `ipc-lab grade EXERCISE`."),
    ("exercises.hint.header", "Hint for {0} ({1}); the contract is at the top of {2}:"),
];
