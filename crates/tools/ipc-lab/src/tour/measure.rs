//! What the tour measures itself in a program's output, rather than trusting a sentence:
//! the `--maps` report's own lines (000 §1), read back into numbers.

use ipc_support::maps::{Region, page_size};
use ipc_text::t;

/// The three lines of a `--maps` report and the address the call returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapsSeen {
    pub heap: Region,
    pub own: Region,
    pub stack: Region,
    pub returned: usize,
}

/// Reads a `--maps` report: the line marked `←` (the mapping, and after the arrow the
/// address the call returned), and the [heap] and [stack] lines. None when one is missing.
pub fn maps_seen(output: &str) -> Option<MapsSeen> {
    let line = |pick: &dyn Fn(&str) -> bool| {
        let found = output.lines().find(|l| pick(l))?;
        Region::parse(found.split(" ← ").next()?.trim())
    };
    let marked = output.lines().find(|l| l.contains(" ← "))?;
    let after = marked.split(" ← ").nth(1)?;
    let hex = after.split("0x").nth(1)?;
    let digits: String = hex.chars().take_while(char::is_ascii_hexdigit).collect();
    Some(MapsSeen {
        heap: line(&|l| l.trim_end().ends_with("[heap]"))?,
        own: line(&|l| l.contains(" ← "))?,
        stack: line(&|l| l.trim_end().ends_with("[stack]"))?,
        returned: usize::from_str_radix(&digits, 16).ok()?,
    })
}

/// With address-space randomisation on (Linux's default), two programs map the same memory
/// at addresses of their own.
pub fn randomised() -> bool {
    std::fs::read_to_string("/proc/sys/kernel/randomize_va_space").is_ok_and(|v| v.trim() != "0")
}

/// The check of one report: problems (empty when it shows what 000 §1 says) and what was
/// seen, in one line. `earlier`: the address another process got for the same memory.
pub fn check_maps(
    seen: &MapsSeen,
    call: &str,
    perms: &str,
    earlier: Option<usize>,
) -> (Vec<String>, String) {
    let hex = |n: usize| format!("{n:#x}");
    let mut problems = Vec::new();
    if !(seen.heap.end <= seen.own.start && seen.own.end <= seen.stack.start) {
        problems.push(t!(
            "front-tour-maps-not-between",
            address = hex(seen.own.start)
        ));
    }
    if seen.own.start != seen.returned {
        problems.push(t!(
            "front-tour-maps-other-line",
            address = hex(seen.returned)
        ));
    }
    if seen.own.perms != perms {
        problems.push(t!(
            "front-tour-maps-perms",
            perms = seen.own.perms,
            expected = perms
        ));
    }
    let page = page_size();
    if seen.own.len() % page != 0 {
        problems.push(t!(
            "front-tour-maps-pages",
            bytes = seen.own.len(),
            page_size = page
        ));
    }
    let mut observed = t!(
        "front-tour-maps-seen",
        call = call,
        address = hex(seen.returned),
        path = seen.own.path,
        perms = seen.own.perms,
        bytes = seen.own.len(),
        heap_end = hex(seen.heap.end),
        stack_start = hex(seen.stack.start)
    );
    if let Some(before) = earlier {
        observed.push_str("; ");
        observed.push_str(&t!("front-tour-maps-earlier", address = hex(before)));
        if before == seen.returned && randomised() {
            problems.push(t!("front-tour-maps-same-address", address = hex(before)));
        }
    }
    (problems, observed)
}

/// The data calls of an `ipc-lab trace` (`[PID] write(…`) that carried `text`, and the
/// trace's summary of calls by kind, in one line.
pub fn calls_carrying(trace: &str, text: &str) -> (Vec<String>, String) {
    const DATA: [&str; 6] = [
        "write(",
        "writev(",
        "sendto(",
        "sendmsg(",
        "mq_timedsend(",
        "msgsnd(",
    ];
    let carrying = trace
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('['))
        .filter(|l| {
            l.split_once("] ").is_some_and(|(_, call)| {
                DATA.iter().any(|d| call.starts_with(d)) && call.contains(text)
            })
        })
        .map(str::to_string)
        .collect();
    // The summary's kinds: the indented `kind: call N, call N` lines after its title.
    let summary: Vec<&str> = trace
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.contains(": ")
                && l.split(": ").nth(1).is_some_and(|c| {
                    c.split(", ").all(|w| {
                        w.rsplit_once(' ')
                            .is_some_and(|(_, n)| n.parse::<u64>().is_ok())
                    })
                })
        })
        .collect();
    (carrying, summary.join(" | "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "\
/proc/self/maps (…):
  55d0c8a00000-55d0c8a21000 rw-p 00000000 00:00 0                          [heap]
  …
  7f3a1c000000-7f3a1c001000 rw-s 00000000 00:01 32                         /SYSV41012345 (deleted)   ← shmat trả về 0x7f3a1c000000
  …
  7ffd2f1e0000-7ffd2f201000 rw-p 00000000 00:00 0                          [stack]
";

    #[test]
    fn a_report_is_read_back_in_either_language() {
        let seen = maps_seen(REPORT).unwrap();
        assert_eq!(seen.returned, 0x7f3a_1c00_0000);
        assert_eq!(seen.own.path, "/SYSV41012345 (deleted)");
        assert_eq!(seen.heap.end, 0x55d0_c8a2_1000);
        assert_eq!(seen.stack.start, 0x7ffd_2f1e_0000);
        assert_eq!(maps_seen("no report here"), None);
    }

    #[test]
    fn a_text_carried_by_a_write_is_found_and_the_summary_kept() {
        let trace = "[7] openat(/dev/shm/x, O_RDWR, 0o600) = 5  — …\n[7] write(1 (pipe:[3]), \"created\", 8) = 8\nsummary:\n  POSIX shared memory: ftruncate 1, mmap 1\n  pipes and sockets: write 1\n";
        let (carrying, summary) = calls_carrying(trace, "Hello");
        assert!(carrying.is_empty());
        assert_eq!(
            summary,
            "POSIX shared memory: ftruncate 1, mmap 1 | pipes and sockets: write 1"
        );
        let (carrying, _) = calls_carrying(trace, "created");
        assert_eq!(carrying.len(), 1);
    }

    #[test]
    fn the_check_rests_on_the_addresses() {
        ipc_text::with_lang(ipc_text::Lang::EN, || {
            let seen = maps_seen(REPORT).unwrap();
            let (problems, observed) = check_maps(&seen, "shmat", "rw-s", None);
            assert!(problems.is_empty(), "{problems:?}");
            assert!(observed.contains("0x7f3a1c000000"), "{observed}");
            let (problems, _) = check_maps(&seen, "shmat", "r--s", None);
            assert_eq!(problems.len(), 1);
            let mut upside_down = seen.clone();
            upside_down.heap.end = usize::MAX;
            assert_eq!(check_maps(&upside_down, "shmat", "rw-s", None).0.len(), 1);
        });
    }
}
