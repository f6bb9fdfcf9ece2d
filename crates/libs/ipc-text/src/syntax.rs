//! What a Fluent file declares: its messages and the variables each one uses. Shared by the
//! build script (which checks every file and turns the English ones into `t!`'s compile-time
//! checks) and by the tests (which compare the languages).

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;

/// One message: its id and its variables, in the order they first appear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub id: String,
    pub variables: Vec<String>,
}

/// The messages of one Fluent file, or every problem found in it, one line each
/// (`FILE:LINE: what`). Besides Fluent's own syntax, a file must keep to what the lookup
/// supports: a message has a value and no attributes, refers to no other message (terms are
/// fine, when this file defines them: each file is loaded on its own), and its variables are
/// snake_case (they are Rust identifiers in `t!`).
pub fn messages(file: &str, source: &str) -> Result<Vec<Declared>, Vec<String>> {
    let line_of = |offset: usize| source[..offset.min(source.len())].lines().count().max(1);
    let resource = match parser::parse(source) {
        Ok(resource) => resource,
        Err((_, errors)) => {
            return Err(errors
                .iter()
                .map(|e| format!("{file}:{}: {:?}", line_of(e.pos.start), e.kind))
                .collect());
        }
    };
    let mut problems = Vec::new();
    let mut declared = Vec::new();
    let terms: Vec<&str> = resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Term(term) => Some(term.id.name),
            _ => None,
        })
        .collect();
    for entry in &resource.body {
        let Entry::Message(message) = entry else {
            continue;
        };
        let id = message.id.name.to_string();
        let at = || {
            let offset = source.find(&format!("\n{id} =")).map_or(0, |o| o + 1);
            format!("{file}:{}: {id}", line_of(offset + 1))
        };
        let Some(value) = &message.value else {
            problems.push(format!("{}: a message without a value", at()));
            continue;
        };
        if !message.attributes.is_empty() {
            problems.push(format!(
                "{}: attributes are not looked up; make each its own message",
                at()
            ));
        }
        let mut variables = Vec::new();
        let mut references = Vec::new();
        walk_pattern(value, &mut variables, &mut references);
        for name in &variables {
            if !is_snake_case(name) {
                problems.push(format!("{}: ${name} must be snake_case", at()));
            }
        }
        for other in references {
            match other.strip_prefix('-') {
                Some(term) if terms.contains(&term) => {}
                Some(_) => problems.push(format!(
                    "{}: uses the term {other}, which this file does not define (a program \
                     loads only the files whose messages it prints)",
                    at()
                )),
                None => problems.push(format!(
                    "{}: refers to the message {other}; use a term (-name) instead",
                    at()
                )),
            }
        }
        if declared.iter().any(|d: &Declared| d.id == id) {
            problems.push(format!("{}: defined twice", at()));
        }
        declared.push(Declared { id, variables });
    }
    match problems.is_empty() {
        true => Ok(declared),
        false => Err(problems),
    }
}

fn is_snake_case(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn walk_pattern(
    pattern: &Pattern<&str>,
    variables: &mut Vec<String>,
    references: &mut Vec<String>,
) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, variables, references);
        }
    }
}

fn walk_expression(
    expression: &Expression<&str>,
    variables: &mut Vec<String>,
    references: &mut Vec<String>,
) {
    match expression {
        Expression::Select { selector, variants } => {
            walk_inline(selector, variables, references);
            for variant in variants {
                walk_pattern(&variant.value, variables, references);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, variables, references),
    }
}

fn walk_inline(
    inline: &InlineExpression<&str>,
    variables: &mut Vec<String>,
    references: &mut Vec<String>,
) {
    match inline {
        InlineExpression::VariableReference { id } => {
            if !variables.iter().any(|v| v == id.name) {
                variables.push(id.name.to_string());
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                walk_inline(argument, variables, references);
            }
            for argument in &arguments.named {
                walk_inline(&argument.value, variables, references);
            }
        }
        InlineExpression::MessageReference { id, .. } => references.push(id.name.to_string()),
        // Written as Fluent writes them, `-name`, to tell them from messages.
        InlineExpression::TermReference { id, .. } => references.push(format!("-{}", id.name)),
        InlineExpression::Placeable { expression } => {
            walk_expression(expression, variables, references)
        }
        InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
    }
}
