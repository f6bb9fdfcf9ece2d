### English: a shared machine and its faults: other users' objects, a full /dev/shm, an object
### that shrinks or goes away under a program, a stdout that cannot be written.

faults-denied = permission denied: the object or file belongs to another user, or its mode does not allow this (ipc-lab ls shows the owner and mode of every IPC object)
faults-owner-other = { $what } exists and belongs to { $user } (uid { $uid }, mode { $mode }): choose another name, e.g. { $suggestion }
faults-owner-mine = { $what } is yours, but its mode { $mode } does not allow this: remove it ({ $command }) or choose another name
faults-owner-unknown = { $what } exists but its mode does not let you use it this way; it is most likely another user's (ipc-lab ls shows the owners): choose another name, e.g. { $suggestion }
faults-owner-key-other = key { $key } is in use by { $user } (uid { $uid }, mode { $mode }): choose another key (--key, or --path to a file of your own for ftok)
faults-owner-key-mine = key { $key } is yours, but its mode { $mode } does not allow this: remove it (ipc-lab clean --name { $key }) or choose another key
faults-owner-remove-other = { $what } belongs to { $user } (uid { $uid }): only its owner, its creator or root may remove it
faults-kind-fifo = a FIFO (named pipe)
faults-kind-directory = a directory
faults-kind-other = a special file
faults-shm-not-regular = is { $kind }, not a shared-memory object (shm_open makes regular files)
faults-shm-not-regular-hint = someone else put it there: remove it (rm { $path }) or choose another name
faults-shm-enospc =
    /dev/shm has no room for { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    } (df -h /dev/shm shows its size and use): remove objects you no longer need (ipc-lab ls, ipc-lab clean) or ask for less
faults-shm-shrank =
    the object shrank from { $from } to { $to ->
        [one] { $to } byte
       *[other] { $to } bytes
    } while it was being read (another process called ftruncate), so its text may be cut: nothing is shown, and the object stays
faults-shm-shrank-writing =
    the object shrank to { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    } while the message was being written (another process called ftruncate), so it does not hold the message
faults-shm-no-text = holds no text yet: its writer has not written the message (or wrote an empty one)
faults-shm-no-text-hint = it stays: read it again once the writer is done, or remove it ({ $command })
faults-shm-removed = was removed ({ $call }) while the message was being written, so no reader will find it (a reader that ran too early, or someone else, removed it)
faults-shm-removed-hint = run the writer again
faults-mq-receive-lost = the message was already taken off { $name }, so here it is: priority { $priority }: { $message }
faults-limits-cap-no-user = This process lacks CAP_SYS_RESOURCE, as every ordinary user's does: msg_max, msgsize_max and RLIMIT_MSGQUEUE bind it.
faults-ls-state-unknown = unknown (not yours)
faults-clean-not-yours = skipped { $what }: it belongs to { $user } (uid { $uid }), and only its owner, its creator or root may remove it
