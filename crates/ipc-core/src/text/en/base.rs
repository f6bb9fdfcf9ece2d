//! English: ipc-core itself.

pub(crate) const TEXTS: &[(&str, &str)] = &[
    ("core.removed", "removed {0}"),
    ("core.kept", "kept {0}; remove it with: {1}"),
];
