//! The command line: every subcommand and flag, with help written for coaches.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::engagement::{Cadence, ClockTime, Package, parse_clock_time};
use crate::model::session::{SessionKind, SessionStatus};
use crate::render::output::Format;

/// coach: run executive-coaching engagements as plain text.
///
/// An engagement is a folder with engagement.yaml and sessions/NN-YYYY-MM-DD.md files.
/// coach creates the session files and generates agendas, prompts, summaries and reports.
#[derive(Debug, Parser)]
#[command(name = "coach", version, max_term_width = 100)]
pub struct Cli {
    /// Work on the engagement (or practice) in DIR instead of the current folder.
    #[arg(short = 'C', long = "dir", global = true, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub chdir: Option<PathBuf>,

    /// Take this date as today (for replays and tests).
    #[arg(long, global = true, env = "COACH_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The command line as clap parses it, then the checks that span several
    /// values (a measure given twice): any failure is bad usage (exit 2).
    pub fn parse_checked() -> Result<Cli, clap::Error> {
        let cli = Cli::try_parse()?;
        if let Command::Mark(mark) = &cli.command {
            let mut seen = std::collections::BTreeSet::new();
            if let Some((id, _)) = mark.measure.iter().find(|(id, _)| !seen.insert(id)) {
                return Err(<Cli as clap::CommandFactory>::command().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!("--measure {id}= is given twice: give each measure once"),
                ));
            }
        }
        Ok(cli)
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start an engagement: engagement.yaml to complete, and the intake session file.
    Init(InitArgs),
    /// Create the next session file, prefilled from the schedule and open commitments.
    NewSession(NewSessionArgs),
    /// Record what happened to session N (held, cancelled, no-show, planned) and the readings taken at it.
    Mark(MarkArgs),
    /// Close the engagement once its closing session is held and its final reports written.
    Close(CloseArgs),
    /// Begin a prospect's engagement after the fit conversation: `status: active`, its start date, and the intake file.
    Start(StartArgs),
    /// Close a prospect that will not become an engagement, recording why.
    Decline(DeclineArgs),
    /// The time-boxed agenda of a session (default: the next one).
    Agenda(ArtefactArgs),
    /// The pre-session reflection prompt for the leader (default: the next session).
    Prompt(ArtefactArgs),
    /// The 24-hour summary of a held session for the leader (default: the last held).
    Summary(ArtefactArgs),
    /// The note to the leader after the fit conversation: what they would bring, how coaching would run, the next step.
    FollowUp(FollowUpArgs),
    /// The midpoint or final progress report, for the sponsor (default), the leader or the coach.
    Report(ReportArgs),
    /// What needs you across a practice: prompts and summaries due, commitments overdue, reviews coming.
    Status(StatusArgs),
    /// Your outcomes across engagements and early warnings; --anonymous: aggregates for the firm.
    Insights(InsightsArgs),
    /// Commitments across an engagement or a practice.
    Commitments(CommitmentsArgs),
    /// Every session of the package with its date, kind and status; --ics for a calendar.
    Schedule(ScheduleArgs),
    /// One engagement at a glance, for the coach: who, the package, the sessions, open
    /// commitments, measure and alliance trends, what is due next.
    Show(ShowArgs),
    /// Validate every file; each problem as path:line:column: message.
    Check(CheckArgs),
    /// Print a shell completion script: `coach completions bash > ~/.local/share/bash-completion/completions/coach`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): `coach man > coach.1`, `coach man init`, or write them all with --out-dir.
    Man(ManArgs),
    /// The templates artefacts are rendered from: list, show, or eject to customise.
    Templates {
        /// What to do with them.
        #[command(subcommand)]
        action: TemplatesAction,
    },
}

/// `coach templates` actions.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Each template, what it renders, and which override is in force.
    List,
    /// A template in force, with the context fields it can use.
    Show {
        /// The template's file name, e.g. prompt.md.
        #[arg(value_parser = template_names())]
        name: String,
    },
    /// Copy the built-ins into DIR (default: the engagement's templates/) to edit;
    /// files that exist are kept.
    Eject {
        /// Where to copy them.
        dir: Option<PathBuf>,
    },
}

/// The session an artefact is for, and how to output it.
#[derive(Debug, Args)]
pub struct ArtefactArgs {
    /// The session number (0 is the fit conversation).
    #[arg(value_name = "N", value_parser = parse_session_number)]
    pub session: Option<u32>,
    /// Format and destination.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `coach report`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("stage").required(true).args(["midpoint", "final_"])))]
pub struct ReportArgs {
    /// The report at the midpoint review.
    #[arg(long)]
    pub midpoint: bool,
    /// The report at the close of the engagement.
    #[arg(long = "final")]
    pub final_: bool,
    /// Who it is for: the sponsor sees only what the agreement allows.
    #[arg(long, value_enum, default_value = "sponsor")]
    pub audience: Audience,
    /// Format and destination.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Who a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Audience {
    /// The organization paying: only what agreement.sponsor_sees allows.
    Sponsor,
    /// The leader: objectives, measures, commitments, shifts.
    Client,
    /// The coach: all of the leader's report and the working-alliance trend.
    Coach,
}

/// Where and how an artefact is written.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// Save under the engagement's out/ folder instead of printing; never replaces a file.
    #[arg(long)]
    pub write: bool,
    /// With --write, replace a file coach generated before.
    #[arg(long, requires = "write")]
    pub force: bool,
}

/// `coach init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the engagement in.
    pub dir: PathBuf,
    /// The leader's full name.
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub client: String,
    /// The package bought.
    #[arg(long, value_enum, default_value = "accelerated")]
    pub package: Package,
    /// Number of sessions of a custom package.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=200))]
    pub sessions: Option<u32>,
    /// Date of the intake session, or with --prospect of the fit conversation
    /// (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub start: Option<NaiveDate>,
    /// Starting cadence (default: coach.yaml's, else biweekly).
    #[arg(long, value_enum)]
    pub cadence: Option<Cadence>,
    /// Usual start time (default: coach.yaml's, else 09:00).
    #[arg(long, value_name = "HH:MM", value_parser = parse_time)]
    pub time: Option<ClockTime>,
    /// The leader's IANA time zone (default: coach.yaml's, else UTC).
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
    /// The sponsor's name, when the organization pays.
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub sponsor: Option<String>,
    /// Start a prospect: `status: prospect` and a 30-minute fit conversation
    /// (session 0, outside the package) instead of the intake; `coach start`
    /// begins the engagement, `coach decline` closes the prospect.
    #[arg(long)]
    pub prospect: bool,
}

/// `coach new-session`.
#[derive(Debug, Args)]
pub struct NewSessionArgs {
    /// Its date (default: the next date of the cadence).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Its start time (default: the engagement's).
    #[arg(long, value_name = "HH:MM", value_parser = parse_time)]
    pub time: Option<ClockTime>,
    /// Its kind (default: from its place: midpoint, closing or regular); three-way for a
    /// meeting with the sponsor beside the midpoint or the close, which needs --date.
    #[arg(long, value_enum)]
    pub kind: Option<SessionKind>,
    /// Its length in minutes (default: the engagement's session_minutes).
    #[arg(long, value_parser = clap::value_parser!(u32).range(15..=180))]
    pub minutes: Option<u32>,
    /// Open the new file in $VISUAL or $EDITOR.
    #[arg(long)]
    pub edit: bool,
}

/// `coach mark`.
///
/// Only the keys named change in the session's front matter; every other byte of
/// the file (comments, key order, quoting, line ends, the body) stays as it was.
#[derive(Debug, Args)]
pub struct MarkArgs {
    /// The session number (0 is the fit conversation).
    #[arg(value_name = "N", value_parser = parse_session_number)]
    pub session: u32,
    /// What happened.
    #[arg(value_enum, value_name = "STATUS")]
    pub status: SessionStatus,
    /// The leader's 1-10 rating of the working relationship at this session.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u8).range(1..=10))]
    pub alliance: Option<u8>,
    /// A reading of a measure taken at this session, such as `confidence=6` (repeatable).
    #[arg(long, value_name = "ID=VALUE", value_parser = parse_reading)]
    pub measure: Vec<(String, String)>,
    /// The shift the leader named, in one line and in the second person.
    #[arg(long, value_name = "TEXT", value_parser = parse_text)]
    pub shift: Option<String>,
}

/// `coach close`.
#[derive(Debug, Args)]
pub struct CloseArgs {
    /// Close it before its closing session is held or its final reports written.
    #[arg(long, requires = "reason")]
    pub force: bool,
    /// Why it closes early, recorded as `closed_reason` in engagement.yaml.
    #[arg(long, value_name = "TEXT", requires = "force", value_parser = parse_text)]
    pub reason: Option<String>,
}

/// `coach start`.
///
/// Only `status` and `start` change in engagement.yaml; every other byte stays.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// Date of the intake session (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Start time of the intake (default: the engagement's).
    #[arg(long, value_name = "HH:MM", value_parser = parse_time)]
    pub time: Option<ClockTime>,
}

/// `coach decline`.
#[derive(Debug, Args)]
pub struct DeclineArgs {
    /// Why no engagement begins, recorded as `closed_reason` in engagement.yaml.
    #[arg(long, value_name = "TEXT", value_parser = parse_text)]
    pub reason: String,
}

/// `coach follow-up`.
#[derive(Debug, Args)]
pub struct FollowUpArgs {
    /// Format and destination.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `coach status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// An engagement folder, or a practice folder holding many (default: -C or the current folder).
    pub path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: ListFormat,
    /// List at most N items of each urgency, the most pressing first; the rest
    /// are counted.
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// List every item.
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,
}

/// `coach insights`.
///
/// Progress toward targets at the midpoint review and the close, objectives by
/// rating, commitment follow-through and the working alliance, per engagement and
/// across the practice, with early warnings (an alliance drop, a plateau, low
/// follow-through). Active, paused and closed engagements count; prospects do not.
/// An engagement whose files have errors is left out and named, and coach exits 1.
#[derive(Debug, Args)]
pub struct InsightsArgs {
    /// A practice folder holding engagements, or one engagement (default: -C or the current folder).
    pub path: Option<PathBuf>,
    /// For the firm: aggregates only, no names, organizations, objectives, measures, dates
    /// or text; a figure drawn from fewer than 5 engagements is withheld. Refuses while any
    /// engagement has errors.
    #[arg(long)]
    pub anonymous: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: InsightsFormat,
}

/// Formats of `coach insights`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InsightsFormat {
    /// Markdown.
    Md,
    /// Plain text wrapped at 78 columns.
    Text,
    /// A self-contained HTML page with charts.
    Html,
    /// The template's context, for scripts (shapes in docs/JSON.md).
    Json,
}

impl InsightsFormat {
    /// The artefact format it renders as.
    pub fn format(self) -> Format {
        match self {
            InsightsFormat::Md => Format::Md,
            InsightsFormat::Text => Format::Text,
            InsightsFormat::Html => Format::Html,
            InsightsFormat::Json => Format::Json,
        }
    }
}

/// `coach commitments`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").args(["open", "overdue", "all"])))]
pub struct CommitmentsArgs {
    /// An engagement folder, or a practice folder holding many (default: -C or the current folder).
    pub path: Option<PathBuf>,
    /// Only those still open (the default).
    #[arg(long)]
    pub open: bool,
    /// Only open ones past their due date.
    #[arg(long)]
    pub overdue: bool,
    /// Done and dropped ones too.
    #[arg(long)]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: ListFormat,
}

/// `coach schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// An RFC 5545 calendar (one event per session) instead of a table.
    #[arg(long)]
    pub ics: bool,
    /// Output format of the table.
    #[arg(long, value_enum, default_value = "md", conflicts_with = "ics")]
    pub format: ListFormat,
    /// Save as out/schedule.ics (or .md, .txt, .json) instead of printing; never replaces a file.
    #[arg(long)]
    pub write: bool,
    /// With --write, replace the file coach generated before.
    #[arg(long, requires = "write")]
    pub force: bool,
}

/// `coach show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Output format: html draws each trend as a chart, the others as a sparkline.
    #[arg(long, value_enum, default_value = "md")]
    pub format: ViewFormat,
    /// Save as out/show/YYYY-MM-DD.<ext>, today's date, instead of printing; never replaces a file.
    #[arg(long)]
    pub write: bool,
    /// With --write, replace a file coach generated before.
    #[arg(long, requires = "write")]
    pub force: bool,
}

/// Formats of a view for the coach alone: no email draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    /// Markdown.
    Md,
    /// Plain text wrapped at 78 columns.
    Text,
    /// A self-contained HTML page.
    Html,
    /// The template context, for scripts.
    Json,
}

impl From<ViewFormat> for Format {
    fn from(format: ViewFormat) -> Self {
        match format {
            ViewFormat::Md => Format::Md,
            ViewFormat::Text => Format::Text,
            ViewFormat::Html => Format::Html,
            ViewFormat::Json => Format::Json,
        }
    }
}

/// Formats of lists and tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Markdown.
    Md,
    /// Plain text.
    Text,
    /// JSON, for scripts (shapes in docs/JSON.md).
    Json,
}

/// `coach man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand, such as `init` or `templates list` (default: coach itself).
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Vec<String>,
    /// Write coach.1 and a page for every subcommand (coach-init.1, ...) into this folder.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath, conflicts_with = "subcommand")]
    pub out_dir: Option<PathBuf>,
    /// With --out-dir: replace pages already there.
    #[arg(long, requires = "out_dir")]
    pub force: bool,
}

/// `coach check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// An engagement folder, or a practice folder holding many (default: -C or the current folder).
    pub path: Option<PathBuf>,
    /// text: each problem with its source line, a caret and the help; json: the same as data.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
}

/// How `check` shows problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// As rustc does: `path:line:col: error[code]: message`, the line, a caret, the help.
    Text,
    /// An array of {file, line, column, end, severity, code, name, message, help}.
    Json,
}

/// Parses an ISO date for clap.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write YYYY-MM-DD, a day that exists"))?;
    crate::model::dates::plausible(date)
}

/// The built-in templates' names: the values `templates show` takes, which shell
/// completion offers.
fn template_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        crate::render::templates::BUILT_INS
            .iter()
            .map(|b| clap::builder::PossibleValue::new(b.name).help(b.renders)),
    )
}

/// Parses a session number for clap (0 is the fit conversation), with a message a
/// coach can act on.
pub fn parse_session_number(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= crate::validate::MAX_SESSION_NUMBER)
        .ok_or_else(|| format!("`{text}` is not a session number: write it in digits, such as 7"))
}

/// A measure reading `ID=VALUE`: an id that YAML reads as the same text (a
/// letter, then letters, digits, `-` and `_`; not a YAML word such as `on`), and a
/// plain decimal number, written without leading zeros.
fn parse_reading(text: &str) -> Result<(String, String), String> {
    let (id, value) = text
        .split_once('=')
        .ok_or("write a reading as ID=VALUE, such as confidence=6")?;
    let (id, value) = (id.trim(), value.trim());
    let id_ok = id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !YAML_WORDS.contains(&id.to_ascii_lowercase().as_str());
    if !id_ok {
        return Err(format!(
            "`{id}` cannot be set by coach: a measure id starts with a letter and holds letters, digits, `-` and `_`; write this reading in the file by hand"
        ));
    }
    let negative = value.starts_with('-');
    let digits = value.strip_prefix('-').unwrap_or(value);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let number_ok = (1..=9).contains(&whole.len())
        && fraction.len() <= 6
        && fraction.is_empty() != digits.contains('.')
        && whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit());
    if !number_ok {
        return Err(format!("`{value}` is not a number: write it as 6 or 6.5"));
    }
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let zero = whole == "0" && fraction.chars().all(|c| c == '0');
    let sign = if negative && !zero { "-" } else { "" };
    let number = if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    };
    Ok((id.to_string(), number))
}

/// Words YAML 1.1 reads as booleans or null: never a key coach writes unquoted.
const YAML_WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];

/// Parses free text for clap (a reason): one line of visible text, not empty.
fn parse_text(text: &str) -> Result<String, String> {
    one_visible_line(text, "the text")
}

/// Parses a person's name for clap: one line of visible text, not empty. A line
/// break or any other control character could make the name a line of its own (a
/// heading, a commitment, a YAML key) in the files `init` writes, so it is refused
/// (exit 2).
pub fn parse_name(text: &str) -> Result<String, String> {
    one_visible_line(text, "a name")
}

/// `text` trimmed, refused (naming `what`) when it holds a line break, a control
/// character or an invisible one (a bidirectional override, a zero-width space),
/// or nothing.
fn one_visible_line(text: &str, what: &str) -> Result<String, String> {
    if text
        .chars()
        .any(crate::model::email::is_line_break_or_control)
    {
        return Err(format!(
            "{what} must be one line: remove the line break or control character"
        ));
    }
    if text.chars().any(crate::printable::is_invisible) {
        return Err(format!(
            "{what} holds an invisible character (a direction override, a zero-width space): remove it"
        ));
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(format!("{what} is empty"));
    }
    Ok(trimmed.to_string())
}

/// Parses a clock time for clap: "HH:MM".
fn parse_time(text: &str) -> Result<ClockTime, String> {
    parse_clock_time(text).map(ClockTime)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::parse_name;

    #[test]
    fn the_command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn names_are_one_line_and_not_empty() {
        assert_eq!(parse_name("  Priya Shah ").as_deref(), Ok("Priya Shah"));
        assert_eq!(
            parse_name("# Not a heading").as_deref(),
            Ok("# Not a heading")
        );
        for bad in [
            "",
            "   ",
            "X\n## Commitments",
            "X\r",
            "X\u{2028}Y",
            "X\u{1b}[2J",
            "\t",
            "Zo\u{202e}ë",
            "Zo\u{200b}ë",
        ] {
            assert!(parse_name(bad).is_err(), "{bad:?}");
        }
    }
}
