### English: the shared-memory lesson programs: sysv-writer, sysv-reader, posix-writer, posix-reader, mmap-kinds.

## Shared by both writer/reader pairs.
shm-prompt = Message to shared memory:{" "}
shm-no-message = stdin ended before a line of text arrived
shm-no-message-hint = give --message TEXT, or type a line and press Enter
shm-wrote =
    wrote { $written ->
        [one] { $written } byte
       *[other] { $written } bytes
    } at offset 0: { $length ->
        [one] { $length } byte
       *[other] { $length } bytes
    } of text and the terminating NUL
shm-no-nul =
    warning: the { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    } held no NUL byte, so the writer never ended its text; printed them all, invalid UTF-8 as U+FFFD
## sysv-writer
sysv-writer-created = new segment
sysv-writer-existing = existing segment, reused as it is
sysv-writer-segment =
    key { $key }, shmid { $shmid }, { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    } ({ $origin }, mode { $mode })
sysv-writer-left = the segment stays after this program ends: read it with `{ $command }` (or remove it: ipcrm -m { $shmid })
sysv-writer-waiting = waiting for a reader to attach and detach (Ctrl-C to stop)...
sysv-writer-waiting-call = waiting for a reader
sysv-writer-reader-done = a reader (pid { $pid }) attached and detached; the segment stays
sysv-writer-reader-removed = a reader read the segment and removed it
sysv-writer-timeout = no reader attached and detached within { $seconds } s
sysv-writer-removed-unread = the segment nobody read was removed
## sysv-reader
sysv-reader-no-segment = no segment has this key: run sysv-writer first (ipcs -m lists the segments)
sysv-reader-what = segment shmid { $shmid } (key { $key })
sysv-reader-stat-title = shmctl(IPC_STAT) reports:
sysv-reader-stat-never = 0 (never)
sysv-reader-stat-shm-segsz = size given to shmget
sysv-reader-stat-mode = permission bits
sysv-reader-stat-uid-gid = owner
sysv-reader-stat-cuid-cgid = creator
sysv-reader-stat-shm-nattch = processes attached right now
sysv-reader-stat-shm-cpid = process that created the segment
sysv-reader-stat-shm-lpid = last process to call shmat or shmdt
sysv-reader-stat-shm-atime = last shmat
sysv-reader-stat-shm-dtime = last shmdt
sysv-reader-stat-shm-ctime = creation or last IPC_SET
## posix-writer
posix-writer-created = created
posix-writer-existing = opened the existing object
posix-writer-truncated = opened the existing object and cut it to 0 bytes (O_TRUNC)
posix-writer-object =
    { $name }: { $origin }; it lives at { $path }, { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    }, mode { $mode }
posix-writer-umask = note: asked for mode { $asked } but the object got { $got }: shm_open applies the umask, which removed { $removed }
posix-writer-left = the object stays after this program ends: read it with `{ $command }` (or remove it: rm { $path })
## posix-reader
posix-reader-no-object = no such object: run posix-writer first (ls /dev/shm lists the objects)
posix-reader-too-large =
    { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    } is too large to map
posix-reader-empty = the object has size 0, so there is nothing to read
posix-reader-empty-hint = its creator never gave it a size with ftruncate; run posix-writer, which does
## mmap-kinds
mmap-kinds-parent-saw = { $kind }: the child wrote "{ $wrote }"; the parent then saw "{ $seen }" — { $why }
mmap-kinds-file-held = { $kind }: the child wrote "{ $wrote }"; the file then held "{ $seen }" — { $why }
mmap-kinds-unexpected = expected "{ $expected }" but saw "{ $seen }": this machine did not behave as the lesson says
mmap-kinds-child-failed = the child { $end }
mmap-kinds-no-dir = --dir must name a directory that exists (by default the system's temp dir)
mmap-kinds-private-anonymous-label = private anonymous (MAP_PRIVATE|MAP_ANONYMOUS)
mmap-kinds-private-anonymous-why = after fork each process writes to its own copy-on-write pages, so nobody else sees a change
mmap-kinds-shared-anonymous-label = shared anonymous (MAP_SHARED|MAP_ANONYMOUS)
mmap-kinds-shared-anonymous-why = parent and child keep the same pages after fork: shared memory for related processes, with no name
mmap-kinds-private-file-label = private file (MAP_PRIVATE on a file)
mmap-kinds-private-file-why = the first write copies the page, so the change stays in the child and never reaches the file
mmap-kinds-shared-file-label = shared file (MAP_SHARED on a file)
mmap-kinds-shared-file-why = the change goes to the file's pages, seen by every process that maps or reads it (shm_open objects are mapped this way)
