//! The front-matter fast path against serde-saphyr: real front matter (the
//! sample engagement, the benchmark's generator, the hostile corpus) is mutated at
//! random, and whenever the fast path answers, its value must be exactly the one
//! serde-saphyr gives. The run is bounded here; `FAST_YAML_CASES=1000000 cargo test
//! --release --test fast_yaml` is the long run docs/PERFORMANCE.md reports.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use coach::model::engagement::Engagement;
use coach::model::session::FrontMatter;
use coach::parse::{fast_yaml, frontmatter, yaml};
use proptest::prelude::*;
use serde::de::DeserializeOwned;

#[allow(dead_code)]
#[path = "../examples/generate_practice.rs"]
mod generator;

/// The YAML of every front matter and engagement.yaml of the corpus, read once.
fn corpus() -> &'static (Vec<String>, Vec<String>) {
    static CORPUS: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    CORPUS.get_or_init(read_corpus)
}

fn read_corpus() -> (Vec<String>, Vec<String>) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sessions = Vec::new();
    let mut engagements =
        vec![fs::read_to_string(repo.join("sample-engagement/engagement.yaml")).expect("sample")];
    let mut front = |text: &str| {
        if let Ok(split) = frontmatter::split(Path::new("s.md"), text) {
            sessions.push(split.yaml.to_string());
        }
    };
    for dir in ["sample-engagement/sessions", "tests/hostile"] {
        let mut paths: Vec<_> = fs::read_dir(repo.join(dir))
            .expect("corpus folder")
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = fs::read_to_string(&path) {
                front(&text.replace("\r\n", "\n"));
            }
        }
    }
    let start = NaiveDate::from_ymd_opt(2025, 6, 2).expect("date");
    for number in [1, 6, 7, 12] {
        let date = start + chrono::Days::new(u64::from(number) * 14);
        for held in [false, true] {
            front(&generator::session(number, 12, date, held, true, 3));
        }
    }
    engagements.push(generator::engagement("Dana Reyes", start, 12));
    (sessions, engagements)
}

/// What mutations write: YAML's indicators and the scalars at the edges of its
/// types, beside ordinary text.
const TOKENS: &[&str] = &[
    ": ",
    ":",
    "- ",
    "-",
    "#",
    " #",
    "'",
    "''",
    "\"",
    "\\\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\t",
    "\r",
    "&a ",
    "*a",
    "!x ",
    "!!str ",
    "|",
    ">",
    "? ",
    "<<: ",
    "%",
    "---",
    "...",
    "~",
    "null",
    "Null",
    "yes",
    "No",
    "on",
    "true",
    "True",
    "0x1F",
    "0o17",
    "0b1",
    "1e3",
    "1E-3",
    ".inf",
    "-.Inf",
    ".nan",
    "007",
    "-0",
    "+1",
    "1_000",
    "1:30",
    "09:00",
    "12",
    "4.5",
    "-2",
    "2026-02-30",
    "2026-3-5",
    "\\u00e9",
    "\\x41",
    "\\n",
    "é",
    "Zoë",
    "✓",
    "\u{200b}",
    "held",
    "planned",
    "on-track",
    "x: y",
    "a, b",
    "[a, b]",
    "{a: 1}",
    "{a: 1, a: 2}",
    "key: value",
    "\\u+041",
    "\\uD800",
    "\\u00",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\u{fffe}",
    "\u{2028}",
    "\u{a0}",
    "`",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Delete(usize, usize),
    ReplaceValue(usize, usize),
    DuplicateLine(usize),
    Indent(usize, bool),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = 0..TOKENS.len();
    prop_oneof![
        (any::<usize>(), token.clone()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        (any::<usize>(), 1usize..6).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), token).prop_map(|(line, t)| Mutation::ReplaceValue(line, t)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<bool>()).prop_map(|(line, deeper)| Mutation::Indent(line, deeper)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let line = |i: usize| i % lines.len().max(1);
    match *mutation {
        Mutation::Insert(at, t) => {
            let at = boundary(text, at);
            return format!("{}{}{}", &text[..at], TOKENS[t], &text[at..]);
        }
        Mutation::Delete(at, n) => {
            let from = boundary(text, at);
            let to = boundary(text, (from + n).min(text.len()));
            return format!("{}{}", &text[..from], &text[to.max(from)..]);
        }
        _ if lines.is_empty() => {}
        Mutation::ReplaceValue(i, t) => {
            let i = line(i);
            if let Some((key, _)) = lines[i].split_once(": ") {
                lines[i] = format!("{key}: {}", TOKENS[t]);
            }
        }
        Mutation::DuplicateLine(i) => {
            let i = line(i);
            lines.insert(i, lines[i].clone());
        }
        Mutation::Indent(i, deeper) => {
            let i = line(i);
            lines[i] = if deeper {
                format!(" {}", lines[i])
            } else {
                lines[i].strip_prefix(' ').unwrap_or(&lines[i]).to_string()
            };
        }
        Mutation::SwapLines(a, b) => {
            let (a, b) = (line(a), line(b));
            lines.swap(a, b);
        }
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// When the fast path answers, serde-saphyr gives the same value.
fn agrees<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> Result<bool, String> {
    let Some(fast) = fast_yaml::from_str::<T>(text) else {
        return Ok(false);
    };
    match yaml::from_str_slow::<T>(Path::new("x.yaml"), text, 1) {
        Ok(slow) if slow == fast => Ok(true),
        Ok(slow) => Err(format!("{text:?}\nfast: {fast:?}\nslow: {slow:?}")),
        Err(e) => Err(format!("{text:?}\nfast: {fast:?}\nslow refused: {e}")),
    }
}

fn cases() -> u32 {
    std::env::var("FAST_YAML_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4000)
}

#[test]
fn the_fast_path_reads_every_front_matter_coach_writes_as_serde_saphyr_does() {
    let (sessions, engagements) = corpus();
    let answered = sessions
        .iter()
        .filter(|t| agrees::<FrontMatter>(t).expect("the same value"))
        .count();
    // The hostile corpus is declined; every sample and generated file is answered.
    assert!(
        answered >= sessions.len() - 12,
        "{answered} of {}",
        sessions.len()
    );
    for text in engagements {
        assert!(
            agrees::<Engagement>(text).expect("the same value"),
            "engagement.yaml is answered too:\n{text}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_fast_path_answers_only_with_serde_saphyrs_value(
        seed in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..5),
    ) {
        let (sessions, engagements) = corpus();
        let all = sessions.len() + engagements.len();
        let index = seed % all;
        let original = if index < sessions.len() { &sessions[index] } else { &engagements[index - sessions.len()] };
        let text = mutations.iter().fold(original.clone(), |t, m| apply(&t, m));
        let front = agrees::<FrontMatter>(&text);
        prop_assert!(front.is_ok(), "{}", front.unwrap_err());
        let engagement = agrees::<Engagement>(&text);
        prop_assert!(engagement.is_ok(), "{}", engagement.unwrap_err());
    }
}

/// The differential test means something only if the fast path answers a fair
/// share of the mutated texts (about one in eight on this corpus).
#[test]
fn the_fast_path_answers_many_mutated_front_matters() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let (sessions, _) = corpus();
    let mut runner = TestRunner::deterministic();
    let strategy = (any::<usize>(), proptest::collection::vec(mutation(), 1..5));
    let total = 4000;
    let mut answered = 0;
    for _ in 0..total {
        let (seed, mutations) = strategy.new_tree(&mut runner).expect("a case").current();
        let original = &sessions[seed % sessions.len()];
        let text = mutations.iter().fold(original.clone(), |t, m| apply(&t, m));
        if agrees::<FrontMatter>(&text).expect("the same value") {
            answered += 1;
        }
    }
    assert!(answered * 20 > total, "answered {answered} of {total}");
}
