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
