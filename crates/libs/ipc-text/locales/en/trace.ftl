### English: ipc-lab trace.
### One explanation for each call the trace explains; calls that do the same share one.

trace-explain-shmget = 000 §3: finds or creates a System V segment by key; IPC_PRIVATE always makes a new one only this family can name
trace-explain-shmat = 000 §3: maps the segment into this process's address space; its bytes are then read and written with no further call
trace-explain-shmdt = 000 §3: unmaps the segment from this process; the segment itself stays
trace-explain-shmctl = 000 §3: IPC_STAT reads shmid_ds, IPC_RMID marks the segment for removal (freed after the last detach)
trace-explain-open = 000 §4: shm_open is an open of /dev/shm/NAME, a file in RAM (tmpfs); O_EXCL refuses an existing one
trace-explain-ftruncate = 000 §4: gives the new object its size (it starts at 0 bytes; touching a page beyond the size is SIGBUS, 003 §2.1)
trace-explain-mmap = 000 §1/§4: a shared mapping: the same pages in every process that maps them, between the heap and the stack
trace-explain-munmap = 000 §4: unmaps; the object lives on until it is unlinked and the last mapping is gone
trace-explain-unlink = 000 §4: shm_unlink/sem_unlink remove the name; mapped memory stays until the last munmap
trace-explain-link = 003 §2: sem_open makes a named semaphore as a temporary file in /dev/shm, then links it to sem.NAME
trace-explain-mq-open = 003 §1: opens (or with O_CREAT makes) a POSIX queue; its attributes are fixed at creation
trace-explain-mq-timedsend = 003 §1: copies the message into the kernel's queue (one copy in); a full queue blocks or gives EAGAIN
trace-explain-mq-timedreceive = 003 §1: copies out the oldest message of the highest priority (one copy out); an empty queue blocks or gives EAGAIN
trace-explain-mq-unlink = 003 §1: removes the queue's name; a forgotten queue lives until reboot
trace-explain-mq-getsetattr = 003 §1: reads (or sets O_NONBLOCK in) the queue's attributes
trace-explain-mq-notify = 003 §1: asks to be told when a message arrives in an empty queue
trace-explain-msgget = 003 §1: finds or creates a System V queue by key
trace-explain-msgsnd = 003 §1: copies a typed message into the System V queue
trace-explain-msgrcv = 003 §1: copies out a message chosen by type (>0 that type, 0 the first, <0 the lowest ≤ |type|)
trace-explain-msgctl = 003 §1: IPC_STAT reads msqid_ds, IPC_RMID removes the queue at once
trace-explain-semget = 003 §2: finds or creates a System V semaphore set
trace-explain-semop = 003 §2: adds to or takes from System V semaphores, waiting if a value would go below 0
trace-explain-semtimedop = 003 §2: semop with a time limit
trace-explain-semctl = 003 §2: reads, sets or removes System V semaphores
trace-explain-futex = 003 §2: waits in the kernel on a word of shared memory: a POSIX semaphore or a process-shared mutex that was taken (an untaken one costs no call at all)
trace-explain-wait4 = waits for a child to end and reaps it; the surest way to know what it wrote is in place
trace-explain-waitid = waits for a child to end
trace-explain-kill = sends a signal; SIGINT and SIGTERM give a program the chance to clean up (exercise 6)
trace-explain-tkill = sends a signal to one thread
trace-explain-nanosleep = sleeps: a guess about timing, not synchronisation
trace-explain-read = 000 §2: copies bytes out of the kernel's buffer (a pipe or socket); once read, they are gone for every other reader
trace-explain-readv = 000 §2: copies bytes out of the kernel's buffer
trace-explain-recv = 000 §2: copies bytes out of the socket's buffer in the kernel
trace-explain-write = 000 §2: copies bytes into the kernel's buffer (a pipe or socket): one copy in, a switch into the kernel
trace-explain-writev = 000 §2: copies bytes into the kernel's buffer
trace-explain-send = 000 §2: copies bytes into the socket's buffer in the kernel
trace-explain-pipe = 000 §2: a pipe: a byte stream through a kernel buffer, no message boundaries
trace-explain-socketpair = 000 §2: two connected sockets: data is copied through the kernel both ways
trace-born-process = [{ $parent }] fork → new process { $child } (it inherits the attached segments and shared mappings)
trace-born-thread = [{ $parent }] new thread { $thread } (same memory, same process)
trace-ended-exited = exited with status { $status }
trace-ended-signaled = killed by { $signal }
trace-ended-other = ended
trace-summary-title = summary of the calls the lessons teach:
trace-summary-bytes = bytes copied through the kernel (pipes, sockets, queues): { $bytes }
trace-summary-switches =
    context switches: { $voluntary } voluntary (blocked, waiting), { $forced } forced, over { $processes ->
        [one] { $processes } process
       *[other] { $processes } processes
    }
trace-kind-shm-sysv = System V shared memory
trace-kind-shm-posix = POSIX shared memory and named semaphores
trace-kind-mq-posix = POSIX queues
trace-kind-mq-sysv = System V queues
trace-kind-sync = semaphores and waits on shared memory
trace-kind-stream = pipes and sockets
trace-kind-process = processes and signals
trace-priority = (priority { $priority })
