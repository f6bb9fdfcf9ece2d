//! English: what shows the lessons' claims on this machine: `--maps` of the shm writers and
//! readers, shm-claims, mq-claims, the new demos of shm-errors and sem-demos, and the tour's
//! course numbering.

pub(crate) const TEXTS: &[(&str, &str)] = &[
    // --maps (ipc-support's maps report)
    ("core.maps.title", "/proc/self/maps (this process's address space, low addresses first):"),
    ("core.maps.returned", "{0} returned {1}"),
    (
        "core.maps.between",
        "between [heap] and [stack]: the heap ends at {0}, this mapping starts at {1}, the stack starts at {2}",
    ),
    ("core.maps.not-between", "this mapping is NOT between [heap] and [stack] in this process"),
    ("core.maps.no-heap-or-stack", "this process has no [heap] or no [stack] line to compare with"),
    (
        "core.maps.pages",
        "{0} bytes asked for, {1} bytes mapped: {2} pages of {3} bytes (memory is mapped in whole pages)",
    ),
    ("core.maps.not-found", "no line of /proc/self/maps holds the address {0}"),
];
