//! English: the shared-memory lesson programs: sysv-writer, sysv-reader, posix-writer, posix-reader, mmap-kinds.

pub(crate) const TEXTS: &[(&str, &str)] = &[
    // Shared by both writer/reader pairs.
    ("shm.prompt", "Message to shared memory: "),
    ("shm.no-message", "stdin ended before a line of text arrived"),
    ("shm.no-message.hint", "give --message TEXT, or type a line and press Enter"),
    ("shm.wrote", "wrote {0} bytes at offset 0: {1} bytes of text and the terminating NUL"),
    (
        "shm.no-nul",
        "warning: the {0} bytes held no NUL byte, so the writer never ended its text; printed them all, invalid UTF-8 as U+FFFD",
    ),
    // sysv-writer
    ("sysv-writer.created", "new segment"),
    ("sysv-writer.existing", "existing segment, reused as it is"),
    ("sysv-writer.segment", "key {0}, shmid {1}, {2} bytes ({3}, mode {4})"),
    (
        "sysv-writer.left",
        "the segment stays after this program ends: read it with `{0}` (or remove it: ipcrm -m {1})",
    ),
    ("sysv-writer.waiting", "waiting for a reader to attach and detach (Ctrl-C to stop)..."),
    ("sysv-writer.waiting-call", "waiting for a reader"),
    ("sysv-writer.reader-done", "a reader (pid {0}) attached and detached; the segment stays"),
    ("sysv-writer.reader-removed", "a reader read the segment and removed it"),
    ("sysv-writer.timeout", "no reader attached and detached within {0} s"),
    ("sysv-writer.removed-unread", "the segment nobody read was removed"),
    // sysv-reader
    ("sysv-reader.no-segment", "no segment has this key: run sysv-writer first (ipcs -m lists the segments)"),
    ("sysv-reader.what", "segment shmid {0} (key {1})"),
    ("sysv-reader.stat.title", "shmctl(IPC_STAT) reports:"),
    ("sysv-reader.stat.never", "0 (never)"),
    ("sysv-reader.stat.shm_segsz", "size given to shmget"),
    ("sysv-reader.stat.mode", "permission bits"),
    ("sysv-reader.stat.uid/gid", "owner"),
    ("sysv-reader.stat.cuid/cgid", "creator"),
    ("sysv-reader.stat.shm_nattch", "processes attached right now"),
    ("sysv-reader.stat.shm_cpid", "process that created the segment"),
    ("sysv-reader.stat.shm_lpid", "last process to call shmat or shmdt"),
    ("sysv-reader.stat.shm_atime", "last shmat"),
    ("sysv-reader.stat.shm_dtime", "last shmdt"),
    ("sysv-reader.stat.shm_ctime", "creation or last IPC_SET"),
    // posix-writer
    ("posix-writer.created", "created"),
    ("posix-writer.existing", "opened the existing object"),
    ("posix-writer.truncated", "opened the existing object and cut it to 0 bytes (O_TRUNC)"),
    ("posix-writer.object", "{0}: {1}; it lives at {2}, {3} bytes, mode {4}"),
    (
        "posix-writer.umask",
        "note: asked for mode {0} but the object got {1}: shm_open applies the umask, which removed {2}",
    ),
    (
        "posix-writer.left",
        "the object stays after this program ends: read it with `{0}` (or remove it: rm {1})",
    ),
    // posix-reader
    ("posix-reader.no-object", "no such object: run posix-writer first (ls /dev/shm lists the objects)"),
    ("posix-reader.too-large", "{0} bytes is too large to map"),
    ("posix-reader.empty", "the object has size 0, so there is nothing to read"),
    (
        "posix-reader.empty.hint",
        "its creator never gave it a size with ftruncate; run posix-writer, which does",
    ),
    // mmap-kinds
    ("mmap-kinds.parent-saw", "{0}: the child wrote \"{1}\"; the parent then saw \"{2}\" — {3}"),
    ("mmap-kinds.file-held", "{0}: the child wrote \"{1}\"; the file then held \"{2}\" — {3}"),
    ("mmap-kinds.unexpected", "expected \"{0}\" but saw \"{1}\": this machine did not behave as the lesson says"),
    ("mmap-kinds.child-failed", "the child {0}"),
    ("mmap-kinds.no-dir", "--dir must name a directory that exists (by default the system's temp dir)"),
    ("mmap-kinds.private-anonymous.label", "private anonymous (MAP_PRIVATE|MAP_ANONYMOUS)"),
    (
        "mmap-kinds.private-anonymous.why",
        "after fork each process writes to its own copy-on-write pages, so nobody else sees a change",
    ),
    ("mmap-kinds.shared-anonymous.label", "shared anonymous (MAP_SHARED|MAP_ANONYMOUS)"),
    (
        "mmap-kinds.shared-anonymous.why",
        "parent and child keep the same pages after fork: shared memory for related processes, with no name",
    ),
    ("mmap-kinds.private-file.label", "private file (MAP_PRIVATE on a file)"),
    (
        "mmap-kinds.private-file.why",
        "the first write copies the page, so the change stays in the child and never reaches the file",
    ),
    ("mmap-kinds.shared-file.label", "shared file (MAP_SHARED on a file)"),
    (
        "mmap-kinds.shared-file.why",
        "the change goes to the file's pages, seen by every process that maps or reads it (shm_open objects are mapped this way)",
    ),
];
