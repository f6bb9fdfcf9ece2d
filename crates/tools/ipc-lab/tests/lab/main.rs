//! ipc-lab's end-to-end tests, in one binary. Cargo runs test binaries one after another;
//! most of these wait (on a graded run, a timeout, a namespace being set up) more than they
//! compute, and in one binary their waits overlap with one another's work.

mod grading_support;
mod hostile_support;
mod objects_support;

mod autograder;
mod class;
mod classroom;
mod clean;
mod course;
mod grade;
mod hostile;
mod language;
mod limits;
mod ls;
mod reports;
mod tour;
mod trace;
