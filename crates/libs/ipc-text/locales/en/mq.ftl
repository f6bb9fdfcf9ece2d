### English: message queues: posix-mq, sysv-msg, mq-errors.

mq-errors-result-reproduced = reproduced: this machine behaves as the lesson says
mq-errors-result-not-reproduced = NOT reproduced: { $reason }
mq-errors-reason-succeeded = { $call } succeeded instead of failing with { $expected }
mq-errors-reason-other-errno = { $call } failed with { $got }, not { $expected }
mq-errors-reason-setup = the scene could not be set up: { $error }
mq-errors-summary = summary: { $reproduced } of { $total } pitfalls reproduced
mq-errors-summary-missed = not reproduced: { $names }
mq-errors-eagain-full-title = 1.1 EAGAIN: sending to a full queue without waiting
mq-errors-eagain-full-scenario =
    queue { $name } holds at most { $capacity ->
        [one] { $capacity } message
       *[other] { $capacity } messages
    }. It is opened O_WRONLY|O_NONBLOCK, { $capacity ->
        [one] { $capacity } message
       *[other] { $capacity } messages
    } are sent, then one more.
mq-errors-eagain-full-why = with O_NONBLOCK, mq_send never sleeps: once mq_curmsgs has reached mq_maxmsg, Linux returns -1 at once and sets EAGAIN. A blocking descriptor would instead sleep until a receiver made room.
mq-errors-eagain-full-fix = let a consumer receive, give the queue a larger mq_maxmsg when you create it (at most /proc/sys/fs/mqueue/msg_max), treat EAGAIN as 'retry later' with a back-off, or wait a bounded time with mq_timedsend.
mq-errors-eagain-empty-title = 1.2 EAGAIN: receiving from an empty queue without waiting
mq-errors-eagain-empty-scenario = a writer creates queue { $name } and sends nothing. A reader opens it O_RDONLY|O_NONBLOCK and calls mq_receive.
mq-errors-eagain-empty-why = with O_NONBLOCK, mq_receive never sleeps: on an empty queue (mq_curmsgs = 0) Linux returns -1 at once and sets EAGAIN. A blocking descriptor would sleep until a message arrived.
mq-errors-eagain-empty-fix = block (open without O_NONBLOCK), wait with a deadline (mq_timedreceive), or wait until the descriptor is readable with poll/select/epoll (a Linux queue descriptor is a file descriptor) and then receive; treat EAGAIN as 'nothing yet'.
mq-errors-emsgsize-title = 1.3 EMSGSIZE: a message longer than mq_msgsize, and a buffer shorter than it
mq-errors-emsgsize-scenario =
    queue { $name } takes messages of at most { $msgsize ->
        [one] { $msgsize } byte
       *[other] { $msgsize } bytes
    }. A { $big }-byte message is sent; then a short message waits and mq_receive is given a buffer of { $buffer ->
        [one] { $buffer } byte
       *[other] { $buffer } bytes
    }.
mq-errors-emsgsize-why = mq_msgsize is fixed when the queue is created, and the kernel refuses a longer message with EMSGSIZE rather than cut it. mq_receive refuses any buffer shorter than mq_msgsize, even when the waiting message would fit, because the buffer must hold any message the queue may deliver.
mq-errors-emsgsize-fix = read mq_msgsize with mq_getattr; split larger data into pieces of at most that size; always receive into a buffer of mq_msgsize bytes (posix-mq receive does).
mq-errors-enoent-title = 1.4 ENOENT: opening a queue that does not exist
mq-errors-enoent-scenario = mq_open({ $name }, O_RDONLY) without O_CREAT, while no process has created { $name }.
mq-errors-enoent-why = without O_CREAT, mq_open only looks the name up in the kernel's mqueue file system; it is not there, so the call fails with ENOENT. Usually the reader started before the writer, or the two programs spell the name differently (a missing leading '/', a typo).
mq-errors-enoent-fix = start the creating process first, or open with O_CREAT and the same attributes on both sides; compare the names (ls /dev/mqueue, after mount -t mqueue none /dev/mqueue as root).
mq-errors-ebadf-title = 1.5 EBADF: using a descriptor in the wrong direction
mq-errors-ebadf-scenario = queue { $name } is opened twice: O_WRONLY for a writer, O_RDONLY for a reader. The writer's descriptor then receives, and the reader's sends.
mq-errors-ebadf-step-receive = mq_receive through the O_WRONLY descriptor
mq-errors-ebadf-step-send = mq_send through the O_RDONLY descriptor
mq-errors-ebadf-why = a descriptor keeps the access mode it was opened with. mq_receive needs read access and mq_send write access; a descriptor without it is not a valid descriptor for that call, hence EBADF.
mq-errors-ebadf-fix = open with the access you use: O_RDONLY to receive, O_WRONLY to send, O_RDWR to do both.
mq-errors-limits-title = 1.6 EINVAL / EMFILE / ENOSPC: beyond the kernel's limits
mq-errors-limits-scenario =
    this machine has msg_max={ $msg_max }, msgsize_max={ $msgsize_max }, queues_max={ $queues_max } (/proc/sys/fs/mqueue) and RLIMIT_MSGQUEUE soft { $soft } / hard { $hard ->
        [one] { $hard } byte
       *[other] { $hard } bytes
    }; CAP_SYS_RESOURCE: { $cap }. Three queues are asked for, each just beyond one limit.
mq-errors-limits-cap-yes = yes
mq-errors-limits-cap-no = no
mq-errors-limits-unlimited = unlimited
mq-errors-limits-step-maxmsg =
    mq_maxmsg { $asked }: one more than the { $allowed ->
        [one] { $allowed } message
       *[other] { $allowed } messages
    } allowed to this process ({ $bound })
mq-errors-limits-step-msgsize =
    mq_msgsize { $asked }: one more than the { $allowed ->
        [one] { $allowed } byte
       *[other] { $allowed } bytes
    } allowed to this process ({ $bound })
mq-errors-limits-bound-proc = /proc/sys/fs/mqueue, since this process lacks CAP_SYS_RESOURCE
mq-errors-limits-bound-hard = the kernel's hard ceiling, since CAP_SYS_RESOURCE lifts the /proc limit
mq-errors-limits-step-rlimit =
    a queue of { $maxmsg } x { $msgsize ->
        [one] { $msgsize } byte
       *[other] { $msgsize } bytes
    } (about { $reserved ->
        [one] { $reserved } byte
       *[other] { $reserved } bytes
    } reserved) after lowering this process's soft RLIMIT_MSGQUEUE to { $lowered ->
        [one] { $lowered } byte
       *[other] { $lowered } bytes
    }; the limit is restored afterwards
mq-errors-limits-why = mq_open checks the attributes first: without CAP_SYS_RESOURCE, mq_maxmsg above msg_max or mq_msgsize above msgsize_max is EINVAL (with it, only the ceilings of 65536 messages and 16 MiB count). Then the bytes the new queue reserves (mq_maxmsg x mq_msgsize plus the kernel's bookkeeping) are added to what this user's queues already reserve; above RLIMIT_MSGQUEUE the answer is EMFILE, not ENOSPC, despite its name. ENOSPC comes when the whole machine already holds queues_max queues.
mq-errors-limits-fix = ask for attributes within the limits; unlink queues you no longer need (a queue keeps its bytes reserved until it is unlinked and closed); as root, raise the limits (sysctl fs.mqueue.msg_max=128 fs.mqueue.msgsize_max=65536 fs.mqueue.queues_max=512) or RLIMIT_MSGQUEUE (ulimit -q, /etc/security/limits.conf).
mq-errors-limits-enospc =
    ENOSPC is explained, not reproduced: it would take { $queues_max ->
        [one] { $queues_max } queue
       *[other] { $queues_max } queues
    } on the whole machine (other users' count too), which would disturb everyone else.
mq-errors-limits-enospc-cap = ENOSPC cannot happen to this process: CAP_SYS_RESOURCE lifts queues_max ({ $queues_max }).
## posix-mq and sysv-msg
posix-mq-limits-hint =
    without CAP_SYS_RESOURCE a queue holds at most { $msg_max ->
        [one] { $msg_max } message
       *[other] { $msg_max } messages
    } (/proc/sys/fs/mqueue/msg_max) of at most { $msgsize_max ->
        [one] { $msgsize_max } byte
       *[other] { $msgsize_max } bytes
    } (msgsize_max): ask for less, or raise them as root (sysctl fs.mqueue.msg_max=N)
posix-mq-existed =
    { $name } exists already: opened it as it is, { $maxmsg ->
        [one] { $maxmsg } message
       *[other] { $maxmsg } messages
    } of { $msgsize ->
        [one] { $msgsize } byte
       *[other] { $msgsize } bytes
    } (mq_open ignores the attributes of an existing queue)
posix-mq-created =
    created { $name }: up to { $maxmsg ->
        [one] { $maxmsg } message
       *[other] { $maxmsg } messages
    } of { $msgsize ->
        [one] { $msgsize } byte
       *[other] { $msgsize } bytes
    }, mode { $mode }
posix-mq-stays = it stays until you remove it: posix-mq unlink { $name }
posix-mq-sent =
    sent { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    } to { $name } with priority { $priority }
posix-mq-attr-maxmsg = most messages it holds
posix-mq-attr-msgsize = longest message in bytes (a receive buffer needs this much)
posix-mq-attr-curmsgs = messages waiting now
posix-mq-attr-flags = O_NONBLOCK belongs to each descriptor, not to the queue
posix-mq-attr-unmounted = { $path } once an mqueue file system is mounted there (root: { $command })
posix-mq-unlinked = unlinked { $name } (processes that still have it open keep it until they close it)
sysv-msg-demo-removed = queue removed
sysv-msg-sent =
    sent { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    }, type { $mtype }, to msqid { $msqid } (key { $key }); { $waiting ->
        [one] { $waiting } message
       *[other] { $waiting } messages
    } waiting
sysv-msg-stays = the queue stays until you remove it: sysv-msg rm --key { $key }
sysv-msg-no-error-note = note: the text filled the { $size }-byte buffer; MSG_NOERROR may have cut the rest (it is lost)
sysv-msg-stat-title = message queue msqid { $msqid }, key { $key }
sysv-msg-stat-owner = uid { $uid } gid { $gid } (creator uid { $cuid } gid { $cgid })
sysv-msg-stat-qnum = messages waiting
sysv-msg-stat-cbytes = bytes of text waiting
sysv-msg-stat-qbytes = most bytes of text the queue holds (then msgsnd waits)
sysv-msg-stat-lspid = process that sent last
sysv-msg-stat-lrpid = process that received last
sysv-msg-stat-stime = last msgsnd
sysv-msg-stat-rtime = last msgrcv
sysv-msg-stat-ctime = last change
sysv-msg-stat-never = never
sysv-msg-removed = removed message queue msqid { $msqid } (key { $key })
