### English: exercises and grader: ipc-lab grade, hint, list.
### An exercise's English title and hint live in info.toml, the one list of exercises.

exercises-list-header = Exercises (edit exercises/exNN.rs; grade with `ipc-lab grade`):
exercises-list-pending = pending (still has todo!())
exercises-list-done = done
exercises-list-score = { $score }/{ $max } at the last grade
exercises-list-ungraded = started, not graded yet
exercises-list-changed = changed since the last grade ({ $score }/{ $max })
exercises-list-footer = { $done } of { $total } done. Next: `ipc-lab hint EXERCISE`, `ipc-lab grade EXERCISE`.
exercises-hint-header = Hint for { $exercise } ({ $title }); the contract is at the top of { $file }:

## ipc-lab grade: the human report and the grader's refusals (ipc-grade lib.rs, report.rs).
## A check's English name lives in ipc-grade's checks.rs (plan); its translations are
## grade-check-EXERCISE-NAME, NAME written lowercase with '-' for every other character.
grade-building =
    building { $count ->
        [one] { $count } exercise
       *[other] { $count } exercises
    } from { $dir } …
grade-mark-ok = ok
grade-mark-fail = FAIL
grade-total = Total: { $score }/{ $max } ({ $seconds } s)
grade-points = { $score }/{ $max } points
grade-score = score { $score }/{ $max }
grade-below = below the { $needed } points required
grade-min-score-too-high = more than the { $max } points the graded exercises are worth
grade-hint-for = `ipc-lab hint { $exercise }` helps with { $exercise }
grade-hint-any = `ipc-lab hint EXERCISE` helps with a failing exercise
grade-exercise-named = exercise '{ $name }'
grade-no-such-exercise = no such exercise; `ipc-lab list` shows them (ex01 … ex06)
grade-holds-none = holds none of the exercise files (ex01.rs … ex06.rs, or exercises/exNN.rs)
grade-gradescope-not-graded = This submission could not be graded: { $why }. Submit your exercise files (ex01.rs … ex06.rs) or your copy of the repository (with its exercises/ folder).
grade-submission-hint = give the student's copy of the repository, or a directory with ex01.rs … ex06.rs
grade-isolated = each run isolated: own IPC, pid, mount, network and UTS namespaces, private /dev/shm and /tmp, { $identity }
grade-not-isolated = no namespaces here ({ $why }): runs are traced, limited and run as { $identity }, but share this machine's IPC objects
grade-isolation-unavailable = not available
grade-identity-own-uid = a uid of its own (not root, no capabilities)
grade-identity-grader-userns = uid { $uid } (the grader's) in a user namespace, without capabilities
grade-identity-grader = uid { $uid } (the grader's)
grade-build-cannot-read = cannot read { $path }: { $why }
grade-build-symlink = it is a symbolic link; the grader reads only regular files
grade-build-not-regular = it is not a regular file
grade-build-too-big = it is over { $kib } KiB
grade-build-does-not-compile = does not compile: { $what }
grade-build-cannot-copy = copying { $path }: { $why }
grade-build-cannot-create = creating { $path }: { $why }
grade-build-failed = { $file } could not be built: { $why }
grade-build-cannot-keep = keeping the binary of { $file }: { $why }
grade-build-over-limits = { $file } could not be built within the grader's limits ({ $why })
grade-build-took-too-long = the compiler took longer than { $seconds } s
grade-build-not-taken-out = { $file } was compiled, but its binary could not be taken out of the sandbox: { $why }
grade-build-compiler-ended = { $file } could not be built: the compiler { $end }: { $why }
grade-build-end-exited = exited with status { $status }
grade-build-end-killed = was killed by { $signal }
grade-build-end-not-started = could not be started
grade-build-end-stopped = was stopped
## Refusals of the grader before any exercise is built (the instructor's machine).
grade-build-needs-toolchain = ipc-lab grade needs cargo and rustc on the PATH
grade-build-reading-metadata = reading cargo metadata
grade-build-no-exercises-package = no `exercises` package at the top
grade-build-building-crates = building the crates the exercises use
grade-build-no-library = cargo built no library
grade-creating = creating { $path }
grade-writing = writing { $path }
grade-finding-own-program = finding the grader's own program
grade-submission-named = submission { $path }
grade-exercises-leads-out = exercises/ leads out of the submission (to { $path }); the grader reads only the student's own files
grade-isolating-the-runs = isolating the runs
grade-isolation-hint = grade where namespaces are allowed, or without --isolation required to run with the isolation this machine allows
grade-isolation-required-unavailable = full isolation was required and is not available here: { $why }
grade-sandbox-not-built = the sandbox could not be built: { $why }
grade-output-is-a-directory = is a directory; give a file name
grade-output-not-a-directory = is not a directory
grade-output-cannot-write-it = cannot write it: { $why }
grade-output-cannot-write-there = cannot write there: { $why }
grade-output-cannot-create-it = cannot create it: { $why }

## What the sandbox could not give or do, reported as data and worded here (ipc-grade
## runner.rs); a failed call keeps its own name and errno text.
grade-missing-not-asked = namespaces not used (--isolation none)
grade-missing-no-private-root-landlock = no private root: the program sees the host's files as its uid may (the compiler is confined by Landlock, ABI { $abi })
grade-missing-no-private-root = no private root, and no Landlock: the program and the compiler see the host's files as their uid may
grade-missing-init-ended = its init process ended before building it
grade-export-no-private-tmp = the run has no private /tmp
grade-export-not-regular = { $path } is not a regular file
grade-export-too-large = { $path } is larger than { $max ->
        [one] { $max } byte
       *[other] { $max } bytes
    }
grade-limit-tasks = more than { $count ->
        [one] { $count } process or thread
       *[other] { $count } processes and threads
    } at once
grade-limit-output = printed more than { $mib } MiB
grade-limit-memory = more than { $mib } MiB of memory in use

## How a run of a submission ended, when it is not what the check expects (ipc-grade runner.rs).
grade-run-timed-out = did not finish in time (killed; a deadlock or a missing exit?)
grade-run-over-limit = stopped by the grader: { $limit }
grade-run-not-started = could not be started: { $why }
grade-run-not-done = not done yet (the stub still reaches todo!()): { $what }
grade-run-finish-the-todos = finish the TODOs
grade-run-panicked = panicked: { $why }
grade-run-exit-status = exit status { $status }, expected { $expected }
grade-run-exit-status-saying = exit status { $status }, expected { $expected }: { $stderr }
grade-run-killed = killed by signal { $signal }

## ipc-lab grade --class (ipc-grade class.rs). The gradebook's column headers and the status
## codes before the first `: ` (ok, build failed, timed out, missing, not graded) are not
## messages: programs read them, like the JSON keys. The reason after `not graded: ` is.
grade-class-needs-output = needs --output FILE, the gradebook to write (CSV), e.g. --output grades.csv
grade-class-not-a-directory = is not a directory (give the folder holding one subdirectory per submission)
grade-class-no-subdirectory = holds no subdirectory: give the folder with one subdirectory per submission
grade-class-grading = grading the class
grade-class-summary = Gradebook: { $gradebook } ({ $count ->
        [one] { $count } submission
       *[other] { $count } submissions
    }, { $graded } graded, { $seconds } s); reports in { $reports }
grade-class-progress-grading = grading { $submissions }
grade-class-phase-starting = starting
grade-class-phase-building = building
grade-class-interrupted-before-its-turn = interrupted before its turn
grade-class-interrupted = interrupted
grade-class-symlink = a symbolic link, not a submission folder: copy the student's own files there
grade-class-no-exercise-file = no exercise file ({ $files }, or in exercises/)
grade-class-cannot-start = cannot start the grader: { $why }
grade-class-took-too-long = grading took longer than { $seconds } s and was stopped (--submission-limit)
grade-class-lost-its-grader = lost its grader: { $why }
grade-class-grader-crashed = the grader crashed ({ $signal })
grade-class-grader-ended = the grader ended with status { $status }
grade-class-report-unreadable = its report cannot be read: { $why }
