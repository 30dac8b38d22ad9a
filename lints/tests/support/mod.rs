//! Running the real `cargo-onus` binary on scratch copies of the projects in `tests/projects/`,
//! shared by the test crates that do (`cli`, `hardening`, `fuzz`).

#![allow(
    dead_code,
    reason = "each test crate uses the helpers it needs, not all of them"
)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cargo_metadata::Message;

pub const BIN: &str = env!("CARGO_BIN_EXE_cargo-onus");

/// A scratch copy of a fixture project.
pub struct Project {
    pub dir: PathBuf,
}

impl Project {
    /// A fresh copy of `tests/projects/<name>`.
    pub fn copy(name: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "cli-{name}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .unwrap_or_else(|error| panic!("cannot clear {}: {error}", dir.display()));
        }
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/projects")
                .join(name),
            &dir,
        );
        Self { dir }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|error| panic!("cannot create {}: {error}", parent.display()));
        }
        std::fs::write(&path, contents)
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
    }

    pub fn read(&self, relative: &str) -> String {
        let path = self.path(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
    }

    /// Runs `cargo-onus ARGS` in the project directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.dir, args)
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|error| panic!("{}: {error}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|error| panic!("{}: {error}", from.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|error| panic!("{}: {error}", from.display()));
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|error| panic!("{}: {error}", entry.path().display()));
        }
    }
}

/// The most of each output stream a [`Run`] keeps (all of it is counted).
pub const OUTPUT_LIMIT: usize = 64 << 20;

/// The outcome of one run of the binary.
pub struct Run {
    /// The exit code; `None` when the run was killed (a signal, or the timeout).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// How many bytes were written to stdout and stderr (more may have been than were kept).
    pub stdout_bytes: u64,
    pub stderr_bytes: u64,
    /// How long the run took.
    pub elapsed: Duration,
}

impl Run {
    /// Fails with the whole of stderr when `needle` is not in it.
    pub fn assert_stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    pub fn assert_code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(expected),
            "unexpected exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// The compiler messages of a `--format json` run.
    pub fn messages(&self) -> Vec<cargo_metadata::CompilerMessage> {
        let mut compiler_messages = Vec::new();
        let mut finished = false;
        for message in Message::parse_stream(self.stdout.as_bytes()) {
            match message.unwrap_or_else(|error| panic!("unreadable JSON stream: {error}")) {
                Message::CompilerMessage(message) => compiler_messages.push(message),
                Message::BuildFinished(_) => finished = true,
                other => panic!("not a cargo compiler message: {other:?}\n{}", self.stdout),
            }
        }
        assert!(finished, "no build-finished line in\n{}", self.stdout);
        compiler_messages
    }

    /// The `onus::<rule>` codes of a `--format json` run, in order.
    pub fn codes(&self) -> Vec<String> {
        self.messages()
            .into_iter()
            .filter_map(|message| message.message.code.map(|code| code.code))
            .collect()
    }
}

/// How long a run may take before it counts as hung (and is killed): a hang must fail a test,
/// not stop the suite.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// Runs `cargo-onus ARGS` in `dir`, without color.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(BIN);
    command.args(args).current_dir(dir);
    run(command, TIMEOUT)
}

/// Runs `command` (without color), killing it after `timeout`: a run that had to be killed has no
/// exit code and says so on stderr. At most [`OUTPUT_LIMIT`] bytes of each stream are kept.
pub fn run(mut command: Command, timeout: Duration) -> Run {
    let mut child = command
        .env_remove("CARGO_TERM_COLOR")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot run {command:?}: {error}"));
    let read = |stream: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut kept = Vec::new();
            let mut total = 0_u64;
            if let Some(mut stream) = stream {
                let mut buffer = [0_u8; 1 << 16];
                while let Ok(read) = stream.read(&mut buffer) {
                    if read == 0 {
                        break;
                    }
                    total += read as u64;
                    let room = OUTPUT_LIMIT.saturating_sub(kept.len());
                    kept.extend_from_slice(&buffer[..read.min(room)]);
                }
            }
            (kept, total)
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(error) => panic!("cannot wait for {command:?}: {error}"),
        }
    };
    let elapsed = started.elapsed();
    let (stdout, stdout_bytes) = stdout.join().unwrap_or_default();
    let (stderr, stderr_bytes) = stderr.join().unwrap_or_default();
    let mut stderr = String::from_utf8_lossy(&stderr).into_owned();
    if status.is_none() {
        stderr.push_str(&format!("\n[killed: still running after {timeout:?}]"));
    }
    Run {
        code: status.and_then(|status| status.code()),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr,
        stdout_bytes,
        stderr_bytes,
        elapsed,
    }
}
