### English: the lesson support (ipc-support): hints, argument errors, names.

core-bytes =
    { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    }
core-removed = removed { $what }
core-kept = kept { $what }; remove it with: { $command }
## Hints after the dash of an error line, shared by several programs (ipc-support).
core-ftok-enoent = ftok needs an existing file: create it (touch { $path }) or pass --key 0x1234
core-message-nul = it contains a NUL byte, where a C reader would stop
core-message-too-long =
    the region holds { $capacity ->
        [one] { $capacity } byte
       *[other] { $capacity } bytes
    }, so at most { $room ->
        [one] { $room } byte
       *[other] { $room } bytes
    } of text fit before the terminating NUL
core-message-too-long-hint = shorten the message or use --size { $size } or more
core-region-read-only = this mapping is read-only
core-region-too-small =
    the region holds only { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    }
## Object names (name.rs).
core-name-shm = shared-memory object name
core-name-sem = semaphore name
core-name-mq = message-queue name
core-name-no-slash = { $what } '{ $name }' must start with '/' (try '/{ $name }')
core-name-empty = { $what } is empty: give a name such as '/demo'
core-name-inner-slash = { $what } '{ $name }' has a '/' inside it: only one leading '/' is allowed
core-name-nul = { $what } contains a NUL byte
core-name-dots = { $what } '{ $name }' is not a valid file name
core-name-too-long =
    { $what } is { $length ->
        [one] { $length } byte
       *[other] { $length } bytes
    } long; the limit is { $limit ->
        [one] { $limit } byte
       *[other] { $limit } bytes
    }
## System V shared memory (sysv-writer), POSIX shared memory (ipc-support hints.rs).
core-shmget-eexist = IPC_EXCL refuses a key that is in use: remove the old segment (ipcrm -M KEY) or drop --exclusive
core-shmget-einval = a segment with this key exists and is smaller than the size asked for: remove it (ipcrm -M KEY) or ask for less
core-shm-open-eexist = O_EXCL refuses an existing object: remove it (rm { $path }) or drop --exclusive
## POSIX semaphores (ipc-support hints.rs).
core-sem-eoverflow = the value is already SEM_VALUE_MAX
core-sem-enoent = no semaphore { $name } exists: create it first (O_CREAT), e.g. sem-demos create { $bare }
core-sem-eexist = O_EXCL refuses an existing semaphore: open it without O_EXCL, or remove it (sem_unlink, or rm { $path })
## POSIX message queues (ipc-support hints.rs).
core-mq-send-eagain = the queue is full (mq_maxmsg messages wait) and the descriptor is non-blocking: receive some first, or retry later
core-mq-send-emsgsize = the message is longer than the queue's mq_msgsize: read it with mq_getattr and split the data
core-mq-send-ebadf = this descriptor was not opened for writing: open the queue O_WRONLY or O_RDWR to send
core-mq-send-etimedout = the queue stayed full until the timeout: nobody is receiving
core-mq-receive-eagain = the queue is empty and the descriptor is non-blocking: send a message first, or wait (drop --nonblock)
core-mq-receive-emsgsize = the buffer is smaller than the queue's mq_msgsize: size it from mq_getattr
core-mq-receive-ebadf = this descriptor was not opened for reading: open the queue O_RDONLY or O_RDWR to receive
core-mq-receive-etimedout = no message arrived before the timeout
core-mq-open-enoent = no queue is named { $name }: create it first (posix-mq create { $name })
core-mq-open-eexist = O_EXCL refuses an existing queue: remove it (posix-mq unlink { $name }) or drop --exclusive
core-mq-open-emfile = this user's queues would need more bytes than RLIMIT_MSGQUEUE allows (ulimit -q): unlink old queues or ask for fewer/smaller messages
core-mq-open-enospc = the machine holds /proc/sys/fs/mqueue/queues_max queues already: unlink unused ones
core-mq-open-einval = the attributes exceed the kernel's limits (/proc/sys/fs/mqueue/msg_max and msgsize_max) or are not positive
core-mq-unlink-enoent = no queue is named { $name }
## System V message queues (sysv-msg).
core-msgget-eexist = IPC_EXCL refuses a key that is in use: remove the old queue (sysv-msg rm, or ipcrm -Q KEY)
core-msgget-enoent = no queue has this key: create it first (sysv-msg send creates it)
core-msgget-enospc = the machine holds /proc/sys/kernel/msgmni queues already: remove unused ones (ipcs -q, ipcrm -q ID)
core-msgsnd-eagain = the queue is full (msg_qbytes bytes wait) and IPC_NOWAIT was given: receive some first
core-msgsnd-einval = the text is longer than /proc/sys/kernel/msgmax, or the queue is gone
core-msg-eidrm = the queue was removed while waiting
core-msgsnd-eacces = the queue's mode does not let you write to it
core-msgrcv-enomsg = no message of the requested type waits and IPC_NOWAIT was given: send one first, or wait
core-msgrcv-e2big = the message is longer than the buffer: give a bigger buffer, or MSG_NOERROR to cut it
core-msgrcv-eacces = the queue's mode does not let you read it
## Values given on the command line (args.rs, key.rs) and usage errors (cli.rs).
core-arg-size-zero = size '{ $value }' is 0: an object needs at least 1 byte
core-arg-size-big =
    size '{ $value }' is more than 1 GiB ({ $limit ->
        [one] { $limit } byte
       *[other] { $limit } bytes
    }), the most these lessons use
core-arg-size-bad = '{ $value }' is not a size: give a whole number of bytes, optionally with k or m (e.g. 1024, 4k)
core-arg-mode-bad = '{ $value }' is not a permission mode: give octal digits from 000 to 777 (e.g. 0600)
core-arg-mode-warning = warning: mode { $mode } lets every user on this machine write this object; 0600 keeps it yours
core-arg-key-bad = '{ $value }' is not a key: write it in hex as ipcs shows it (0x1234, at most 8 hex digits) or in decimal
core-arg-key-zero = key 0 is IPC_PRIVATE, which always makes a new segment nobody else can find: pick another key
core-arg-proj-id-bad = '{ $value }' is not a project id: ftok uses only its low 8 bits, so give a number from 1 to 255 (the lesson uses 65)
core-see-help = (see { $program } --help)
core-child-exited = exited with status { $status }
core-child-killed = was killed by { $signal }
core-child-too-slow = it did not finish in time and was killed
core-not-sysv = not a System V object
core-size-too-large = size too large
core-not-a-number = not a number
core-arg-timeout-bad = '{ $value }' is not a timeout: give seconds, more than 0 and at most 86400 (e.g. 2 or 0.5)
