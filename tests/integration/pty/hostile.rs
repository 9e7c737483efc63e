//! Issue 11, classes 3, 11 and 12: the quiz when its terminal goes away
//! (closed, hung up, or no longer taking output), when two quizzes name one
//! session file, and when a session file points somewhere it should not.
//!
//! The terminal tests open their own pseudo-terminal (`RawPty`) rather than
//! going through `expectrl`, so that they can close its master side while
//! still waiting on the process, and choose whether it is pathfit's
//! controlling terminal (then the kernel also sends SIGHUP) or not (then
//! pathfit only sees end of file).

use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{CTRL_C, DOWN, ENTER, PATIENCE, Pty};
use crate::support::{Test, example, fixture, read_json};

fn bank() -> String {
    fixture("quiz.yaml")
}

/// The master side of a pseudo-terminal opened by the test, read back
/// through a terminal emulator.
#[cfg(target_os = "linux")]
struct RawPty {
    master: Option<File>,
    screen: vt100::Parser,
}

#[cfg(target_os = "linux")]
impl RawPty {
    /// A new pseudo-terminal and its slave side (not anyone's controlling
    /// terminal), 100×50.
    fn open() -> (RawPty, File) {
        use rustix::fs::{Mode, OFlags};
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        // Close-on-exec from the start: a master leaked into another test's
        // child would keep this terminal from ever closing.
        let master =
            openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave = rustix::fs::open(
            name.as_c_str(),
            OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .unwrap();
        rustix::termios::tcsetwinsize(
            &slave,
            rustix::termios::Winsize {
                ws_row: 50,
                ws_col: 100,
                ws_xpixel: 0,
                ws_ypixel: 0,
            },
        )
        .unwrap();
        rustix::io::ioctl_fionbio(&master, true).unwrap();
        let pty = RawPty {
            master: Some(File::from(master)),
            screen: vt100::Parser::new(
                NonZeroU16::new(50).unwrap(),
                NonZeroU16::new(100).unwrap(),
                0,
            ),
        };
        (pty, File::from(slave))
    }

    fn pump(&mut self) {
        let Some(master) = &mut self.master else {
            return;
        };
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = master.read(&mut buf) {
            self.screen.process(&buf[..n]);
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    fn wait_for(&mut self, text: &str, child: &mut Child) {
        let start = Instant::now();
        while !self.contents().contains(text) {
            self.pump();
            std::thread::sleep(Duration::from_millis(10));
            if start.elapsed() > PATIENCE {
                let _ = child.kill();
                panic!("never saw {text:?}; the screen was:\n{}", self.contents());
            }
        }
    }

    fn keys(&mut self, keys: &str) {
        self.master
            .as_mut()
            .unwrap()
            .write_all(keys.as_bytes())
            .unwrap();
        // A lone Esc is told from an escape sequence by the pause after it.
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Closes the master side: the terminal goes away, as when its window
    /// is closed.
    fn close(&mut self) {
        self.pump();
        self.master = None;
    }
}

/// `pathfit ARGS` with the terminal `tty` (stdin and stdout) and `err`
/// (stderr). With `controlling`, the terminal becomes its controlling
/// terminal (through util-linux `setsid --ctty`, which execs in place, so
/// the child is pathfit itself), as in a terminal window.
#[cfg(target_os = "linux")]
fn spawn_on(tty: &File, err: &File, controlling: bool, args: &[&str]) -> Child {
    let pathfit = env!("CARGO_BIN_EXE_pathfit");
    let mut command = if controlling {
        let mut command = Command::new("setsid");
        command.args(["--ctty", pathfit]);
        command
    } else {
        Command::new(pathfit)
    };
    command
        .args(args)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .stdin(Stdio::from(tty.try_clone().unwrap()))
        .stdout(Stdio::from(tty.try_clone().unwrap()))
        .stderr(Stdio::from(err.try_clone().unwrap()))
        .spawn()
        .expect("spawn pathfit on a pseudo-terminal")
}

/// Waits for `child` to exit (a guard against hangs, not a speed
/// requirement) and returns its exit code.
fn exit_code(child: &mut Child) -> i32 {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status
                .code()
                .unwrap_or_else(|| panic!("killed by a signal: {status:?}"));
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pathfit did not exit after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn sigterm(child: &Child) {
    // It may already have exited on its own, which is fine.
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
}

/// Answers question 1 ("Agree"), waits for question 2 and closes the
/// terminal; then the quiz must exit 130 with the answer saved.
#[cfg(target_os = "linux")]
fn close_under_a_quiz(controlling: bool, then_sigterm: bool) {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("s.json");
    let (mut pty, slave) = RawPty::open();
    let args = [
        "take",
        "--bank",
        &bank(),
        "--no-shuffle",
        "--save",
        save.to_str().unwrap(),
    ];
    let mut child = spawn_on(&slave, &slave, controlling, &args);
    drop(slave);
    pty.wait_for("[1/6]", &mut child);
    pty.keys(DOWN);
    pty.keys(ENTER);
    pty.wait_for("[2/6]", &mut child);
    pty.close();
    if then_sigterm {
        sigterm(&child);
    }
    assert_eq!(exit_code(&mut child), 130);
    let saved = read_json(&save);
    assert_eq!(saved["answers"]["fix"], 4.0, "{saved}");
    assert!(
        lock_files(dir.path()).is_empty(),
        "{:?}",
        lock_files(dir.path())
    );
}

#[test]
#[cfg(target_os = "linux")]
fn closing_a_terminal_that_sends_no_sighup_saves_and_exits_130() {
    // Only end of file on standard input tells pathfit the terminal is gone.
    close_under_a_quiz(false, false);
}

#[test]
#[cfg(target_os = "linux")]
fn closing_the_controlling_terminal_saves_and_exits_130() {
    // The kernel hangs the terminal up and sends SIGHUP, as tmux kill-session
    // or closing a window does.
    close_under_a_quiz(true, false);
}

#[test]
#[cfg(target_os = "linux")]
fn sigterm_ends_a_quiz_whose_terminal_is_gone() {
    close_under_a_quiz(true, true);
}

#[test]
#[cfg(target_os = "linux")]
fn a_terminal_that_stops_taking_output_stops_the_quiz_without_a_panic() {
    // Keys come from one terminal, the prompts go to another, which closes.
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("s.json");
    let (mut keys, tty) = RawPty::open();
    let (mut screen, err) = RawPty::open();
    let args = [
        "take",
        "--bank",
        &bank(),
        "--no-shuffle",
        "--save",
        save.to_str().unwrap(),
    ];
    let mut child = spawn_on(&tty, &err, false, &args);
    drop((tty, err));
    screen.wait_for("[1/6]", &mut child);
    keys.keys(DOWN);
    keys.keys(ENTER);
    screen.wait_for("[2/6]", &mut child);
    screen.close();
    // The next answer's prompt has nowhere to go.
    keys.keys(ENTER);
    assert_eq!(exit_code(&mut child), 130);
    let saved = read_json(&save);
    assert_eq!(saved["answers"]["fix"], 4.0, "{saved}");
}

/// The session lock files left in `dir`.
fn lock_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".lock"))
        .collect()
}

/// `take` on the quiz bank, saving to `save`, in bank order.
fn take(save: &Path) -> Pty {
    Pty::spawn(&[
        "take",
        "--bank",
        &bank(),
        "--no-shuffle",
        "--color",
        "never",
        "--save",
        save.to_str().unwrap(),
    ])
}

#[test]
fn a_second_quiz_on_the_same_session_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("s.json");
    let mut first = take(&save);
    first.answer(1, 6, &[DOWN, ENTER]);
    first.wait_for("? [2/6]");

    // The same file under other names: through `..` and a symbolic link.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let dotted = dir.path().join("sub/../s.json");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&save, dir.path().join("link.json")).unwrap();
    let mut names = vec![save.clone(), dotted];
    if cfg!(unix) {
        names.push(dir.path().join("link.json"));
    }
    for name in &names {
        let mut second = take(name);
        second.wait_for("another pathfit quiz");
        let screen = second.contents();
        assert!(!screen.contains("[1/6]"), "{screen}");
        assert_eq!(second.exit_code(), 74, "{}", name.display());
        assert!(
            screen.replace('\n', "").contains(name.to_str().unwrap()),
            "{screen}"
        );
    }
    // `--resume` of the file in use is refused the same way.
    let mut resumed = Pty::spawn(&["take", "--resume", save.to_str().unwrap()]);
    resumed.wait_for("another pathfit quiz");
    assert_eq!(resumed.exit_code(), 74);

    // The first quiz carried on undisturbed: its session holds its answer.
    first.keys(CTRL_C);
    first.wait_for("pathfit take --resume");
    assert_eq!(first.exit_code(), 130);
    let saved = read_json(&save);
    assert_eq!(saved["answers"]["fix"], 4.0, "{saved}");
    assert!(
        lock_files(dir.path()).is_empty(),
        "{:?}",
        lock_files(dir.path())
    );
}

#[test]
fn the_lock_of_a_killed_quiz_does_not_outlive_it() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("s.json");
    let mut first = take(&save);
    first.answer(1, 6, &[DOWN, ENTER]);
    first.wait_for("? [2/6]");
    let pid = first.session.get_process().pid().to_string();
    assert!(
        Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .unwrap()
            .success()
    );
    assert!(killed_by_a_signal(first), "the first quiz outlived SIGKILL");

    // Its lock file may be left, but it locks nothing: resuming works.
    let mut again = Pty::spawn(&[
        "take",
        "--resume",
        save.to_str().unwrap(),
        "--color",
        "never",
    ]);
    again.wait_for("5 of 6 questions left");
    again.answer(2, 6, &[CTRL_C]);
    again.wait_for("pathfit take --resume");
    assert_eq!(again.exit_code(), 130);
    assert!(
        lock_files(dir.path()).is_empty(),
        "{:?}",
        lock_files(dir.path())
    );
}

/// Waits for the process in `pty` to end; whether a signal ended it.
fn killed_by_a_signal(pty: Pty) -> bool {
    let start = Instant::now();
    loop {
        let status = format!("{:?}", pty.session.get_process().status().unwrap());
        if status != "StillAlive" {
            return status.starts_with("Signaled");
        }
        assert!(start.elapsed() < PATIENCE, "did not exit");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A session file for the quiz bank with `bank` (the `bank` object) and
/// otherwise nothing answered.
fn session_with(bank: Value) -> Value {
    json!({
        "pathfit_session": 1,
        "bank": bank,
        "seed": null,
        "answers": {},
        "skipped": [],
    })
}

fn quiz_bank_record(source: &str) -> Value {
    use sha2::Digest;
    let text = std::fs::read_to_string(bank()).unwrap();
    let digest: String = sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    json!({ "id": "quiz", "version": 1, "digest": digest, "source": source })
}

/// Resumes the session file `path` in a terminal; returns the exit code and
/// the screen.
fn resume(path: &Path) -> (i32, String, Vec<u8>) {
    let mut pty = Pty::spawn(&[
        "take",
        "--color",
        "never",
        "--resume",
        path.to_str().unwrap(),
    ]);
    pty.wait_for("error:");
    let screen = pty.contents();
    let (code, raw) = pty.finish();
    (code, screen, raw)
}

#[test]
#[cfg(unix)]
fn a_bank_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("bank.yaml");
    rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from(0o600)).unwrap();
    let fifo_name = fifo.to_str().unwrap();

    // Named by a session file: the error names the session file and the pipe.
    let session = dir.path().join("s.json");
    let record = session_with(quiz_bank_record(fifo_name));
    std::fs::write(&session, record.to_string()).unwrap();
    let (code, screen, _) = resume(&session);
    assert_eq!(code, 66, "{screen}");
    let flat = screen.replace('\n', "");
    assert!(flat.contains(session.to_str().unwrap()), "{screen}");
    assert!(flat.contains(fifo_name), "{screen}");
    assert!(flat.contains("named pipe"), "{screen}");

    // Named by `--bank`, for any command.
    Test::new()
        .args(["score", "--bank", fifo_name, "--answers"])
        .arg(example("clinician.yaml"))
        .status(66)
        .stderr_contains(format!(
            "{fifo_name}: cannot read the file: it is a named pipe"
        ))
        .run();
    Test::new()
        .args(["validate", fifo_name])
        .status(66)
        .stdout_contains("it is a named pipe")
        .run();
    Test::new()
        .args(["score", "--bank", "/dev/null", "--answers"])
        .arg(example("clinician.yaml"))
        .status(66)
        .stderr_contains("/dev/null: cannot read the file: it is a device")
        .run();
}

#[test]
fn every_error_from_a_session_file_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let record = |source: &str| quiz_bank_record(source);
    let mut wrong_digest = record(&bank());
    wrong_digest["digest"] = json!("0".repeat(64));
    let mut bad_answer = session_with(record(&bank()));
    bad_answer["answers"] = json!({ "fix": "sometimes" });
    let mut unknown_skip = session_with(record(&bank()));
    unknown_skip["skipped"] = json!(["nope"]);
    let cases: Vec<(&str, String, i32, &str)> = vec![
        (
            "not JSON",
            "{ nope".to_string(),
            65,
            "not a pathfit session file",
        ),
        (
            "a newer format",
            json!({ "pathfit_session": 9 }).to_string(),
            65,
            "format 9",
        ),
        (
            "a missing bank file",
            session_with(record("no/such/bank.yaml")).to_string(),
            66,
            "no/such/bank.yaml",
        ),
        (
            "an unknown bundled bank",
            session_with(record("nursing")).to_string(),
            66,
            "nursing",
        ),
        (
            "a bank that no longer loads",
            session_with(record(&fixture("banks/many-mistakes.yaml"))).to_string(),
            65,
            "pathfit validate",
        ),
        (
            "a changed bank",
            session_with(wrong_digest).to_string(),
            65,
            "has changed since",
        ),
        (
            "an answer that does not fit",
            bad_answer.to_string(),
            65,
            "fix",
        ),
        (
            "an unknown skipped question",
            unknown_skip.to_string(),
            65,
            "nope",
        ),
    ];
    for (what, text, expected, says) in cases {
        let session = dir.path().join("session-file.json");
        std::fs::write(&session, text).unwrap();
        let (code, screen, _) = resume(&session);
        let flat = screen.replace('\n', "");
        assert_eq!(code, expected, "{what}: {screen}");
        assert!(flat.contains(session.to_str().unwrap()), "{what}: {screen}");
        assert!(flat.contains(says), "{what}: {screen}");
    }
}

#[test]
fn text_from_a_session_file_reaches_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.json");
    // Its bank path and a skipped id carry escape sequences and a bell.
    let mut record = session_with(quiz_bank_record(&bank()));
    let hostile_id = format!("\u{1b}[2J{}", "x".repeat(5000));
    for (source, skipped) in [
        ("no/such\u{1b}]0;TITLE\u{7}.yaml".to_string(), None),
        (bank(), Some(hostile_id.clone())),
    ] {
        record["bank"]["source"] = json!(source);
        if let Some(id) = skipped {
            record["skipped"] = json!([id]);
        }
        std::fs::write(&session, record.to_string()).unwrap();
        let (code, screen, raw) = resume(&session);
        assert!(code == 65 || code == 66, "{screen}");
        let raw = String::from_utf8_lossy(&raw);
        assert!(!raw.contains('\u{7}'), "{raw:?}");
        assert!(!raw.contains("\u{1b}]0;"), "{raw:?}");
        assert!(!raw.contains("\u{1b}[2J"), "{raw:?}");
        assert!(screen.contains("\\u{1b}"), "{screen}");
        // A long id is quoted, not copied whole.
        assert!(raw.len() < 2000, "{} bytes: {raw:?}", raw.len());
    }
}

#[test]
fn a_new_quiz_never_takes_the_default_session_file_of_another() {
    // Two quizzes in bank order, without `--save`, get one default name.
    let data = tempfile::tempdir().unwrap();
    let env = [("XDG_DATA_HOME", data.path().to_str().unwrap())];
    let sessions = data.path().join("pathfit/sessions");
    let args = [
        "take",
        "--bank",
        &bank(),
        "--no-shuffle",
        "--color",
        "never",
    ];
    let mut first = Pty::spawn_with(&args, &env);
    first.answer(1, 6, &[DOWN, ENTER]);
    first.wait_for("? [2/6]");
    // While the first runs, a second one saves elsewhere.
    let mut second = Pty::spawn_with(&args, &env);
    second.answer(1, 6, &[DOWN, DOWN, ENTER]);
    second.wait_for("? [2/6]");
    second.keys(CTRL_C);
    second.wait_for("pathfit take --resume");
    assert_eq!(second.exit_code(), 130);
    first.keys(CTRL_C);
    first.wait_for("pathfit take --resume");
    assert_eq!(first.exit_code(), 130);
    // A third, after both stopped, is offered the latest back; started
    // again, it saves under a name of its own and overwrites neither (the
    // one it replaces is removed, the other is as it was).
    let mut third = Pty::spawn_with(&args, &env);
    third.wait_for("Start again");
    third.keys(DOWN);
    third.keys(ENTER);
    third.answer(1, 6, &[ENTER]);
    third.wait_for("? [2/6]");
    third.keys(CTRL_C);
    third.wait_for("pathfit take --resume");
    assert_eq!(third.exit_code(), 130);

    let fix = |name: &str| read_json(sessions.join(name))["answers"]["fix"].clone();
    assert_eq!(fix("quiz-in-order-3.json"), 3.0);
    let first = sessions.join("quiz-in-order.json");
    let second = sessions.join("quiz-in-order-2.json");
    assert!(first.exists() != second.exists(), "one was replaced");
    if first.exists() {
        assert_eq!(fix("quiz-in-order.json"), 4.0);
    } else {
        assert_eq!(fix("quiz-in-order-2.json"), 5.0);
    }
    assert!(
        lock_files(&sessions).is_empty(),
        "{:?}",
        lock_files(&sessions)
    );
}
