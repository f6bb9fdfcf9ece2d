//! Tiếng Việt: ipc-core itself.

pub(crate) const TEXTS: &[(&str, &str)] = &[
    ("core.removed", "đã xóa {0}"),
    ("core.kept", "giữ lại {0}; xóa bằng lệnh: {1}"),
];
