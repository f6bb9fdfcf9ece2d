//! `--maps`: where shared memory sits in this process's address space, as /proc/self/maps
//! shows it. Lesson 000 §1 says the mapping lies between the heap and the stack; the kernel's
//! own line for it says what backs it (`/SYSV… (deleted)` for a System V segment,
//! `/dev/shm/NAME` for a POSIX object), and its length shows that memory is mapped in whole
//! pages (shmget rounds a 1024-byte segment up to a 4096-byte page).

use ipc_text::t;

use crate::error::{IpcError, Result};

/// One line of /proc/PID/maps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub start: usize,
    pub end: usize,
    /// `rw-s`: readable, writable, not executable, shared (`p`: private).
    pub perms: String,
    /// The file behind it, `[heap]`, `[stack]`…, or empty for anonymous memory.
    pub path: String,
    /// The line as the kernel wrote it.
    pub line: String,
}

impl Region {
    /// `START-END PERMS OFFSET DEV INODE [PATH]`; None for a line of another shape.
    pub fn parse(line: &str) -> Option<Region> {
        let mut fields = line.split_whitespace();
        let (start, end) = fields.next()?.split_once('-')?;
        let perms = fields.next()?.to_string();
        // offset, device, inode; then the path, which may contain spaces.
        for _ in 0..3 {
            fields.next()?;
        }
        let path = fields.collect::<Vec<_>>().join(" ");
        Some(Region {
            start: usize::from_str_radix(start, 16).ok()?,
            end: usize::from_str_radix(end, 16).ok()?,
            perms,
            path,
            line: line.to_string(),
        })
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, addr: usize) -> bool {
        (self.start..self.end).contains(&addr)
    }

    /// Shared with other processes (`s` in the permissions), not copy-on-write.
    pub fn is_shared(&self) -> bool {
        self.perms.ends_with('s')
    }
}

/// Every region of a maps file, in its order (low addresses first).
pub fn regions(maps: &str) -> Vec<Region> {
    maps.lines().filter_map(Region::parse).collect()
}

/// The region holding `addr`, with the heap and the stack around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub addr: usize,
    pub own: Region,
    pub heap: Option<Region>,
    pub stack: Option<Region>,
}

impl Placement {
    /// Where `addr` lies in `maps`; None when no region holds it.
    pub fn find(maps: &str, addr: usize) -> Option<Placement> {
        let all = regions(maps);
        let named = |name: &str| all.iter().find(|r| r.path == name).cloned();
        Some(Placement {
            addr,
            own: all.iter().find(|r| r.contains(addr))?.clone(),
            heap: named("[heap]"),
            stack: named("[stack]"),
        })
    }

    /// Above the end of the heap and below the start of the stack.
    pub fn between_heap_and_stack(&self) -> bool {
        match (&self.heap, &self.stack) {
            (Some(heap), Some(stack)) => heap.end <= self.own.start && self.own.end <= stack.start,
            _ => false,
        }
    }
}

/// The page size, from `sysconf(_SC_PAGESIZE)`.
pub fn page_size() -> usize {
    nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
        .ok()
        .flatten()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(4096)
}

/// The `--maps` report for memory this process mapped at `addr` (`returned_by`: the call
/// that gave the address, `shmat` or `mmap`) after asking for `asked` bytes: the maps lines
/// of the heap, of the mapping and of the stack, then what they show.
pub fn report(addr: usize, asked: usize, returned_by: &str) -> Result<String> {
    let maps = std::fs::read_to_string("/proc/self/maps")
        .map_err(|e| IpcError::refused("read /proc/self/maps", e.to_string()))?;
    let place = Placement::find(&maps, addr).ok_or_else(|| {
        IpcError::refused(
            "read /proc/self/maps",
            t!("core-maps-not-found", address = format!("{addr:#x}")),
        )
    })?;
    Ok(describe(&place, asked, returned_by, page_size()))
}

/// The report's text (separate from reading the file, so that it can be tested).
pub fn describe(place: &Placement, asked: usize, returned_by: &str, page: usize) -> String {
    let mut rows: Vec<(&Region, String)> = Vec::new();
    if let Some(heap) = &place.heap {
        rows.push((heap, String::new()));
    }
    rows.push((
        &place.own,
        format!(
            "   ← {}",
            t!(
                "core-maps-returned",
                call = returned_by,
                address = format!("{:#x}", place.addr)
            )
        ),
    ));
    if let Some(stack) = &place.stack {
        rows.push((stack, String::new()));
    }
    rows.sort_by_key(|(r, _)| r.start);
    let mut out = format!("{}\n", t!("core-maps-title"));
    for (i, (region, note)) in rows.iter().enumerate() {
        if i > 0 {
            out.push_str("  …\n");
        }
        out.push_str(&format!("  {}{note}\n", region.line));
    }
    let hex = |n: usize| format!("{n:#x}");
    let verdict = match (&place.heap, &place.stack) {
        (Some(heap), Some(stack)) if place.between_heap_and_stack() => t!(
            "core-maps-between",
            heap_end = hex(heap.end),
            start = hex(place.own.start),
            stack_start = hex(stack.start)
        ),
        (Some(_), Some(_)) => t!("core-maps-not-between"),
        _ => t!("core-maps-no-heap-or-stack"),
    };
    out.push_str(&format!("{verdict}\n"));
    let mapped = place.own.len();
    out.push_str(&format!(
        "{}\n",
        t!(
            "core-maps-pages",
            asked = asked,
            mapped = mapped,
            pages = mapped.div_ceil(page.max(1)),
            page_size = page
        )
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAPS: &str = "\
55d0c8a00000-55d0c8a21000 rw-p 00000000 00:00 0                          [heap]
7f3a1c000000-7f3a1c001000 rw-s 00000000 00:01 32                         /SYSV41012345 (deleted)
7f3a1c002000-7f3a1c003000 r--s 00000000 00:1a 7                          /dev/shm/tho mmap
7ffd2f1e0000-7ffd2f201000 rw-p 00000000 00:00 0                          [stack]
";

    #[test]
    fn lines_are_parsed_with_paths_that_hold_spaces() {
        let all = regions(MAPS);
        assert_eq!(all.len(), 4);
        assert_eq!(all[1].path, "/SYSV41012345 (deleted)");
        assert_eq!(all[2].path, "/dev/shm/tho mmap");
        assert_eq!((all[1].start, all[1].len()), (0x7f3a_1c00_0000, 4096));
        assert!(all[1].is_shared() && !all[0].is_shared());
        assert_eq!(Region::parse("garbage"), None);
    }

    #[test]
    fn a_segment_is_found_between_the_heap_and_the_stack() {
        let p = Placement::find(MAPS, 0x7f3a_1c00_0010).unwrap();
        assert_eq!(p.own.path, "/SYSV41012345 (deleted)");
        assert!(p.between_heap_and_stack());
        assert_eq!(Placement::find(MAPS, 0x1000), None);
        let heap_only = Placement::find(MAPS, 0x55d0_c8a0_0000).unwrap();
        assert!(!heap_only.between_heap_and_stack());
    }

    #[test]
    fn the_report_shows_the_three_lines_in_address_order_and_the_pages() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        let p = Placement::find(MAPS, 0x7f3a_1c00_0000).unwrap();
        let out = describe(&p, 1024, "shmat", 4096);
        let at = |needle: &str| {
            out.find(needle)
                .unwrap_or_else(|| panic!("{needle}: {out}"))
        };
        assert!(at("[heap]") < at("/SYSV41012345") && at("/SYSV41012345") < at("[stack]"));
        assert!(out.contains("shmat returned 0x7f3a1c000000"), "{out}");
        assert!(out.contains("between [heap] and [stack]"), "{out}");
        assert!(
            out.contains("1024 bytes asked for, 4096 bytes mapped: 1 page of 4096 bytes"),
            "{out}"
        );
    }

    #[test]
    fn a_shared_mapping_of_this_process_is_reported_from_its_own_maps() {
        use nix::sys::mman::{MapFlags, ProtFlags};
        ipc_text::set_lang(ipc_text::Lang::EN);
        let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
        let m = ipc_sys::mman::mmap_anonymous(1000, prot, MapFlags::MAP_SHARED).unwrap();
        let out = report(m.addr(), 1000, "mmap").unwrap();
        assert!(
            out.contains(&format!("mmap returned {:#x}", m.addr())),
            "{out}"
        );
        assert!(out.contains(" rw-s "), "{out}");
        assert!(out.contains("1000 bytes asked for"), "{out}");
    }
}
