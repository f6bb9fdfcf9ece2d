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
grade-below = below the { $needed } points required
grade-min-score-too-high = more than the { $max } points the graded exercises are worth
grade-hint-for = `ipc-lab hint { $exercise }` helps with { $exercise }
grade-hint-any = `ipc-lab hint EXERCISE` helps with a failing exercise
grade-exercise-named = exercise '{ $name }'
grade-no-such-exercise = no such exercise; `ipc-lab list` shows them (ex01 … ex06)
grade-holds-none = holds none of the exercise files (ex01.rs … ex06.rs, or exercises/exNN.rs)
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
