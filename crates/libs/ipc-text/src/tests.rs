use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// Each built-in language's messages: id → its variables, as a set.
fn declared(code: &str) -> BTreeMap<&str, BTreeSet<&str>> {
    catalog()
        .declared(code)
        .iter()
        .map(|d| {
            (
                d.id.as_str(),
                d.variables.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

fn translation_only(id: &str) -> bool {
    TRANSLATION_ONLY.iter().any(|prefix| id.starts_with(prefix))
}

#[test]
fn every_language_has_the_same_messages_as_english() {
    let english = declared(ENGLISH);
    assert!(
        english.len() > 100,
        "English has only {} messages",
        english.len()
    );
    for code in catalog().codes().filter(|c| *c != ENGLISH) {
        let other = declared(code);
        let missing: Vec<_> = english
            .keys()
            .filter(|id| !other.contains_key(*id))
            .collect();
        let extra: Vec<_> = other
            .keys()
            .filter(|id| !english.contains_key(*id) && !translation_only(id))
            .collect();
        assert!(missing.is_empty(), "{code} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{code} has messages English lacks: {extra:?}"
        );
    }
}

#[test]
fn every_language_uses_the_same_arguments_as_english() {
    let english = declared(ENGLISH);
    for code in catalog().codes().filter(|c| *c != ENGLISH) {
        for (id, variables) in declared(code) {
            if let Some(expected) = english.get(id) {
                assert_eq!(
                    &variables, expected,
                    "{code} {id}: other arguments than English's"
                );
            }
        }
    }
}

/// Every message of every language formats without an error, with its arguments as text and
/// as the numbers 1 and 2 (which pick different plural forms in English).
#[test]
fn every_message_formats_in_every_language() {
    for code in catalog().codes() {
        for message in catalog().declared(code) {
            for value in [
                FluentValue::from("x"),
                FluentValue::from(1),
                FluentValue::from(2),
            ] {
                let args: Vec<(&str, FluentValue<'_>)> = message
                    .variables
                    .iter()
                    .map(|v| (v.as_str(), value.clone()))
                    .collect();
                let text = catalog()
                    .own(code, &message.id, &args)
                    .expect("declared, so present");
                let text = text.unwrap_or_else(|e| panic!("{e}"));
                assert!(!text.trim().is_empty(), "{code} {}: empty", message.id);
                assert!(
                    !text.contains('\u{2068}'),
                    "{code} {}: isolation marks",
                    message.id
                );
            }
        }
    }
}

#[test]
fn the_environment_picks_the_language() {
    let vi = Lang::from_code("vi").expect("Vietnamese is listed");
    assert_eq!(Lang::from_vars(Some("vi"), None), vi);
    assert_eq!(Lang::from_vars(Some("en"), Some("vi_VN.UTF-8")), Lang::EN);
    assert_eq!(Lang::from_vars(None, Some("vi_VN.UTF-8")), vi);
    assert_eq!(Lang::from_vars(Some("xx"), Some("vi_VN.UTF-8")), vi);
    assert_eq!(Lang::from_vars(None, Some("C.UTF-8")), Lang::EN);
    assert_eq!(Lang::from_vars(None, None), Lang::EN);
    assert_eq!(Lang::EN.code(), "en");
    assert_eq!(vi.name(), "Tiếng Việt");
}

/// English's plural forms come from the CLDR rules: one for 1, other for the rest;
/// Vietnamese has a single form.
#[test]
fn counts_take_their_plural_form() {
    let en = |size: u64| {
        catalog().format(
            "en",
            "shm-errors-sigbus-mapped",
            &[("size", size.to_value())],
        )
    };
    assert_eq!(
        en(1).unwrap().unwrap(),
        "mmap of 1 byte succeeded anyway: the size is only checked when a page is touched"
    );
    assert!(
        en(2)
            .unwrap()
            .unwrap()
            .starts_with("mmap of 2 bytes succeeded")
    );
    assert!(
        en(0)
            .unwrap()
            .unwrap()
            .starts_with("mmap of 0 bytes succeeded")
    );
    let vi = catalog().format(
        "vi",
        "shm-errors-sigbus-mapped",
        &[("size", 1u64.to_value())],
    );
    assert!(vi.unwrap().unwrap().contains("1 byte"));
}

#[test]
fn arguments_keep_their_digits_and_display() {
    set_lang(Lang::EN);
    assert_eq!(
        t!("core-removed", what = "/dev/shm/x"),
        "removed /dev/shm/x"
    );
    // A 64-bit limit (shmmax) would be rounded as a float.
    assert_eq!(
        t!("core-bytes", size = u64::MAX - 1),
        format!("{} bytes", u64::MAX - 1)
    );
    assert_eq!(t!("core-bytes", size = 1usize), "1 byte");
    assert_eq!(
        t!("sysv-writer-timeout", seconds = 0.5),
        "no reader attached and detached within 0.5 s"
    );
    // Any Display value is its text.
    let path = std::path::Path::new("/tmp/shmfile");
    assert!(t!("core-ftok-enoent", path = path.display()).contains("touch /tmp/shmfile"));
    assert_eq!(text(id!("core-not-a-number")), "not a number");
}

#[test]
fn a_missing_translation_is_none_not_english() {
    set_lang(Lang::EN);
    assert_eq!(
        translation("core-not-a-number").as_deref(),
        Some("not a number")
    );
    assert_eq!(translation("no-such-message"), None);
}

/// Each file is loaded on its own, so a term must live in the file that uses it.
#[test]
fn a_term_from_another_file_is_refused_and_one_of_its_own_is_fine() {
    let own = "-shm = shared memory\nmessage-a = the { -shm } segment\n";
    assert_eq!(
        syntax::messages("x.ftl", own).map(|d| d.len()),
        Ok(1),
        "a term of the file itself"
    );
    let elsewhere = "message-a = the { -shm } segment\n";
    let problems = syntax::messages("x.ftl", elsewhere).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .starts_with("x.ftl:1: message-a: uses the term -shm, which this file does not define"),
        "{problems:?}"
    );
}

/// The lookup finds a message through the index whichever file it is in, and a language
/// that lacks one falls back to English's.
#[test]
fn messages_of_every_file_are_found_in_any_order() {
    let english = declared(ENGLISH);
    // The last id first: a later file parsed before an earlier one.
    for id in english.keys().rev().step_by(97) {
        assert!(catalog().format("vi", id, &[]).is_some(), "{id}");
    }
    assert!(catalog().own("en", "no-such-message", &[]).is_none());
    assert!(catalog().format("vi", "no-such-message", &[]).is_none());
}
