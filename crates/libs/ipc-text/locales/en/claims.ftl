### English: what shows the lessons' claims on this machine: --maps of the shm writers and
### readers, shm-claims, mq-claims, the new demos of shm-errors and sem-demos, ipc-bench
### --explain, and the tour's course numbering.

## --maps (ipc-support's maps report)
core-maps-title = /proc/self/maps (this process's address space, low addresses first):
core-maps-returned = { $call } returned { $address }
core-maps-between = between [heap] and [stack]: the heap ends at { $heap_end }, this mapping starts at { $start }, the stack starts at { $stack_start }
core-maps-not-between = this mapping is NOT between [heap] and [stack] in this process
core-maps-no-heap-or-stack = this process has no [heap] or no [stack] line to compare with
core-maps-pages =
    { $asked ->
        [one] { $asked } byte
       *[other] { $asked } bytes
    } asked for, { $mapped ->
        [one] { $mapped } byte
       *[other] { $mapped } bytes
    } mapped: { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } of { $page_size ->
        [one] { $page_size } byte
       *[other] { $page_size } bytes
    } (memory is mapped in whole pages)
core-maps-not-found = no line of /proc/self/maps holds the address { $address }
## shm-claims readers (000 §2)
shm-claims-child-failed = it { $end }
shm-claims-readers-too-long =
    the text must fit in the lesson's 1024-byte segment: at most { $max ->
        [one] { $max } byte
       *[other] { $max } bytes
    }
shm-claims-readers-no-start = the readers did not all start within 10 s
shm-claims-readers-wrote =
    System V segment shmid { $shmid }, { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    }: the writer put "{ $text }" in it and detached
shm-claims-readers-nattch = shm_nattch = { $nattch }: the kernel counts { $readers } readers attached at the same time
shm-claims-readers-shm-read = {"  "}reader { $reader } (pid { $pid }) read: { $text }
shm-claims-readers-still-there = after { $reads } reads the text is still in the segment: reading shared memory takes nothing away
shm-claims-readers-fifo-wrote = FIFO { $path }: { $readers } readers hold it open; the writer wrote "{ $text }" into it once
shm-claims-readers-fifo-read =
    {"  "}reader { $reader } (pid { $pid }) read { $bytes ->
        [one] { $bytes } byte
       *[other] { $bytes } bytes
    }: { $text }
shm-claims-readers-fifo-eof = {"  "}reader { $reader } (pid { $pid }) read 0 bytes (end of file): another reader had taken them
shm-claims-readers-fifo-count = FIFO: { $got }/{ $readers } readers got the text: a pipe's bytes are gone once read
shm-claims-readers-summary = shared memory: { $read_shm }/{ $readers } readers read the text; FIFO: { $got_fifo }/{ $readers }
shm-claims-readers-expected = shm_nattch = { $readers }, all { $readers } readers with the text, one through the FIFO
shm-claims-readers-got = shm_nattch = { $nattch }, { $read_shm } readers with the text, { $got_fifo } through the FIFO
## shm-claims rmid (000 §3) and unlink (000 §4)
shm-claims-maps-line = /proc/self/maps: { $line }
shm-claims-still-reads = the text still reads through this process's mapping: { $text }
shm-claims-rmid-message = still here after IPC_RMID
shm-claims-rmid-status = after { $when }: key { $key }, mode { $mode }, shm_nattch { $nattch }, status { $status }
shm-claims-rmid-key-free = shmget(key { $key }) now fails: { $errno }: the key names no segment any more
shm-claims-rmid-gone = after the last shmdt, shmctl({ $shmid }, IPC_STAT): { $errno }: the segment is gone
shm-claims-rmid-done = IPC_RMID took the key away at once (key 0x00000000, status dest); the memory lived until the last shmdt
shm-claims-rmid-expected = key 0 and status dest after IPC_RMID, ENOENT by key, the text readable, EINVAL after shmdt
shm-claims-rmid-got = key { $key }, shm_nattch { $nattch }, shmget by key { $by_key }, IPC_STAT after shmdt { $after_shmdt }
shm-claims-unlink-message = still here after shm_unlink
shm-claims-unlink-listed = ls /dev/shm: { $path } is there
shm-claims-unlink-unlisted = ls /dev/shm: { $path } is not there any more
shm-claims-unlink-reopen = shm_open({ $name }, O_RDONLY) now fails: { $errno }: the name is gone
shm-claims-unlink-unmapped = after munmap no line of /proc/self/maps holds { $address }: the memory went with the last mapping
shm-claims-unlink-done = shm_unlink took the name away at once; the memory lived until the last munmap
shm-claims-unlink-expected = the name gone from /dev/shm, ENOENT on reopening, the maps line (deleted), the text readable
shm-claims-unlink-got = still listed: { $listed }, reopening: { $reopening }, maps line: { $line }
## shm-claims meminfo (000 §2)
shm-claims-meminfo-size-range = give a size from 1M to 1G
shm-claims-meminfo-no-shmem = it has no Shmem: line
shm-claims-meminfo-tmpfs = /dev/shm is a tmpfs (statfs: TMPFS_MAGIC): its files are pages of RAM, with no disk behind them
shm-claims-meminfo-not-tmpfs = /dev/shm is NOT a tmpfs on this machine (statfs)
shm-claims-meminfo-posix = a POSIX object of { $kb } kB, and Shmem in /proc/meminfo at each step:
shm-claims-meminfo-sysv = a System V segment of { $kb } kB, and Shmem in /proc/meminfo at each step:
shm-claims-meminfo-start = before
shm-claims-meminfo-row = {"  "}{ $step } Shmem: { $kb } kB { $change }
shm-claims-meminfo-again = {"  "}(other processes changed Shmem meanwhile: measuring again)
shm-claims-meminfo-matched = Shmem rose by about { $kb } kB once the pages were touched, kept them without any mapping, and gave them back on removal: the data lives in RAM
shm-claims-meminfo-unmatched = other processes changed Shmem during each of { $attempts } attempts and hid the object's { $kb } kB there; the object's own count above shows them
shm-claims-meminfo-own-posix = {"  "}the object's own pages (fstat: st_blocks): { $sized } kB after ftruncate, { $touched } kB once touched, { $unmapped } kB with no mapping left
shm-claims-meminfo-own-sysv = {"  "}the segment's own pages (rss in /proc/sysvipc/shm): { $sized } kB after shmget, { $touched } kB once touched, { $unmapped } kB after shmdt
shm-claims-meminfo-no-rss = it has no rss column for the segment
shm-claims-meminfo-expected = an object with no page once sized, about { $kb } kB once touched, kept with no mapping, on a tmpfs
## mq-claims (003 §1, 1.1, 1.2, the comparison table)
mq-claims-child-failed = it { $end }
mq-claims-boundaries-sent = sent, one call each: { $messages }
mq-claims-boundaries-pipe = pipe: 3× write(), then { $reads }× read() until end of file returned: { $got } (a byte stream: nothing says where a write ended)
mq-claims-boundaries-posix = POSIX queue: 3× mq_send(), then { $receives }× mq_receive() until empty returned: { $got } (one message each, whole)
mq-claims-boundaries-sysv = System V queue: 3× msgsnd(), then { $receives }× msgrcv() until empty returned: { $got } (one message each, whole)
mq-claims-boundaries-done = a pipe glued the three writes into one stream; both queues kept the three messages apart
mq-claims-boundaries-expected = one read() with all the bytes, and three messages from each queue
mq-claims-boundaries-got = { $reads } reads, { $posix } POSIX messages, { $sysv } System V messages
mq-claims-block-first = the message that fills the queue
mq-claims-block-second = sent by the blocked process
mq-claims-block-full =
    { $name } holds { $held } of { $max ->
        [one] { $max } message
       *[other] { $max } messages
    }: it is full, and it was opened without O_NONBLOCK
mq-claims-block-empty =
    { $name } holds { $held ->
        [one] { $held } message
       *[other] { $held } messages
    }: it is empty, and it was opened without O_NONBLOCK
mq-claims-block-asleep = child pid { $pid } is blocked in { $call }: /proc/{ $pid }/status says State: { $state }, /proc/{ $pid }/wchan says { $wchan }
core-wchan-unnamed = nothing (this kernel does not name it)
mq-claims-block-parent-received = the parent received "{ $message }": now there is room
mq-claims-block-parent-sends = the parent sends "{ $message }": now there is a message
mq-claims-block-child-received = the child's mq_receive returned: "{ $message }"
mq-claims-block-released = child pid { $pid }: its { $call } returned and it { $end }
mq-claims-block-then-received = the parent received the child's message: "{ $message }"
mq-claims-block-expected = the child asleep (State: S) in the call
mq-claims-block-not-asleep = the child's call did not block
mq-claims-block-child-failed = the released call did not complete as the lesson says
mq-claims-block-send-done = without O_NONBLOCK, mq_send on a full queue sleeps until a receive makes room (with O_NONBLOCK: EAGAIN, mq-errors eagain-full)
mq-claims-block-receive-done = without O_NONBLOCK, mq_receive on an empty queue sleeps until a message arrives (with O_NONBLOCK: EAGAIN, mq-errors eagain-empty)
mq-claims-producers-bad-message = a message of the wrong shape arrived
mq-claims-producers-queue =
    message queue, no lock: { $producers } producers × { $messages ->
        [one] { $messages } message
       *[other] { $messages } messages
    }: { $received }/{ $total } received, { $twice } twice, { $out_of_order } out of order
mq-claims-producers-counter =
    shared counter, no lock: { $processes ->
        [one] { $processes } process
       *[other] { $processes } processes
    } × { $increments } increments: { $counted }/{ $expected } counted, { $lost ->
        [one] { $lost } update
       *[other] { $lost } updates
    } lost
mq-claims-producers-none-lost = {"  "}(no update lost this time: the processes did not overlap; again with ten times more)
mq-claims-producers-done = the kernel kept the queue consistent for every producer with no lock; the shared counter needed one (003 2.4)
mq-claims-producers-expected =
    all { $total ->
        [one] { $total } message
       *[other] { $total } messages
    } and lost updates on the counter
mq-claims-producers-got =
    { $received ->
        [one] { $received } message
       *[other] { $received } messages
    }, { $lost ->
        [one] { $lost } update
       *[other] { $lost } updates
    } lost
## sem-demos blocked
sem-demos-blocked-value = { $name }: value { $value }
sem-demos-blocked-asleep = child pid { $pid } is blocked in sem_wait: /proc/{ $pid }/status says State: { $state }, /proc/{ $pid }/wchan says { $wchan }
sem-demos-blocked-posting = the parent calls sem_post({ $name }): the value becomes 1, and the waiter takes it
sem-demos-blocked-woken = child pid { $pid }: its sem_wait returned and it { $end }
sem-demos-blocked-done = sem_wait at value 0 sleeps in the kernel, using no CPU, until a sem_post: that is how a semaphore makes a lock
sem-demos-blocked-expected = the child asleep (State: S) in sem_wait
sem-demos-blocked-not-asleep = sem_wait did not block
sem-demos-blocked-not-woken = the waiter did not return from sem_wait after the sem_post
## The lesson's numbers and titles of the pitfalls (003 §2)
shm-errors-sigbus-title = 2.1 Forgetting ftruncate before mmap → SIGBUS
shm-errors-eacces-open-title = 2.2 EACCES: opening without enough permission
shm-errors-eacces-mmap-title = 2.3 EACCES: mmap's protection does not match the descriptor
shm-errors-race-title = 2.4 Race condition without synchronisation: lost updates
shm-errors-torn-title = 2.4 Race condition without synchronisation: a torn record
shm-errors-deadlock-title = 2.5 Deadlock from a wrong lock order
shm-errors-dangling-title = 2.7 Dangling objects
sem-demos-enoent-title = 2.6 sem_open errors: ENOENT
sem-demos-eexist-title = 2.6 sem_open errors: EEXIST
## shm-errors torn (003 2.4)
shm-errors-torn-start = attempt { $attempt }: a writer writes { $records } records (s.len = n, then n bytes of s.buf) while a reader reads them, with no lock
shm-errors-torn-start-locked = a writer writes { $records } records while a reader reads them, each under an unnamed semaphore in the mapping (sem_init pshared=1)
shm-errors-torn-result = torn: { $torn }/{ $reads } reads
shm-errors-torn-scenario =
    A writer process fills struct {"{"} int len; char buf[256]; {"}"} in shared memory: s.len = n, then
    n bytes of one letter into s.buf. A reader process reads s.len, then that many bytes of s.buf. No lock.
shm-errors-torn-call = s.len = n; memcpy(s.buf, data, n) (writer) against n = s.len; memcpy(mine, s.buf, n) (reader)
shm-errors-torn-seen =
    { $torn } of { $reads } reads were torn; the first: len { $len }, but only { $own } of its { $len ->
        [one] { $len } byte
       *[other] { $len } bytes
    } came from one record
shm-errors-torn-why =
    The writer's len and bytes reach memory one store at a time, and the reader may look in
    between: a new len with a buf still half old. Nothing in shared memory makes the two
    stores one, and the kernel does not take part.
shm-errors-torn-fix =
    Make writing and reading the record critical sections: sem_wait before, sem_post after,
    on one semaphore both processes share (shm-errors torn --lock semaphore).
shm-errors-torn-none-torn = no read was torn this time: the processes barely overlapped; trying again with ten times more records
shm-errors-torn-whole = whole: under the semaphore every read saw one record, never parts of two
shm-errors-torn-not-excluded = { $torn } reads were torn under the semaphore: the lock did not exclude
shm-errors-torn-child-died = it { $end }
shm-errors-torn-nr-expected = torn records
shm-errors-torn-nr-got = none: the writer and the reader never overlapped on this machine
## ipc-bench --explain (000 §2, 003 §1)
bench-explain-how =
    What one message costs, counted by the kernel (not timed): a sender process sends the messages
    to a receiver process. Calls: seen by ptrace in a second, traced run, with the bytes each data call
    carried (in from the sender, out to the receiver). /proc/PID/io: bytes of read and write calls only.
    Switches: getrusage, voluntary (the process slept, e.g. waiting for data) and involuntary (preempted).
bench-explain-title =
    { $messages ->
        [one] { $messages } message
       *[other] { $messages } messages
    } of { $size }, one way; per message, sender / receiver:
bench-explain-col-send-calls = sender's calls
bench-explain-col-recv-calls = receiver's calls
bench-explain-col-bytes = kernel B
bench-explain-col-copies = copies
bench-explain-col-io = /proc io B
bench-explain-col-voluntary = voluntary
bench-explain-col-involuntary = involuntary
bench-explain-untraced = (not traced)
bench-explain-no-ptrace = ptrace was refused here (see /proc/sys/kernel/yama/ptrace_scope): the calls were not counted.
bench-explain-agrees =
    As the lessons say: every mechanism that goes through the kernel copied each message in and out
    (2 copies, a system call on each side); shared memory (shm-sem, ring) moved no byte through the
    kernel, and calls it only to sleep or wake (futex).
bench-explain-disagrees = these rows do not show what the lessons say: { $rows }
## ipc-lab tour: the course's numbering
front-tour-section = { $lesson } §{ $part }
front-tour-section-named = { $lesson } · { $name }
front-tour-part-ex = exercise
front-tour-part-table = comparison
front-tour-part-when = when to use
front-tour-no-section = lesson { $lesson } has no section { $section }: its sections are { $sections }
front-tour-title-000-1 = Introduction: the mapping between the heap and the stack
front-tour-title-000-2 = Why shared memory
front-tour-title-000-3 = System V shared memory
front-tour-title-000-4 = POSIX shared memory
front-tour-title-000-ex = parent A and child B, through System V (1) and POSIX (2) shared memory
front-tour-title-003-1 = Message queues
front-tour-title-003-1-1 = EAGAIN when the queue is full (non-blocking)
front-tour-title-003-1-2 = EAGAIN when the queue is empty (non-blocking receive)
front-tour-title-003-1-3 = EMSGSIZE: a message longer than mq_msgsize
front-tour-title-003-1-4 = ENOENT: opening a queue that does not exist
front-tour-title-003-1-5 = EBADF: the wrong access mode
front-tour-title-003-1-6 = EINVAL / ENOSPC: beyond the system's limits
front-tour-title-003-2 = Shared memory (shm_open + mmap)
front-tour-title-003-2-1 = Forgetting ftruncate before mmap → SIGBUS
front-tour-title-003-2-2 = EACCES: opening without enough permission
front-tour-title-003-2-3 = EACCES: mmap's protection does not match
front-tour-title-003-2-4 = Race condition without synchronisation
front-tour-title-003-2-5 = Deadlock from a wrong lock order
front-tour-title-003-2-6 = sem_open errors
front-tour-title-003-2-7 = Dangling objects
front-tour-title-003-table = Shared memory and message queues compared
front-tour-title-003-when = When to use which
## ipc-lab tour: what the tour measures in a --maps report
front-tour-maps-no-report = the output has no --maps report (the [heap], [stack] and ← lines)
front-tour-maps-not-between = the mapping at { $address } is not between the [heap] and [stack] lines
front-tour-maps-other-line = the marked line does not start at the address the call returned ({ $address })
front-tour-maps-perms = the mapping's permissions are { $perms }, not { $expected }
front-tour-maps-pages =
    the mapping's { $bytes ->
        [one] { $bytes } byte
       *[other] { $bytes } bytes
    } are not whole pages of { $page_size }
front-tour-maps-seen =
    { $call } → { $address }: { $path } ({ $perms }, { $bytes ->
        [one] { $bytes } byte
       *[other] { $bytes } bytes
    }), above the heap's end { $heap_end }, below the stack's start { $stack_start }
front-tour-maps-earlier = the other process had it at { $address }
front-tour-maps-same-address = both processes got { $address }, though address randomisation is on
## ipc-lab tour: the new steps
front-tour-maps_sysv_write-concept = --maps: where shmat put the segment in the writer's address space, from its /proc/self/maps
front-tour-maps_sysv_write-takeaway = The segment is one more mapping of the process, between the heap and the stack; the kernel names it /SYSVkey (deleted): a file of shmem, in RAM.
front-tour-maps_sysv_read-concept = --maps in the reader: the same segment, in another process
front-tour-maps_sysv_read-takeaway = Another address, the same bytes: never store a pointer into shared memory, store offsets.
front-tour-explain-concept = ipc-bench --explain: per message, the system calls, the bytes through the kernel and the context switches of each mechanism
front-tour-explain-takeaway = A pipe, a socket or a queue costs a call on each side and two copies through the kernel per message; shared memory copies nothing through it and calls it only to sleep or wake.
front-tour-shm_readers-concept = one writer, three readers attached at once; then the same text through a FIFO with three readers
front-tour-shm_readers-takeaway = Shared memory is read in place, as often as you like; a pipe's bytes are gone once one reader has read them.
front-tour-shm_meminfo-concept = Shmem in /proc/meminfo while an object's pages are touched, unmapped and removed
front-tour-shm_meminfo-takeaway = Shared memory lives in RAM (tmpfs, counted as Shmem), not in a file of the hardware; the object keeps it until it is removed.
front-tour-sysv_exclusive-concept = shmget with IPC_CREAT|IPC_EXCL on a key that is taken
front-tour-sysv_exclusive-takeaway = EEXIST: IPC_EXCL makes sure the segment is new, never someone else's.
front-tour-sysv_read_stat-concept = the reader prints what shmctl(IPC_STAT) reports (shmid_ds), reads the text, then IPC_RMID
front-tour-sysv_read_stat-takeaway = shmid_ds holds the size, the owner, the mode and shm_nattch: how many processes have it attached now.
front-tour-shm_rmid-concept = IPC_RMID while a process still has the segment attached
front-tour-shm_rmid-takeaway = IPC_RMID takes the key away at once (key 0, status dest); the memory stays readable until the last shmdt.
front-tour-shm_unlink_mapped-concept = shm_unlink while the object is still mapped
front-tour-shm_unlink_mapped-takeaway = shm_unlink removes the name from /dev/shm at once; the mapping, marked (deleted), works until the last munmap.
front-tour-exercise_1-concept = exercise 1, as solved: A makes an IPC_PRIVATE segment, forks B, and they talk through it
front-tour-exercise_1-takeaway = A parent and its child need no key: the child inherits the attachment, and A waits for B instead of sleeping.
front-tour-exercise_2-concept = exercise 2, as solved: the same exchange through a POSIX object B opens by name
front-tour-exercise_2-takeaway = shm_open(O_CREAT|O_EXCL), ftruncate, mmap: B finds the object by its name, and A unlinks it at the end.
front-tour-sysv_msg_send_5-concept = msgsnd a message of type 5
front-tour-sysv_msg_send_5-takeaway = msgsnd creates nothing of its own: the queue is found (or made) by its key, and the message waits in it.
front-tour-sysv_msg_send_2-concept = msgsnd a message of type 2
front-tour-sysv_msg_send_2-takeaway = Every System V message carries a type chosen by the sender.
front-tour-sysv_msg_send_9-concept = msgsnd a message of type 9
front-tour-sysv_msg_send_9-takeaway = The queue now holds types 5, 2 and 9, in the order sent.
front-tour-sysv_msg_receive_lowest-concept = msgrcv with type -3: the lowest type that is at most 3
front-tour-sysv_msg_receive_lowest-takeaway = A negative type picks by priority: type 2 came out although type 5 was sent first.
front-tour-sysv_msg_rm-concept = msgctl(IPC_RMID) removes the queue and the messages still in it
front-tour-sysv_msg_rm-takeaway = A System V queue lives until IPC_RMID, with its messages: remove what you make.
front-tour-mq_boundaries-concept = three writes through a pipe, three sends through a queue: what comes out
front-tour-mq_boundaries-takeaway = A queue delivers messages, whole and apart; a pipe delivers a stream of bytes, and the reader must find the boundaries itself.
front-tour-mq_block_send-concept = mq_send on a full queue opened without O_NONBLOCK: the sender, seen in /proc
front-tour-mq_block_send-takeaway = Without O_NONBLOCK the sender sleeps in the kernel (State: S) until a receive makes room: no busy loop, no error.
front-tour-mq_eagain_empty-concept = receiving from an empty queue opened with O_NONBLOCK
front-tour-mq_eagain_empty-takeaway = EAGAIN: nothing to receive now, and O_NONBLOCK forbids waiting; use poll or a timed receive to wait.
front-tour-mq_block_receive-concept = mq_receive on an empty queue opened without O_NONBLOCK: the receiver, seen in /proc
front-tour-mq_block_receive-takeaway = Without O_NONBLOCK the receiver sleeps in the kernel (State: S) until a message arrives.
front-tour-trace_posix_write-concept = ipc-lab trace: the system calls of posix-writer as it runs
front-tour-trace_posix_write-takeaway = shm_open (an open of /dev/shm), ftruncate, mmap, munmap: the text itself went into the mapping with plain stores, through no system call.
front-tour-posix_read_traced-concept = the reader reads what the traced writer left, then unlinks it
front-tour-posix_read_traced-takeaway = The bytes were in memory all along: the reader read them where the writer put them.
front-tour-shm_race_semaphore-concept = the same race with an unnamed process-shared semaphore around the increment
front-tour-shm_race_semaphore-takeaway = sem_wait before, sem_post after: one process at a time, and the total is exact.
front-tour-shm_torn-concept = the lesson's own race: a writer sets len then copies buf while a reader reads them
front-tour-shm_torn-takeaway = Without a lock the reader sees a new len with a half-copied buf: a record no one ever wrote.
front-tour-shm_torn_semaphore-concept = the same writer and reader, each record under a semaphore
front-tour-shm_torn_semaphore-takeaway = Under the semaphore no read is torn: writing and reading the record are critical sections.
front-tour-shm_deadlock_trylock-concept = the same two processes; the second semaphore only tried, with a back-off on failure
front-tour-shm_deadlock_trylock-takeaway = sem_trywait never waits: on EAGAIN, give back what you hold, wait a little, try again.
front-tour-sem_blocked-concept = sem_wait on a semaphore at 0: the waiter, seen in /proc, until a sem_post
front-tour-sem_blocked-takeaway = A waiter sleeps in the kernel (a futex wait) and costs no CPU until the sem_post.
front-tour-mq_producers-concept = four producers, no lock, 1000 messages each; beside them, four processes on one unlocked counter
front-tour-mq_producers-takeaway = The kernel keeps a queue consistent for you; shared memory leaves it to you (003 2.4).
front-tour-explain_big-concept = ipc-bench --explain with 1 MiB messages: pipe, POSIX queue, ring
front-tour-explain_big-takeaway = Big data through the kernel costs many calls and two copies of every byte (a queue cuts it into small messages); shared memory costs neither: use it for large data, a queue for small messages.
front-tour-trace-carried = a system call carried "{ $text }": { $call }
front-tour-trace-seen = no system call carried "{ $text }"; the calls traced: { $calls }
front-tour-sysv-segment = System V segment { $key }
front-tour-sysv-queue = System V queue { $key }
