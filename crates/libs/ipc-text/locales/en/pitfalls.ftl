### English: shared-memory pitfalls and semaphores: shm-errors, sem-demos.

## The report every error demo prints (ipc-support pitfall.rs), mq-errors too.
pitfall-scenario = scenario
pitfall-call = call
pitfall-errno = errno
pitfall-signal = signal
pitfall-observed = observed
pitfall-why = why
pitfall-fix = fix
pitfall-note = note
pitfall-result = result
pitfall-not-reproduced = this machine did not reproduce the lesson: expected { $expected }, got { $got }
pitfall-success = success
pitfall-child-that = a child that { $end }
## What a demo expected and got when this machine did not reproduce it.
shm-errors-race-nr-expected = lost updates
shm-errors-race-nr-one-proc = none: one process alone cannot race (use --procs 2 or more)
shm-errors-race-nr-no-overlap = none: the processes never overlapped on this machine
shm-errors-race-no-start = the children did not start within 10 s
shm-errors-race-child-died = it { $end } before finishing its increments
shm-errors-race-not-excluded = the locked total is { $got }, not { $expected }: the lock did not exclude
shm-errors-eacces-open-nr-root = root's O_RDWR open to succeed
shm-errors-eacces-open-nr-child = a child running as an unprivileged user
shm-errors-eacces-open-nr-drop-failed = a failed privilege drop
shm-errors-deadlock-nr-expected = both processes stuck waiting
shm-errors-deadlock-nr-states = states { $states } (1 = timed out, 2 = finished, 3 = failed)
shm-errors-deadlock-no-first = could not take its first semaphore back within 10 s
shm-errors-deadlock-not-finished = the processes did not both finish: states { $states } (1 = timed out, 2 = finished, 3 = failed)
shm-errors-dangling-nr-child = a child that creates two objects and exits
shm-errors-dangling-nr-listed = both objects still in /dev/shm
shm-errors-dangling-nr-count = { $count } of 2
shm-errors-dangling-nr-gone = both objects gone after unlink
shm-errors-dangling-nr-still = an object still listed
shm-errors-sigbus-nr-expected = a child killed by SIGBUS
shm-errors-sigbus-nr-fixed = the store to work after ftruncate
## shm-errors sigbus
shm-errors-sigbus-created =
    created { $path } with shm_open and did NOT call ftruncate: its size is { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    }
shm-errors-sigbus-mapped =
    mmap of { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    } succeeded anyway: the size is only checked when a page is touched
shm-errors-sigbus-scenario = A child process writes into a mapping of { $name }, an object that was never given a size.
shm-errors-sigbus-call = store to byte 0 of mmap(NULL, { $size }, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0), in child pid { $pid }
shm-errors-sigbus-why =
    A new shared-memory object has size 0. mmap accepts any length, but a page that lies
    beyond the object's end has no memory behind it, so the first access raises SIGBUS
    (not SIGSEGV: the address is mapped, the object is too short). The parent saw it in waitpid.
shm-errors-sigbus-fix =
    Call ftruncate(fd, size) after shm_open and before mmap, and check its result;
    posix_fallocate(fd, 0, size) then reserves its pages, so a full /dev/shm is ENOSPC there,
    not SIGBUS later; a reader should fstat the object and map no more than st_size.
shm-errors-sigbus-fixed = fixed: after ftruncate({ $name }, { $size }) the same store works; read back "{ $text }"
## shm-errors eacces-open
shm-errors-eacces-open-created = created { $path } with mode 0400 (read-only, even for its owner)
shm-errors-eacces-open-scenario = { $who } opens { $name }, created with mode 0400, with O_RDWR.
shm-errors-eacces-open-why =
    shm_open checks the object's mode bits in /dev/shm like open(2) checks a file's:
    O_RDWR needs the write bit for the caller, and 0400 gives write to nobody.
shm-errors-eacces-open-fix =
    Create the object with the mode its users need (0600 for yourself, 0660 for a group),
    or open it O_RDONLY when reading is enough. Avoid 0666: every user could write it.
shm-errors-eacces-open-root-ok = as root, shm_open(O_RDWR) of that 0400 object SUCCEEDED: root is not checked
shm-errors-eacces-open-dropped = child: dropped to uid { $uid }, gid { $gid } (setgroups, setgid, then setuid) and tries again
shm-errors-eacces-open-root-why =
    Why root did not see it: root holds CAP_DAC_OVERRIDE, which skips file-mode checks.
    The kernel only applies the 0400 mode to an ordinary user, as the child showed.
## shm-errors eacces-mmap
shm-errors-eacces-mmap-opened = opened { $path } with O_RDONLY
shm-errors-eacces-mmap-scenario = A descriptor of { $name } opened O_RDONLY is mapped with PROT_WRITE and MAP_SHARED.
shm-errors-eacces-mmap-why =
    A shared writable mapping writes through to the object, so mmap requires a descriptor
    opened for writing. The check is on the descriptor, not on the file's mode:
    it fails for root too.
shm-errors-eacces-mmap-fix =
    Open with O_RDWR when you need PROT_WRITE; a reader maps with PROT_READ only
    (or MAP_PRIVATE if it wants a private, copy-on-write scratch copy).
shm-errors-eacces-mmap-fixed = fixed: PROT_READ on the O_RDONLY descriptor works, and PROT_WRITE on an O_RDWR one works
## shm-errors race
shm-errors-race-start =
    attempt { $attempt }: { $procs ->
        [one] { $procs } process
       *[other] { $procs } processes
    } each add 1 to one shared counter { $iters } times, with no lock
shm-errors-race-start-locked =
    { $procs ->
        [one] { $procs } process
       *[other] { $procs } processes
    } each add 1 to one shared counter { $iters } times, under { $lock }
shm-errors-race-result =
    expected { $expected }, got { $got }: { $lost ->
        [one] { $lost } update
       *[other] { $lost } updates
    } lost
shm-errors-race-scenario =
    { $procs ->
        [one] { $procs } process
       *[other] { $procs } processes
    } run counter = counter + 1 on one counter in shared memory, { $iters } times each, without a lock.
shm-errors-race-call = counter = counter + 1 (a load, then a store) with no lock
shm-errors-race-lost =
    { $lost } of { $expected ->
        [one] { $expected } update
       *[other] { $expected } updates
    } lost ({ $percent }%)
shm-errors-race-why =
    Shared memory has no synchronisation of its own. Two processes load the same value,
    each adds 1, and the second store overwrites the first: one increment vanishes.
    The kernel does not help, and nothing reports an error.
shm-errors-race-fix =
    Protect the update with a lock that lives in the shared memory: a sem_t initialised
    with sem_init(sem, 1, 1), or a pthread mutex with PTHREAD_PROCESS_SHARED
    (shm-errors race --lock semaphore | --lock mutex). For a lone counter, an atomic add also works.
shm-errors-race-none-lost = no update was lost this time: the processes barely overlapped (other work on the CPUs, or a short run); trying again with ten times more increments
shm-errors-race-with-semaphore = an unnamed semaphore in the mapping (sem_init pshared=1; sem_wait/sem_post around each update)
shm-errors-race-with-mutex = a pthread mutex in the mapping (PTHREAD_PROCESS_SHARED; lock/unlock around each update)
shm-errors-race-exact = exact: the lock lets one process at a time do its load and store
## shm-errors deadlock
shm-errors-deadlock-plan = process A takes { $first } then { $second }; process B takes { $second } then { $first }
shm-errors-deadlock-plan-order = fix by order: both processes take { $first } first, then { $second }
shm-errors-deadlock-plan-trylock = fix by trylock: A takes { $first } then { $second }; B takes { $second }, then only TRIES { $first }, and on failure releases { $second } and backs off
shm-errors-deadlock-process = process { $process } is pid { $pid }: takes { $first }, then { $second }
shm-errors-deadlock-stuck = process { $process }: holds { $held }, waits for { $wanted }; gave up after { $seconds } s
shm-errors-deadlock-scenario = Two processes each hold one semaphore and wait for the one the other holds.
shm-errors-deadlock-why =
    Each process waits for a semaphore that only the other can post, and the other is
    waiting too: a cycle. sem_wait would block both forever; the kernel does not detect
    deadlocks between semaphores. Only the timed wait (sem_timedwait) broke the cycle here.
shm-errors-deadlock-fix =
    Take locks in one global order everywhere (always sem1 before sem2): --fix order.
    Or take the second with sem_trywait and, if it fails, release the first and retry
    after a short back-off that doubles each time: --fix trylock. Timed waits help detect what remains.
shm-errors-deadlock-rounds =
    process { $process }: { $rounds ->
        [one] { $rounds } round
       *[other] { $rounds } rounds
    } with both semaphores, { $backoffs ->
        [one] { $backoffs } back-off
       *[other] { $backoffs } back-offs
    }
shm-errors-deadlock-fixed-order =
    no deadlock: with one lock order, both processes finished their { $rounds ->
        [one] { $rounds } round
       *[other] { $rounds } rounds
    }
shm-errors-deadlock-fixed-trylock =
    no deadlock: backing off released the cycle, both processes finished their { $rounds ->
        [one] { $rounds } round
       *[other] { $rounds } rounds
    }
shm-errors-deadlock-clean = both processes have exited and been reaped; both semaphores are removed
## shm-errors dangling
shm-errors-dangling-exited = process { $pid } created a shm object and a semaphore, used them, and exited without unlinking; /dev/shm now shows:
shm-errors-dangling-call = exit() without shm_unlink({ $shm }) and sem_unlink({ $sem })
shm-errors-dangling-scenario = A process creates { $shm } and { $sem } and ends without shm_unlink or sem_unlink.
shm-errors-dangling-observed = both objects outlive process { $pid }, which created them
shm-errors-dangling-why =
    POSIX shared memory and named semaphores are files in /dev/shm (a tmpfs, in RAM).
    A name lasts until it is unlinked or the machine reboots, whether or not any process
    still uses it; the memory is freed only when the name is gone and nobody maps it.
shm-errors-dangling-fix =
    Unlink when the last user is done (a guard or an exit handler that also runs on
    errors and Ctrl-C). To clean by hand: rm { $shm_path } { $sem_path } (or shm_unlink/sem_unlink).
shm-errors-dangling-gone = both are gone from /dev/shm
## sem-demos
sem-demos-enoent-scenario = Open the semaphore { $name } without O_CREAT; { $path } does not exist.
sem-demos-enoent-why =
    Without O_CREAT, sem_open only opens an existing semaphore (glibc looks for
    /dev/shm/sem.NAME); there is none, so it fails with ENOENT.
sem-demos-enoent-fix =
    Create it first: sem_open(name, O_CREAT, 0600, value), in the program that starts
    first, or pass O_CREAT everywhere if any process may start first.
sem-demos-eexist-created = created { $name } ({ $path }) with O_CREAT|O_EXCL
sem-demos-eexist-scenario = Create { $name } again with O_CREAT|O_EXCL while { $path } exists.
sem-demos-eexist-why =
    O_EXCL asks for a NEW semaphore: if the name exists, sem_open fails with EEXIST
    instead of opening it. Often the "existing" one was left by an earlier run that never
    called sem_unlink.
sem-demos-eexist-fix =
    Drop O_EXCL to share an existing semaphore; keep it to be sure you start fresh, and
    then sem_unlink the stale one first (or rm /dev/shm/sem.NAME).
sem-demos-create-created = created { $name } with value { $value } ({ $path })
sem-demos-create-opened = { $name } already existed, opened it; value { $value } ({ $path })
sem-demos-post-done = posted { $name }: value now { $value }
sem-demos-wait-waiting = waiting on { $name } (value { $value }); post it from another terminal, or press Ctrl-C
sem-demos-wait-done = took one from { $name }: value now { $value }
sem-demos-wait-timeout-hint = nobody posted in time; try: sem-demos post { $name }
sem-demos-trywait-hint = the value is 0, so sem_trywait fails at once where sem_wait would block; try: sem-demos post { $name }
sem-demos-value = value of { $name }: { $value }
sem-demos-unlink-enoent = there is no { $path }; see what exists with: ls /dev/shm
