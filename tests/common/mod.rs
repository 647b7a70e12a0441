//! Test harness: a temporary copy of an engagement and the real `coach` binary.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The day the sample engagement is replayed on: two days before session 9.
pub const TODAY: &str = "2026-03-24";

/// A temporary folder holding one engagement (or a practice).
pub struct Sandbox {
    root: PathBuf,
    /// The temporary folder, removed when the sandbox that made it is dropped.
    _dir: Option<tempfile::TempDir>,
}

impl Sandbox {
    /// An empty sandbox.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        Sandbox {
            root: dir.path().to_path_buf(),
            _dir: Some(dir),
        }
    }

    /// A view of a folder inside another sandbox, which keeps it alive.
    pub fn at(root: &Path) -> Self {
        Sandbox {
            root: root.to_path_buf(),
            _dir: None,
        }
    }

    /// A sandbox holding a copy of sample-engagement/ at its root.
    pub fn sample() -> Self {
        let sandbox = Self::empty();
        copy_dir(&repo().join("sample-engagement"), sandbox.path());
        sandbox
    }

    /// The sandbox's root.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// A path inside the sandbox.
    pub fn file(&self, relative: &str) -> PathBuf {
        self.path().join(relative)
    }

    /// Writes a file, creating folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.file(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, contents).expect("write");
    }

    /// Reads a file as text.
    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.file(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Rewrites a file through `edit`.
    pub fn edit(&self, relative: &str, edit: impl FnOnce(String) -> String) {
        let text = self.read(relative);
        self.write(relative, edit(text));
    }

    /// `coach init dana` for Dana Reyes, sponsored by Priya Shah, from 2026-01-12.
    pub fn init_dana(&self) {
        self.coach(&[
            "init",
            "dana",
            "--client",
            "Dana Reyes",
            "--start",
            "2026-01-12",
            "--sponsor",
            "Priya Shah",
        ])
        .ok();
    }

    /// Runs coach in the sandbox with today fixed.
    pub fn coach(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("coach")
            .expect("binary")
            .current_dir(self.path())
            .env("COACH_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .args(args)
            .output()
            .expect("run coach");
        Run(output)
    }
}

/// The outcome of one run.
pub struct Run(pub Output);

impl Run {
    /// Standard output.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    /// Standard error.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    /// The exit code.
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }

    /// Asserts success and returns stdout.
    pub fn ok(&self) -> String {
        assert_eq!(
            self.code(),
            0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self.stdout()
    }

    /// Asserts exit 1 and returns stderr.
    pub fn fails(&self) -> String {
        assert_eq!(
            self.code(),
            1,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        assert!(!self.stderr().contains("panicked"), "{}", self.stderr());
        self.stderr()
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The sorted file names in a sessions folder.
pub fn session_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("sessions")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Plants distinct canary strings in every place that must never leave a session
/// file: coach notes, core-work and close prose, and `private:` keys. A section a
/// file lacks (the intake has no `## Core work`) is added at its end. Asserts that
/// every canary really is in its file before returning them.
pub fn plant_canaries(sandbox: &Sandbox) -> Vec<String> {
    let mut canaries = Vec::new();
    for (index, name) in session_files(&sandbox.file("sessions")).iter().enumerate() {
        let notes = format!("CANARY-NOTES-{index}");
        let core = format!("CANARY-CORE-{index}");
        let close = format!("CANARY-CLOSE-{index}");
        let private = format!("CANARY-PRIVATE-{index}");
        let file = format!("sessions/{name}");
        sandbox.edit(&file, |mut text| {
            for (heading, line) in [
                (
                    "## Core work\n",
                    format!("{core} verbatim from the session.\n"),
                ),
                ("## Close\n", format!("{close} said at the close.\n")),
                (
                    "## Coach notes\n",
                    format!("{notes} the leader's confidential detail.\n"),
                ),
            ] {
                if text.contains(heading) {
                    text = text.replacen(heading, &format!("{heading}{line}"), 1);
                } else {
                    text = format!("{}\n\n{heading}{line}", text.trim_end());
                }
            }
            if text.contains("private:\n") {
                text.replacen("private:\n", &format!("private:\n  canary: {private}\n"), 1)
            } else {
                text.replacen(
                    "\n---\n",
                    &format!("\nprivate: {{secret: {private}}}\n---\n"),
                    1,
                )
            }
        });
        let planted = sandbox.read(&file);
        for canary in [&notes, &core, &close, &private] {
            assert!(
                planted.contains(canary.as_str()),
                "{canary} is not in {file}"
            );
        }
        canaries.extend([notes, core, close, private]);
    }
    assert!(!canaries.is_empty(), "no session file to plant canaries in");
    canaries
}

/// Everything the sessions' files say that only the leader may read: each
/// `shift:` and the text of each check-in review and commitment (without its id
/// and due date), from every session file but those named in `skip`.
pub fn session_content(sandbox: &Sandbox, skip: &[&str]) -> Vec<String> {
    let mut content = Vec::new();
    for name in session_files(&sandbox.file("sessions")) {
        if skip.contains(&name.as_str()) {
            continue;
        }
        let text = sandbox.read(&format!("sessions/{name}"));
        for line in text.lines() {
            if let Some(shift) = line.strip_prefix("shift: ") {
                content.push(shift.to_string());
            }
            if let Some(item) = line
                .strip_prefix("- [ ] ")
                .or_else(|| line.strip_prefix("- [x] "))
            {
                let text = item.split(", by ").next().unwrap_or(item);
                let text = text
                    .split(") ")
                    .last()
                    .unwrap_or(text)
                    .trim_end_matches("~~");
                if text.len() > 12 {
                    content.push(text.to_string());
                }
            }
        }
    }
    assert!(
        content.len() > 20,
        "the sample has plenty of session content"
    );
    content
}

/// `coach init` of Zoë Ångström-Øyen's weekly engagement in Oslo from Monday 12
/// January 2026, sponsored by Jürgen Weiß, with `package` arguments (none for
/// accelerated), its placeholders filled in as a coach would. The engagement is
/// the second sandbox, the `zoe/` folder of the first, which keeps it alive.
pub fn zoe_engagement(package: &[&str]) -> (Sandbox, Sandbox) {
    let outer = Sandbox::empty();
    let init = [
        "--today=2026-01-05",
        "init",
        "zoe",
        "--client",
        "Zoë Ångström-Øyen",
        "--start",
        "2026-01-12",
        "--cadence",
        "weekly",
        "--timezone",
        "Europe/Oslo",
        "--sponsor",
        "Jürgen Weiß",
    ];
    outer.coach(&[&init[..], package].concat()).ok();
    let zoe = Sandbox::at(&outer.path().join("zoe"));
    fill_in_zoe(&zoe);
    (outer, zoe)
}

/// `coach init zoe --prospect` in `outer` on 2 March 2026: Zoë Ångström-Øyen's
/// fit conversation on Thursday 5 March at 16:00 in Oslo, with `extra` arguments
/// (package, cadence, sponsor). Placeholders are left as `init` writes them.
pub fn init_zoe_prospect(outer: &Sandbox, extra: &[&str]) -> Run {
    let init = [
        "--today=2026-03-02",
        "init",
        "zoe",
        "--client",
        "Zoë Ångström-Øyen",
        "--prospect",
        "--start",
        "2026-03-05",
        "--time",
        "16:00",
        "--timezone",
        "Europe/Oslo",
    ];
    outer.coach(&[&init[..], extra].concat())
}

/// Fills in the placeholders `coach init` left in Zoë's engagement.yaml.
pub fn fill_in_zoe(zoe: &Sandbox) {
    zoe.edit("engagement.yaml", |t| {
        t.replacen(
            "role: TODO\n  email: TODO@example.com\norganization: TODO",
            "role: Directrice\n  email: zoe@fjord.example\norganization: Fjord Énergie",
            1,
        )
        .replacen(
            "name: TODO your name\n  email: TODO@example.com",
            "name: Ada Kovač\n  email: ada@kovac.example",
            1,
        )
        .replacen(
            "role: TODO\n  email: TODO@example.com",
            "role: CHRO\n  email: jw@fjord.example",
            1,
        )
        .replacen("  # signed: YYYY-MM-DD", "  signed: 2026-01-05", 1)
        .replacen(
            "TODO the first objective, in the leader's words",
            "Lead the merger with calm authority",
            1,
        )
    });
}
