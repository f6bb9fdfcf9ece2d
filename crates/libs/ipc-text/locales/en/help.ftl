### English: every program's --help: help-PROGRAM (its about), help-PROGRAM-more (the
### paragraphs only --help shows), help-PROGRAM-ARG (an option), help-PROGRAM-SUBCOMMAND…;
### an option several commands share is written once, at the nearest command they share
### (help-posix-mq-name) or bare (help-key). See ipc-support/src/cli/help.rs.

## Options every System V program shares (--key, or --path with --proj-id).
help-key = Use this key directly (hex as ipcs shows it, e.g. 0x1234) instead of ftok
help-path = File whose inode ftok turns into the key (it must exist)
help-proj-id = Project id for ftok, 1-255 (only the low 8 bits count)
help-lang = Language of the texts (default: IPC_LAB_LANG, else LANG, else en)

## sysv-writer
help-sysv-writer = Write a message into a System V shared-memory segment and leave it there for sysv-reader
help-sysv-writer-more =
    The key comes from ftok(PATH, PROJ_ID) (./shmfile and 65, as the lesson) or from --key. shmget finds or creates the segment, shmat maps it into this process, the text goes at offset 0 with its terminating NUL, and shmdt detaches. The segment outlives this program.
help-sysv-writer-size = Size of the segment in bytes (k and m suffixes allowed)
help-sysv-writer-message = The text to write; without it, one line is read from stdin as the lesson's fgets does
help-sysv-writer-mode = Permission bits of a new segment, in octal (0666 lets every user write it)
help-sysv-writer-exclusive = Fail with EEXIST if a segment with this key exists already (IPC_EXCL)
help-sysv-writer-maps = After shmat, show where the segment sits in this process's address space (/proc/self/maps)
help-sysv-writer-wait-reader = After writing, wait until a reader has attached and detached (watching shm_nattch)
help-sysv-writer-timeout = With --wait-reader: give up after this many seconds (default: wait until Ctrl-C)

## sysv-reader
help-sysv-reader = Read the message a writer left in a System V shared-memory segment, then remove it
help-sysv-reader-more =
    The key is the writer's: ftok(PATH, PROJ_ID) (./shmfile and 65, as the lesson) or --key. shmat attaches the segment read-only (SHM_RDONLY), the text is read up to its first NUL and never past the segment's end, shmdt detaches, and shmctl(IPC_RMID) removes it.
help-sysv-reader-keep = Leave the segment in place (no IPC_RMID), so it can be read again
help-sysv-reader-stat = Print what shmctl(IPC_STAT) reports (the fields of shmid_ds) before reading
help-sysv-reader-maps = After shmat, show where the segment sits in this process's address space (/proc/self/maps)

## posix-writer
help-posix-writer = Write a message into a POSIX shared-memory object and leave it there for posix-reader
help-posix-writer-more =
    shm_open creates the object (a file in /dev/shm), ftruncate gives it its size (a new object has none), mmap(MAP_SHARED) maps it, the text goes at offset 0 with its NUL, then munmap and close. The object outlives this program until shm_unlink.
help-posix-writer-name = Name of the object; Linux keeps it as /dev/shm/NAME (default: the lesson's tho_mmap with your user name, since /dev/shm is the whole machine's; --name tho_mmap is the lesson's own, which its C programs use)
help-posix-writer-size = Size of the object in bytes, set with ftruncate (k and m suffixes allowed)
help-posix-writer-message = The text to write; without it, one line is read from stdin
help-posix-writer-mode =
    Permission bits of a new object, in octal; the umask still applies (0666 lets every user write it)
help-posix-writer-exclusive = Fail with EEXIST if the object exists already (O_EXCL)
help-posix-writer-truncate = Cut an existing object to 0 bytes first, wiping its old contents (O_TRUNC)
help-posix-writer-maps = After mmap, show where the object sits in this process's address space (/proc/self/maps)

## posix-reader
help-posix-reader = Read the message a writer left in a POSIX shared-memory object, then unlink it
help-posix-reader-more =
    shm_open opens the object read-only, fstat tells its size (a reader never calls ftruncate: that would change the writer's object), mmap(PROT_READ, MAP_SHARED) maps it, the text is read up to its first NUL and never past the end; then munmap, close, shm_unlink.
help-posix-reader-name = Name of the object, as the writer named it (Linux shows it as /dev/shm/NAME) (default: the lesson's tho_mmap with your user name, as posix-writer names it)
help-posix-reader-keep = Leave the object in place (no shm_unlink), so it can be read again
help-posix-reader-maps = After mmap, show where the object sits in this process's address space (/proc/self/maps)

## shm-claims
help-shm-claims = Measure lesson 000's claims about shared memory on this machine
help-shm-claims-more = readers: one writer, many readers at once (shm_nattch), while a FIFO's bytes reach one reader only (§2). rmid and unlink: IPC_RMID and shm_unlink remove the name, the memory lives until the last detach or unmap (§3, §4). meminfo: the data is in RAM, counted as Shmem in /proc/meminfo (§2). Every object made is removed at the end.
help-shm-claims-readers = §2: K readers attached to one segment at once all read the text; through a FIFO, one does
help-shm-claims-readers-readers = How many readers (2 to 16)
help-shm-claims-readers-message = The text the writer leaves (at most 1000 bytes)
help-shm-claims-rmid = §3: IPC_RMID while attached: key 0, status dest, data still readable, gone after shmdt
help-shm-claims-unlink = §4: shm_unlink while mapped: /dev/shm empty, the maps line (deleted), the text still reads
help-shm-claims-meminfo = §2: Shmem in /proc/meminfo rises by the object's size when its pages are touched, falls on removal
help-shm-claims-meminfo-size = Size of each object, 1M to 1G (k, m and g suffixes allowed); big enough to stand out from what other processes do to Shmem meanwhile

## mmap-kinds
help-mmap-kinds = Show the four kinds of memory mapping: private or shared, anonymous or backed by a file
help-mmap-kinds-more =
    For each kind a child process writes into the mapping, then the parent looks (at its own mapping, or at the file). MAP_PRIVATE changes stay in the writer's copy-on-write pages; MAP_SHARED changes are seen by the other process and reach the file.
help-mmap-kinds-dir = Directory for the small temporary file the file mappings use (removed at the end)

## sysv-msg
help-sysv-msg = System V message queues: send and receive typed messages, show and remove a queue
help-sysv-msg-more =
    A queue found by a numeric key holds messages that each carry a type (a number > 0); msgrcv can ask for a given type, for any, or for the lowest types first. The queue outlives its processes until msgctl(IPC_RMID) (`sysv-msg rm`).

    Every subcommand finds the queue by `--key 0x1234`, or by `--path FILE --proj-id N` through ftok, as every System V program of the course.
help-sysv-msg-demo =
    The lesson's sample: msgget, msgsnd type 1, msgrcv type 1, msgctl(IPC_RMID). Without --key or --path it uses the lesson's key 1234
help-sysv-msg-demo-message = The text to send and receive back
help-sysv-msg-send = Send one message (msgsnd); creates the queue when it does not exist
help-sysv-msg-send-mtype = Message type, a number greater than 0
help-sysv-msg-send-text = The message text (sent as its bytes, UTF-8 or not)
help-sysv-msg-send-nowait = Do not wait when the queue is full: fail with EAGAIN (IPC_NOWAIT)
help-sysv-msg-send-mode = Permission bits when the queue is created, in octal
help-sysv-msg-receive = Receive one message (msgrcv) chosen by --type
help-sysv-msg-receive-mtype =
    Which message: N > 0 the first of type N; 0 the first of any type; N < 0 the first of the lowest type that is at most |N|
help-sysv-msg-receive-nowait = Do not wait when no message matches: fail with ENOMSG (IPC_NOWAIT)
help-sysv-msg-receive-no-error = Cut a message longer than --max-bytes instead of failing with E2BIG (MSG_NOERROR)
help-sysv-msg-receive-max-bytes = Size of the receive buffer in bytes (default: the kernel's msgmax)
help-sysv-msg-stat = Show the queue's msqid_ds (msgctl IPC_STAT)
help-sysv-msg-rm = Remove the queue and its messages (msgctl IPC_RMID)

## posix-mq
help-posix-mq = Drive a POSIX message queue from the shell
help-posix-mq-more =
    A POSIX queue is a kernel object named like "/jobs" that holds up to mq_maxmsg messages of at most mq_msgsize bytes each. mq_receive always takes the oldest message of the highest priority. The queue lives until it is unlinked (or the machine reboots), not until its creator exits.
help-posix-mq-create = Create a queue (mq_open with O_CREAT); it stays until `posix-mq unlink`
help-posix-mq-name = Queue name: a leading '/', no other '/', at most 255 bytes (e.g. /jobs)
help-posix-mq-create-max-msgs = Most messages the queue holds (mq_maxmsg); default: the kernel's msg_default
help-posix-mq-create-msg-size = Longest message in bytes (mq_msgsize); default: the kernel's msgsize_default
help-posix-mq-create-exclusive = Fail with EEXIST if the queue exists already (O_EXCL)
help-posix-mq-create-mode = Permission bits of a new queue, in octal
help-posix-mq-send = Send one message (mq_send, or mq_timedsend with --timeout)
help-posix-mq-send-text = The message text (sent as its bytes, UTF-8 or not, without a trailing NUL)
help-posix-mq-send-priority = Priority 0-32767: higher priorities are received first
help-posix-mq-nonblock = Do not wait: fail with EAGAIN at once (O_NONBLOCK)
help-posix-mq-timeout = Wait at most SECS seconds, then fail with ETIMEDOUT (fractions allowed)
help-posix-mq-receive = Receive the highest-priority message (mq_receive, or mq_timedreceive with --timeout)
help-posix-mq-attr = Show the queue's attributes (mq_getattr)
help-posix-mq-unlink = Remove the queue's name (mq_unlink)

## mq-errors
help-mq-errors = Reproduce the message-queue errors of the lesson on this machine, one at a time or all
help-mq-errors-more =
    Each demo prints the scenario, the call that failed, the errno and its message, why Linux does it, and the fix. It exits 0 when the error happened as the lesson says, 1 (saying why) when this machine behaved otherwise. Every queue it makes is removed.
help-mq-errors-eagain-full = 1.1 mq_send on a full queue with O_NONBLOCK: EAGAIN
help-mq-errors-eagain-empty = 1.2 mq_receive on an empty queue with O_NONBLOCK: EAGAIN
help-mq-errors-emsgsize = 1.3 a message longer than mq_msgsize, a buffer shorter than it: EMSGSIZE
help-mq-errors-enoent = 1.4 mq_open without O_CREAT of a queue that does not exist: ENOENT
help-mq-errors-ebadf = 1.5 receive through a write-only descriptor, send through a read-only one: EBADF
help-mq-errors-limits = 1.6 beyond msg_max/msgsize_max (EINVAL), RLIMIT_MSGQUEUE (EMFILE), queues_max (ENOSPC)
help-mq-errors-all = Every demo above, then a summary line

## mq-claims
help-mq-claims = Measure lesson 003's claims about message queues on this machine
help-mq-claims-more = boundaries: data travels as messages, a pipe carries a byte stream (§1). block-send and block-receive: without O_NONBLOCK a full queue blocks its sender and an empty one its receiver (1.1, 1.2), seen in /proc. producers: the kernel keeps a queue consistent with no lock, where a shared counter loses updates (the comparison table).
help-mq-claims-boundaries = §1: three writes through a pipe read back as one byte stream; three queue messages as three
help-mq-claims-block-send = 1.1: mq_send on a full queue without O_NONBLOCK sleeps (State: S) until a receive makes room
help-mq-claims-block-receive = 1.2: mq_receive on an empty queue without O_NONBLOCK sleeps (State: S) until a send
help-mq-claims-producers = The table: K producers send M messages each with no lock, and all K·M arrive; beside them, K processes adding to a shared counter with no lock lose updates
help-mq-claims-producers-producers = How many producer processes (2 to 16)
help-mq-claims-producers-messages = Messages each producer sends (1 to 100000)
help-mq-claims-producers-increments = Increments each process adds to the shared counter (1000 to 10000000)

## shm-errors
help-shm-errors = Reproduce the classic shared-memory mistakes on this machine, explain them, then fix them
help-shm-errors-more =
    The demos: SIGBUS after a forgotten ftruncate, EACCES on open and on mmap, lost updates without a lock, a lock-order deadlock, and objects left dangling in /dev/shm. Each demo prints the scenario, the failing call, the error, why Linux does it, and the fix; it exits 0 when it reproduced the claim.
help-shm-errors-sigbus = 2.1 A child maps an object that was never ftruncate'd, touches it, and dies of SIGBUS
help-shm-errors-eacces-open = 2.2 An object created 0400 is reopened O_RDWR: EACCES (as an unprivileged user when run as root)
help-shm-errors-eacces-mmap = 2.3 An O_RDONLY descriptor mapped with PROT_WRITE and MAP_SHARED: EACCES
help-shm-errors-race = 2.4 Processes add to one shared counter, without a lock (lost updates) or with one (exact)
help-shm-errors-race-procs = Number of processes incrementing the counter (1 to 64)
help-shm-errors-race-iters = Increments per process (1 to 10000000)
help-shm-errors-race-lock =
    What protects the counter: nothing, an unnamed process-shared semaphore, or a process-shared pthread mutex
help-shm-errors-torn = 2.4 A writer sets len then copies buf while a reader reads them: torn records, none under a semaphore
help-shm-errors-torn-records = Records the writer writes (1000 to 1000000)
help-shm-errors-torn-lock = What protects the record: nothing, or an unnamed process-shared semaphore
help-shm-errors-deadlock = 2.5 Two processes take two semaphores in opposite order; timed waits detect the deadlock
help-shm-errors-deadlock-fix = Avoid the deadlock: one global lock order, or trylock with back-off
help-shm-errors-deadlock-timeout = Seconds a process waits for its second semaphore before it calls it a deadlock
help-shm-errors-dangling = 2.7 Leave a shm object and a semaphore behind, show them in /dev/shm, then remove them

## sem-demos
help-sem-demos = POSIX named semaphores: the two classic sem_open errors, and a toolbox for one semaphore
help-sem-demos-more =
    A named semaphore is a counter the kernel keeps for several processes (wait takes one, post gives one back, waiting blocks at 0). Linux shows each as /dev/shm/sem.NAME, and it stays there until unlinked. `enoent` and `eexist` reproduce sem_open's two classic errors.
help-sem-demos-enoent = 2.6 sem_open without O_CREAT on a name that does not exist: ENOENT
help-sem-demos-eexist = 2.6 sem_open with O_CREAT|O_EXCL on a name that exists: EEXIST
help-sem-demos-blocked = sem_wait on a semaphore at 0: a child sleeps (State: S) until the parent's sem_post wakes it
help-sem-demos-create = Create (or open) a named semaphore and leave it for other commands
help-sem-demos-name = Semaphore name, e.g. demo_sem (stored as /dev/shm/sem.demo_sem)
help-sem-demos-create-value = Initial value (used only when the semaphore is created)
help-sem-demos-create-exclusive = Fail with EEXIST if it already exists (O_EXCL)
help-sem-demos-create-mode = Permission bits in octal
help-sem-demos-post = sem_post: add one, waking a waiter
help-sem-demos-wait = sem_wait: take one, blocking while the value is 0 (Ctrl-C stops waiting)
help-sem-demos-wait-timeout = Give up after this many seconds (sem_timedwait: ETIMEDOUT)
help-sem-demos-trywait = sem_trywait: take one if the value is above 0, else fail at once with EAGAIN
help-sem-demos-value = sem_getvalue: print the current value
help-sem-demos-unlink = sem_unlink: remove the name (processes that have it open keep using it)

## ipc-lab
help-ipc-lab =
    Learn Linux IPC by running it: a guided tour of the lessons, tools to see and clean the IPC objects on this machine, and the grader of the exercises
help-ipc-lab-tour = Run the lesson programs in the course's order, explaining each step
help-ipc-lab-tour-after =
    Each step runs one real program of the course and shows the exact command, so you can run it
    again; its exit status, its output and what it measured are checked against what the lesson says.
    Every object the tour makes is removed at the end, also on Ctrl-C. Exit 0 only when every step behaved.
help-ipc-lab-tour-lesson = Run only lesson 000 (shared memory) or 003 (message queues and shared memory compared)
help-ipc-lab-tour-section = With --lesson, only this section: as the lesson numbers it (3, 1.2, 2.4; 2 holds 2.1 … 2.7), or ex (000's exercise), table (003's comparison), when (003's when to use)
help-ipc-lab-tour-json = Print one JSON document instead: every step with its section, command, observation and verdict
help-ipc-lab-ls = List every System V and POSIX IPC object on this machine
help-ipc-lab-ls-after =
    Reads /proc/sysvipc/{"{"}shm,msg,sem{"}"}, /dev/shm and /dev/mqueue (when mounted); who uses an object
    comes from /proc/*/maps and /proc/*/fd. An object no live process uses is dangling: it stays
    until someone removes it (ipc-lab clean) or the machine reboots.
help-ipc-lab-ls-json = Print JSON (numbers as numbers, booleans as booleans) instead of a table
help-ipc-lab-clean = Remove the IPC objects you select (nothing else)
help-ipc-lab-clean-after =
    At least one selector is required: with none, clean refuses (exit 2) rather than guess.
    Try --dry-run first. Objects go with IPC_RMID, shm_unlink, sem_unlink or mq_unlink.
help-ipc-lab-clean-dry-run = Show what would be removed, remove nothing
help-ipc-lab-clean-dangling = Select objects no live process uses (marked dangling by `ipc-lab ls`)
help-ipc-lab-clean-name =
    Select objects whose name matches PATTERN (wildcards * and ?): a POSIX name such as '/demo*' or a System V key such as 0x1234abcd; repeat to select more. With --dangling, an object must match both. Without /dev/mqueue mounted, POSIX queues cannot be listed: only an exact name (no wildcard, no --dangling) finds one
help-ipc-lab-limits = Show the kernel limits that shape the lessons
help-ipc-lab-limits-after =
    Values come from /proc/sys/kernel, /proc/sys/fs/mqueue, getrlimit(RLIMIT_MSGQUEUE) and
    statvfs(/dev/shm). Most change with sysctl -w as root; RLIMIT_MSGQUEUE with ulimit -q.
help-ipc-lab-grade = Grade the exercises (yours, or the reference solutions)
help-ipc-lab-grade-after =
    Each exercise file is built outside the submission's tree (target/grade/) and run from outside by checks that live in the grader: several inputs, large inputs, exactness under load, signals, and nothing left behind. Every run has a timeout and its own process group; objects a run leaves are removed and cost points.

    Exit status: 0 when the score reaches --min-score (default: full marks), 1 otherwise.

    Examples:
      ipc-lab grade                                   your exercises/, all six
      ipc-lab grade ex03 --solutions                  the reference answer of ex03
      ipc-lab grade --submission ~/alice --format gradescope --output results.json
      ipc-lab grade --format junit --min-score 40 > grade.xml
      ipc-lab grade --class ~/submissions --output grades.csv   one row per subdirectory
help-ipc-lab-grade-exercises = Exercises to grade (default: all of them), e.g. `ex01 ex04`
help-ipc-lab-grade-solutions = Grade the reference solutions (solutions/) instead of exercises/
help-ipc-lab-grade-class =
    Grade a class: every subdirectory of DIR is one submission, several graded at once; writes the gradebook (CSV) to --output FILE and one JSON report per submission. Hidden subdirectories are skipped
help-ipc-lab-grade-jobs = How many exercises are graded at once; with --class, how many submissions (default: the number of CPUs)
help-ipc-lab-grade-reports =
    With --class: the folder of the per-submission JSON reports (default: beside the gradebook, named after it: grades.csv → grades-reports/)
help-ipc-lab-grade-submission-limit =
    With --class: seconds one submission's whole grading may take before it is stopped and its row says so (default: 10 minutes plus 10 × --time-limit per exercise)
help-ipc-lab-grade-submission = Grade a student's copy of the repository (or a directory holding exNN.rs files)
help-ipc-lab-grade-format = Output format
help-ipc-lab-grade-min-score = Exit 0 when the score reaches this many points (default: full marks)
help-ipc-lab-grade-output = Write the result to FILE instead of stdout (with --class: the gradebook, CSV)
help-ipc-lab-grade-time-limit =
    Seconds an ordinary run may take before it counts as hung and is killed (the heaviest checks get a multiple of it); raise it on a slow or busy machine
help-ipc-lab-grade-isolation =
    `auto`: each run in its own namespaces if this machine allows them, otherwise traced, unprivileged and limited in the host's (said on stderr). `required`: refuse to grade without namespaces. `none`: never use them (to try the fallback)
help-ipc-lab-trace = Run a program and show the IPC calls it (and its children) make, explained
help-ipc-lab-trace-after =
    Examples:
      ipc-lab trace -- ./target/debug/sysv-writer --message hi
      ipc-lab trace --output trace.txt -- cargo run -q -p posix-mq -- receive /jobs
help-ipc-lab-trace-output = Write the trace to FILE instead of stderr
help-ipc-lab-trace-command = The program to run, then its arguments
help-ipc-lab-hint = Show a hint for one exercise
help-ipc-lab-hint-exercise = The exercise, e.g. ex01 (`ipc-lab list` shows them all)
help-ipc-lab-list = List the exercises and whether each is done
help-ipc-lab-list-submission = Look at a student's copy of the repository instead of this one
help-ipc-lab-autograder = Write an autograder for a grading platform (Gradescope)
help-ipc-lab-autograder-gradescope =
    A Gradescope autograder: setup.sh, run_autograder and the course without its solutions; zip and upload it as DIR/README.md says. Students read their results in the language of --lang
help-ipc-lab-autograder-gradescope-output = The folder to write (created; an earlier autograder there is replaced)
help-ipc-lab-autograder-gradescope-time-limit = Seconds a run may take on Gradescope's machines before it counts as hung

## ipc-bench
help-ipc-bench = Measures the lessons' claim that shared memory is the fastest IPC, on this machine
help-ipc-bench-more =
    Two processes pinned to different cores exchange messages over pipes, FIFOs, Unix sockets, POSIX and System V message queues, and shared memory (semaphore hand-off, lock-free ring): one-way latency from ping-pong, throughput from streaming. Each repetition is paired with the hardware's limit measured right before it: a cache line bounced between the cores, and a buffer copied out by the other core.
help-ipc-bench-sizes = Message sizes, comma-separated (suffixes K/KiB, M/MiB)
help-ipc-bench-only = Only these mechanisms (comma-separated)
help-ipc-bench-seconds = Seconds per repetition of each measurement
help-ipc-bench-reps = Repetitions of each measurement (each after its own baseline probe)
help-ipc-bench-quick = A smoke run: short repetitions, whole run under 5 seconds
help-ipc-bench-csv = Print CSV (one row per repetition) instead of the table
help-ipc-bench-json = Print JSON (every measurement, the targets, the warnings) instead of the table
help-ipc-bench-svg = Also write a chart of latency and throughput by size to FILE (SVG)
help-ipc-bench-explain = Instead of timing them: what one message costs each mechanism, counted by the kernel (system calls and the bytes they carry, /proc/PID/io, context switches, per message)
