### English: what a check of the grader says when it fails (ipc-grade checks.rs, runner.rs).
### Quoted output, call and flag names, options and numbers are arguments or stay as written.
### tests/grade.rs and tests/hostile.rs read some of these sentences: change them together.

## The objects a run made, named in `left behind: …`, `missing: …` and `still there: …`.
## A System V key is passed as its hexadecimal digits (0x4854).
grade-object-posix-shm = POSIX shared-memory object /{ $name }
grade-object-named-semaphore = named semaphore /{ $name }
grade-object-posix-queue = POSIX message queue /{ $name }
grade-object-sysv-segment = System V segment id { $id } (key { $key })
grade-object-sysv-queue = System V queue id { $id } (key { $key })
grade-object-sysv-semaphores = System V semaphore set id { $id } (key { $key })
## What kind of shared memory an exercise asks for, inside the sentences below.
grade-shm-kind-sysv = System V segment
grade-shm-kind-posix = POSIX shared-memory object

## Every check.
grade-fail-left-behind = left behind: { $objects } (removed by the grader; remove what you create, also on errors)
grade-fail-output-right-but = the output is right, but { $why }
grade-fail-line-differs = line { $line } of the output: expected `{ $expected }`, got `{ $got }`
grade-fail-too-few-lines = the output has { $count ->
        [one] { $count } line
       *[other] { $count } lines
    }; line { $line } should be `{ $expected }`
grade-fail-extra-output = unexpected extra output: `{ $got }`
grade-fail-refusal-silent = exit status 1 but nothing on stderr: say what is wrong in one line
grade-fail-refused-after-printing = refused, but printed `{ $printed }…` first
grade-fail-skipped-after-hang = skipped: an earlier run of this exercise hung

## ex01 and ex02: A forks B, they exchange a message and its reply through shared memory.
grade-fail-not-seen-b-received = the grader did not see `B received` written
grade-fail-b-line-by-a = `B received: …` was printed by A itself; B must be a child (fork) that reads the message from the shared memory
grade-fail-b-line-not-by-child = `B received: …` was printed by a process A did not fork
grade-fail-b-saw-no-message = when B printed, no { $what } B had mapped held the message (a C string at offset 0)
grade-fail-not-seen-a-received = the grader did not see `A received` written
grade-fail-a-line-not-by-a = `A received: …` was not printed by A
grade-fail-a-did-not-wait = A printed its line without having waited for B (waitpid for B's pid first)
grade-fail-b-did-not-reply = when B ended, its { $what } did not hold the reply `{ $reply }`: B must write it
grade-fail-a-saw-no-reply = when A printed, its { $what } did not hold B's reply `{ $reply }`
grade-fail-no-shmget-private = A did not create the segment with shmget(IPC_PRIVATE, …)
grade-fail-no-shm-open-excl = A did not create /{ $name } with shm_open(O_CREAT|O_EXCL|O_RDWR)
grade-fail-b-did-not-open = B did not open /{ $name } by its name (shm_open in B)
grade-fail-a-sleeps = A sleeps (nanosleep): wait for B to exit instead

## ex03: A sends every message with its priority, B prints what it receives.
grade-fail-no-mq-open-excl = A did not create the queue { $queue } with mq_open(O_CREAT|O_EXCL)
grade-fail-not-sent-in-order = A did not send `message I` with priority PI for every priority, in order (mq_send)
grade-fail-not-seen-priority-lines = the grader did not see the `priority` lines written
grade-fail-priority-lines-not-by-b = the `priority` lines were not printed by a child of A (B)
grade-fail-not-what-b-received = B's lines are not the messages it received from the queue (mq_receive), in the order received

## ex04 and ex05: children at once, each update under a semaphore the grader holds.
grade-fail-forked = A forked { $forked ->
        [one] { $forked } child process
       *[other] { $forked } child processes
    }, not { $wanted }
grade-fail-never-together = the { $workers } children never ran at the same time (at most { $together } at once): fork them all, then wait for them
grade-fail-no-semaphore-at-start = when the children started, the semaphore /{ $name } did not exist or was 0 (sem_open it with value 1 before forking)
grade-fail-went-on-unlocked = { $unlocked } of the { $workers } children went on while the grader held /{ $name }: take the semaphore (sem_wait) before touching the shared memory
grade-fail-nobody-waited = no child waited for /{ $name } while the grader held it: each update must hold it (sem_wait)
grade-fail-not-seen-total = the grader did not see the total written
grade-fail-total-not-shared = the total A printed is not in its shared memory
grade-fail-total-before-children = A's shared counter already held the total before the children ran
grade-fail-not-seen-children-end = the grader did not see the children end
grade-fail-counter-not-total = when the last child ended, the shared counter held { $value }, not the total { $total }: the children must do the additions
grade-fail-counter-not-mapped = the last child to end did not have the shared counter mapped
grade-fail-total-not-in-shared-memory = the total A printed is not in memory A shares with the children

## ex05: one mover alone, then both at once.
grade-fail-first-mover = with one mover run alone, its { $moves } moves must leave the balances at { $low } and { $high }; they did not (the money was not moved as the contract says)
grade-fail-second-mover = after the second mover ran alone, its { $moves } moves the other way must bring the balances back to { $start } each; they did not
grade-fail-not-seen-movers-end = the grader did not see both movers end
grade-fail-skipped-not-moved = skipped: the one-mover run showed the money is not moved as the contract says

## ex06: three objects, `ready`, then removed on SIGTERM, SIGINT or the end of stdin.
grade-fail-never-ready = never printed `ready`: { $why }
grade-fail-exited-before-ready = exited without printing `ready`
grade-fail-missing-at-ready = when it printed `ready`, missing: { $objects }
grade-fail-still-running-after-signal = still running { $seconds } s after { $signal } (killed): clean up and exit when asked
grade-fail-still-running-after-stdin = still running { $seconds } s after stdin closed (killed): clean up and exit when asked
grade-fail-no-cleaned-up = exited 0 but did not print `cleaned up`
grade-fail-nothing-to-clean = the objects were not all there at `ready`, so nothing was cleaned up
grade-fail-still-there = when it printed `cleaned up`, still there: { $objects }
