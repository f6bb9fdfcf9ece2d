//! Tiếng Việt: những gì chứng minh các khẳng định của bài học trên máy này: `--maps` của các
//! writer và reader shared memory, shm-claims, mq-claims, các demo mới của shm-errors và
//! sem-demos, và cách đánh số theo khóa học của tour.

pub(crate) const TEXTS: &[(&str, &str)] = &[
    // --maps (báo cáo maps của ipc-support)
    ("core.maps.title", "/proc/self/maps (không gian địa chỉ của tiến trình này, địa chỉ thấp trước):"),
    ("core.maps.returned", "{0} trả về {1}"),
    (
        "core.maps.between",
        "nằm giữa [heap] và [stack]: heap kết thúc ở {0}, vùng map này bắt đầu ở {1}, stack bắt đầu ở {2}",
    ),
    ("core.maps.not-between", "trong tiến trình này, vùng map KHÔNG nằm giữa [heap] và [stack]"),
    ("core.maps.no-heap-or-stack", "tiến trình này không có dòng [heap] hoặc [stack] để so sánh"),
    (
        "core.maps.pages",
        "xin {0} byte, được map {1} byte: {2} trang, mỗi trang {3} byte (bộ nhớ luôn được map theo trang nguyên)",
    ),
    ("core.maps.not-found", "không dòng nào của /proc/self/maps chứa địa chỉ {0}"),
];
