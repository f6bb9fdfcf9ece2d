### English: the front door: ipc-lab tour, ls, clean, limits.

## ipc-lab ls
front-ls-col-kind = KIND
front-ls-col-name = NAME/KEY
front-ls-col-id = ID
front-ls-col-owner = OWNER
front-ls-col-mode = MODE
front-ls-col-bytes = BYTES
front-ls-col-count = COUNT
front-ls-col-creator = CREATOR
front-ls-col-time = CHANGED
front-ls-col-users = USED BY
front-ls-col-state = STATE
front-ls-count-nattch = { $count } attached
front-ls-count-messages =
    { $count ->
        [one] { $count } message
       *[other] { $count } messages
    }
front-ls-count-nsems =
    { $count ->
        [one] { $count } semaphore
       *[other] { $count } semaphores
    }
front-ls-creator-alive = { $pid } alive
front-ls-creator-gone = { $pid } exited
front-ls-state-dangling = dangling
front-ls-state-in-use = in use
front-ls-none = No System V or POSIX IPC object on this machine (/proc/sysvipc and /dev/shm are empty).
front-ls-summary =
    { $count ->
        [one] { $count } object
       *[other] { $count } objects
    }, { $dangling } dangling (no live process uses them; they stay until removed or reboot). See what would go with: { $command }
front-ls-mqueue-unmounted = POSIX message queues cannot be listed: { $dir } is not mounted (mq_open still works). To see them, as root: { $command }
## ipc-lab clean
front-clean-nothing = Nothing matches: no object removed.
front-clean-would-remove = would remove { $what }
front-clean-already-gone = { $what } was already gone
front-clean-failed = { $failed } of { $selected } selected objects could not be removed
## ipc-lab limits
front-limits-used = in use now: { $used }
front-limits-used-unknown = the kernel does not report it
front-limits-change = change it (as root): { $command }
front-limits-used-count =
    { $count ->
        [one] { $count } object
       *[other] { $count } objects
    }
front-limits-used-largest =
    the largest is { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    }
front-limits-used-pages =
    { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } of { $page_size ->
        [one] { $page_size } byte
       *[other] { $page_size } bytes
    }
front-limits-used-largest-set = the largest set has { $count } semaphores
front-limits-used-sems = { $count } semaphores in all sets
front-limits-soft-hard =
    soft { $soft ->
        [one] { $soft } byte
       *[other] { $soft } bytes
    }, hard { $hard ->
        [one] { $hard } byte
       *[other] { $hard } bytes
    }
front-limits-shmmax-meaning = the largest System V segment one shmget may create, in bytes (EINVAL above it)
front-limits-shmall-meaning = all System V segments together, in pages (ENOSPC when they would exceed it)
front-limits-shmmni-meaning = how many System V segments may exist at once (ENOSPC beyond)
front-limits-msgmax-meaning = the largest System V message msgsnd accepts, in bytes (EINVAL above it)
front-limits-msgmnb-meaning = bytes a new System V queue may hold (msg_qbytes); a full queue blocks msgsnd or gives EAGAIN
front-limits-msgmni-meaning = how many System V queues may exist at once (ENOSPC beyond)
front-limits-semmsl-meaning = the most semaphores in one System V set (semget EINVAL above it)
front-limits-semmns-meaning = System V semaphores in all sets together
front-limits-semopm-meaning = operations one semop call may carry (E2BIG above it)
front-limits-semmni-meaning = how many System V semaphore sets may exist at once
front-limits-msg-max-meaning = the largest mq_maxmsg a POSIX queue may ask for without CAP_SYS_RESOURCE (EINVAL above it)
front-limits-msgsize-max-meaning = the largest mq_msgsize a POSIX queue may ask for without CAP_SYS_RESOURCE (EINVAL above it)
front-limits-queues-max-meaning = how many POSIX queues may exist on the machine (ENOSPC beyond)
front-limits-rlimit-msgqueue-meaning = bytes of POSIX queues one user may own, counting maxmsg x msgsize of each queue (EMFILE beyond): why a user holds only a few default-size queues
front-limits-dev-shm-meaning = the tmpfs that holds POSIX shared memory and named semaphores: its size caps them all (SIGBUS or ENOSPC when full)
front-limits-cap-yes = This process has CAP_SYS_RESOURCE: it may exceed msg_max, msgsize_max and RLIMIT_MSGQUEUE up to the kernel's hard limits.
front-limits-cap-no = This process lacks CAP_SYS_RESOURCE (being root is not enough): msg_max, msgsize_max and RLIMIT_MSGQUEUE bind it.
## ipc-lab tour
front-tour-intro = ipc-lab tour: { $steps } steps through the course, each running a real lesson program. Every command is shown so you can run it again yourself.
front-tour-ok = behaved as the lesson says (exit status { $status })
front-tour-bad-status = exit status { $status }, but the lesson expects { $expected }
front-tour-killed = killed by signal { $signal }, but the lesson expects exit status { $expected }
front-tour-timeout = still running after { $seconds } s: stopped
front-tour-lacks = the output should contain "{ $phrase }" and does not
front-tour-should-exist = { $what } should exist now and does not
front-tour-should-be-gone = { $what } should be gone now and is still there
front-tour-missing = the program { $program } is not in this build of the workspace
front-tour-building = Some lesson programs are not built yet; building them once: { $command }
front-tour-build-failed = the lesson programs did not build: see cargo's messages above
front-tour-done = All { $steps } steps behaved as the lessons say ({ $seconds } s). Nothing was left behind: check with ipc-lab ls.
front-tour-failed = { $failed } of { $steps } steps did not behave as their lessons say: { $names }
front-tour-sysv_write-concept = ftok or a fixed key names a segment; shmget creates it, shmat maps it, the writer copies text in and detaches
front-tour-sysv_write-takeaway = The segment outlives the writer: it stays in the kernel (ipcs -m) until someone removes it, no busy loop needed.
front-tour-sysv_read_again-concept = reading again after IPC_RMID
front-tour-sysv_read_again-takeaway = After IPC_RMID the key is free again: shmget finds nothing (ENOENT) until a writer creates a new segment.
front-tour-posix_write-concept = shm_open creates a named object, ftruncate gives it a size, mmap(MAP_SHARED) maps it for writing
front-tour-posix_write-takeaway = A POSIX object is a file in /dev/shm (a tmpfs): ls -l /dev/shm shows it, with its owner and mode.
front-tour-posix_read-concept = the reader opens it read-only, takes the size from fstat (never ftruncate), maps it and prints it, then shm_unlink
front-tour-posix_read-takeaway = shm_unlink removes the name; the memory goes away when the last mapping does.
front-tour-mmap_kinds-concept = private or shared, anonymous or backed by a file: who sees a write made through the mapping
front-tour-mmap_kinds-takeaway = Only MAP_SHARED makes a change visible to other processes; MAP_PRIVATE gives each writer its own copy (copy-on-write).
front-tour-sysv_msg_demo-concept = the lesson's System V sample: msgget, msgsnd a type-1 message, msgrcv type 1, msgctl(IPC_RMID)
front-tour-sysv_msg_demo-takeaway = System V messages carry a type; msgrcv picks by type, and the queue lives until IPC_RMID.
front-tour-mq_create-concept = mq_open(O_CREAT) with small attributes: at most 4 messages of 128 bytes
front-tour-mq_create-takeaway = Ask for small queues: each one counts maxmsg x msgsize against RLIMIT_MSGQUEUE (see ipc-lab limits).
front-tour-mq_send_low-concept = mq_send a routine message with priority 1
front-tour-mq_send_low-takeaway = The message waits in the kernel; the sender does not need a receiver to be running.
front-tour-mq_send_high-concept = mq_send an urgent message with priority 9, after the routine one
front-tour-mq_send_high-takeaway = The queue now holds two messages, in priority order, not arrival order.
front-tour-mq_receive-concept = mq_receive takes the oldest message of the highest priority
front-tour-mq_receive-takeaway = The urgent message came out first although it was sent last: POSIX queues deliver by priority.
front-tour-mq_unlink-concept = mq_unlink removes the queue's name
front-tour-mq_unlink-takeaway = Like files, queues persist until unlinked: a forgotten queue lives until reboot.
front-tour-mq_eagain_full-concept = sending to a full queue opened with O_NONBLOCK
front-tour-mq_eagain_full-takeaway = EAGAIN means try later: the queue is full and O_NONBLOCK forbids waiting.
front-tour-mq_emsgsize-concept = receiving with a buffer smaller than mq_msgsize
front-tour-mq_emsgsize-takeaway = Size the receive buffer from mq_getattr's mq_msgsize, never from the message you expect.
front-tour-mq_enoent-concept = opening a queue that does not exist, without O_CREAT
front-tour-mq_enoent-takeaway = ENOENT: create the queue first (O_CREAT), and check the leading / of its name.
front-tour-mq_ebadf-concept = sending on a descriptor opened O_RDONLY
front-tour-mq_ebadf-takeaway = EBADF: open the queue for the direction you use (O_WRONLY to send, O_RDONLY to receive).
front-tour-mq_limits-concept = asking for more than /proc/sys/fs/mqueue and RLIMIT_MSGQUEUE allow
front-tour-mq_limits-takeaway = EINVAL, ENOSPC and EMFILE come from kernel limits: ipc-lab limits shows them and how to change them.
front-tour-shm_sigbus-concept = touching a mapping of an object that was never ftruncate'd
front-tour-shm_sigbus-takeaway = A new object has size 0: mapping it works, touching it kills the process with SIGBUS. ftruncate first.
front-tour-shm_eacces_open-concept = opening O_RDWR an object created with mode 0400
front-tour-shm_eacces_open-takeaway = The mode is checked at shm_open (root bypasses it, so the demo drops privileges to show it).
front-tour-shm_eacces_mmap-concept = mmap(PROT_WRITE, MAP_SHARED) on a descriptor opened O_RDONLY
front-tour-shm_eacces_mmap-takeaway = mmap's protection cannot exceed the descriptor's access: open O_RDWR to map for writing.
front-tour-shm_race-concept = several processes increment one shared counter with no lock
front-tour-shm_race-takeaway = counter++ is read, add, write: interleaved processes overwrite each other's updates.
front-tour-shm_race_locked-concept = the same race with a process-shared mutex around the increment
front-tour-shm_race_locked-takeaway = With a lock that lives in the shared memory (PTHREAD_PROCESS_SHARED), the total is exact.
front-tour-shm_deadlock-concept = two processes take two semaphores in opposite order
front-tour-shm_deadlock-takeaway = Each holds what the other waits for: nobody can move. A timed wait detects it.
front-tour-shm_deadlock_fixed-concept = the same two processes, both taking the semaphores in one global order
front-tour-shm_deadlock_fixed-takeaway = One lock order for everybody makes a wait cycle impossible.
front-tour-shm_dangling-concept = a shm object and a semaphore left behind by a process that never unlinked them
front-tour-shm_dangling-takeaway = Objects outlive their processes: find them with ipc-lab ls, remove them with ipc-lab clean.
front-tour-sem_enoent-concept = sem_open of a semaphore that does not exist, without O_CREAT
front-tour-sem_enoent-takeaway = ENOENT: create it with O_CREAT (and a mode and an initial value) first.
front-tour-sem_eexist-concept = sem_open(O_CREAT|O_EXCL) of a semaphore that exists
front-tour-sem_eexist-takeaway = O_EXCL guarantees you made it yourself; without it you may get someone else's semaphore.
front-tour-sem_create-concept = sem_open(O_CREAT) with initial value 1: one token
front-tour-sem_create-takeaway = A named semaphore is the file /dev/shm/sem.NAME: other processes open it by name.
front-tour-sem_trywait-concept = sem_trywait takes the token
front-tour-sem_trywait-takeaway = The value went from 1 to 0: whoever comes next must wait.
front-tour-sem_trywait_busy-concept = sem_trywait again, with no token left
front-tour-sem_trywait_busy-takeaway = sem_trywait does not wait: EAGAIN means the value is 0 (sem_wait would block).
front-tour-sem_post-concept = sem_post gives the token back
front-tour-sem_post-takeaway = sem_post adds 1 and wakes one waiter: the value is 1 again.
front-tour-sem_unlink-concept = sem_unlink removes the semaphore's name
front-tour-sem_unlink-takeaway = Unlink what you create: the tour leaves nothing behind (ipc-lab ls shows it).

## ipc-lab autograder
front-autograder-written = Gradescope autograder written to { $dir }: zip setup.sh, run_autograder and course/ (see its README.md); students read their results in { $language }
# Written into results.json by run_autograder when the grader stopped without writing it.
front-autograder-grader-failed = The grader stopped before it could grade this submission; your instructor can read why in its log (grader.log).
