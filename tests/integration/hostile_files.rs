//! Issue 11, the file tricks: an output that names an input or another
//! output is refused before anything is written (class 4); an output onto a
//! symlink, a device, a FIFO or a folder does what the user meant (class 5);
//! modes follow the umask for new files and stay for replaced ones (class
//! 6); an interrupted batch leaves no temporary file (class 7); and a bad
//! header writes nothing at all (class 13). These need real file kinds and
//! real signals, so the module is Unix-only.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{HEALTHCARE, Test, example, text_of};

const PATHFIT: &str = env!("CARGO_BIN_EXE_pathfit");

/// A class of respondents in batch's CSV, from `pathfit sample`.
fn class_csv(n: u64) -> String {
    Test::new()
        .args(["sample", "--respondents", &n.to_string()])
        .run()
        .stdout
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).unwrap().file_type().is_symlink()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Runs `pathfit ARGS` under `sh` with `umask MASK`, expecting exit 0.
fn with_umask(mask: &str, dir: &Path, args: &[&str]) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {mask}; exec \"$0\" \"$@\""))
        .arg(PATHFIT)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "umask {mask}; pathfit {args:?}: {out:?}"
    );
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    text_of(&out.stdout).trim() == "0"
}

/// A null device for outputs to go to. Never the system's /dev/null as
/// root: a pathfit that replaced what it writes to would replace the
/// machine's own (as the pathfit before issue 11 did). As root, a null
/// device of our own in `dir`; otherwise /dev/null, which only root could
/// replace.
fn null_device(dir: &Path) -> PathBuf {
    if !is_root() {
        return PathBuf::from("/dev/null");
    }
    let null = dir.join("null");
    let status = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status()
        .unwrap();
    assert!(status.success(), "mknod {}", null.display());
    null
}

// ---------------------------------------------------------------------------
// Class 4: the same file as input and output
// ---------------------------------------------------------------------------

/// Runs pathfit in `dir`, expecting the refusal of a clash: exit 2, nothing
/// on standard output, a message naming both files, and `dir` exactly as it
/// was (same names, same bytes).
#[track_caller]
fn refused(dir: &Path, args: &[&str], names_both: [&str; 2]) -> String {
    let before: Vec<(String, Vec<u8>)> = names(dir)
        .into_iter()
        .map(|n| {
            let bytes = fs::read(dir.join(&n)).unwrap_or_default();
            (n, bytes)
        })
        .collect();
    let out = Test::new()
        .args(args)
        .current_dir(dir)
        .status(2)
        .stdout("")
        .stderr_contains("is the same file as")
        .stderr_contains("Nothing was written")
        .stderr_contains(names_both[0])
        .stderr_contains(names_both[1])
        .run();
    let after: Vec<(String, Vec<u8>)> = names(dir)
        .into_iter()
        .map(|n| {
            let bytes = fs::read(dir.join(&n)).unwrap_or_default();
            (n, bytes)
        })
        .collect();
    assert!(
        before == after,
        "pathfit {args:?} changed {}",
        dir.display()
    );
    out.stderr
}

#[test]
fn batch_refuses_to_write_over_its_own_answers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("class.csv"), class_csv(5)).unwrap();
    let err = refused(
        d,
        &["batch", "--answers", "class.csv", "--output", "class.csv"],
        ["--output class.csv", "--answers class.csv"],
    );
    assert!(err.starts_with("error: "), "{err}");
    // `./x` and `x` are one file.
    refused(
        d,
        &["batch", "--answers", "./class.csv", "--output", "class.csv"],
        ["--output class.csv", "--answers ./class.csv"],
    );
    // A hard link is the same file under another name.
    fs::hard_link(d.join("class.csv"), d.join("hard.csv")).unwrap();
    refused(
        d,
        &["batch", "--answers", "class.csv", "--output", "hard.csv"],
        ["--output hard.csv", "--answers class.csv"],
    );
    // So is the target of a symlink, either way round.
    std::os::unix::fs::symlink("class.csv", d.join("link.csv")).unwrap();
    refused(
        d,
        &["batch", "--answers", "class.csv", "--output", "link.csv"],
        ["--output link.csv", "--answers class.csv"],
    );
    refused(
        d,
        &["batch", "--answers", "link.csv", "--output", "class.csv"],
        ["--output class.csv", "--answers link.csv"],
    );
    // The summary is an output too.
    refused(
        d,
        &["batch", "--answers", "class.csv", "--summary", "class.csv"],
        ["--summary class.csv", "--answers class.csv"],
    );
}

#[test]
fn two_outputs_naming_one_file_are_refused_whether_or_not_it_exists() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("class.csv"), class_csv(5)).unwrap();
    // Neither exists yet.
    refused(
        d,
        &[
            "batch",
            "--answers",
            "class.csv",
            "--output",
            "out.csv",
            "--summary",
            "./out.csv",
        ],
        ["--summary ./out.csv", "--output out.csv"],
    );
    fs::write(d.join("out.csv"), "old").unwrap();
    refused(
        d,
        &[
            "batch",
            "--answers",
            "class.csv",
            "--output",
            "out.csv",
            "--summary",
            "out.csv",
        ],
        ["--summary out.csv", "--output out.csv"],
    );
    assert_eq!(fs::read_to_string(d.join("out.csv")).unwrap(), "old");
}

#[test]
fn score_sample_and_take_refuse_an_output_that_is_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(example("clinician.yaml"), d.join("a.yaml")).unwrap();
    fs::copy(HEALTHCARE, d.join("bank.yaml")).unwrap();
    refused(
        d,
        &["score", "--answers", "a.yaml", "--output", "a.yaml"],
        ["--output a.yaml", "--answers a.yaml"],
    );
    refused(
        d,
        &[
            "score",
            "--answers",
            "a.yaml",
            "--bank",
            "bank.yaml",
            "--output",
            "bank.yaml",
        ],
        ["--output bank.yaml", "--bank bank.yaml"],
    );
    refused(
        d,
        &["sample", "--bank", "./bank.yaml", "-o", "bank.yaml"],
        ["--output bank.yaml", "--bank ./bank.yaml"],
    );
    // `take` checks its files before it asks for a terminal.
    refused(
        d,
        &["take", "--save", "s.json", "--output", "s.json"],
        ["--output s.json", "--save s.json"],
    );
    fs::write(d.join("s.json"), "{}").unwrap();
    refused(
        d,
        &["take", "--resume", "s.json", "--output", "s.json"],
        ["--output s.json", "--resume s.json"],
    );
    refused(
        d,
        &["take", "--bank", "./bank.yaml", "--save", "bank.yaml"],
        ["--save bank.yaml", "--bank ./bank.yaml"],
    );
}

#[test]
fn standard_output_appended_to_an_input_is_refused() {
    // `pathfit batch --answers class.csv >> class.csv` would read its own
    // rows back for ever.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("class.csv");
    let class = class_csv(5);
    fs::write(&input, &class).unwrap();
    for args in [
        &["batch", "--answers", "class.csv"][..],
        &["validate", "class.csv"][..],
    ] {
        let appending = fs::OpenOptions::new().append(true).open(&input).unwrap();
        let out = Command::new(PATHFIT)
            .args(args)
            .current_dir(dir.path())
            .stdout(Stdio::from(appending))
            .output()
            .unwrap();
        let err = text_of(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("standard output is the same file as") && err.contains("class.csv"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&input).unwrap(), class);
    }
    // Standard input is an input too: `--answers - < a.yaml -o a.yaml`.
    let answers = dir.path().join("a.yaml");
    fs::copy(example("clinician.yaml"), &answers).unwrap();
    let out = Command::new(PATHFIT)
        .args(["score", "--answers", "-", "--output", "a.yaml"])
        .current_dir(dir.path())
        .stdin(Stdio::from(fs::File::open(&answers).unwrap()))
        .output()
        .unwrap();
    let err = text_of(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("`--output a.yaml` is the same file as standard input"),
        "{err}"
    );
    assert_eq!(
        fs::read(&answers).unwrap(),
        fs::read(example("clinician.yaml")).unwrap()
    );
}

#[test]
fn distinct_outputs_a_shared_null_device_and_a_resumed_session_are_allowed() {
    // Two outputs into a null device are nobody's loss.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("class.csv"), class_csv(5)).unwrap();
    let null = null_device(d);
    Test::new()
        .args(["batch", "--answers", "class.csv", "--output"])
        .arg(&null)
        .arg("--summary")
        .arg(&null)
        .current_dir(d)
        .stdout("")
        .run();
    assert!(
        fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_char_device()
    );
    Test::new()
        .args(["batch", "--answers", "class.csv", "--output", "out.csv"])
        .args(["--summary", "summary.json"])
        .current_dir(d)
        .run();
    let mut expected = vec!["class.csv", "out.csv", "summary.json"];
    if is_root() {
        expected.insert(1, "null");
    }
    assert_eq!(names(d), expected);

    // A session resumed and saved back to its own file is the normal case:
    // the check lets it through to the next refusal (no terminal here).
    fs::write(d.join("s.json"), "{}").unwrap();
    Test::new()
        .args(["take", "--resume", "s.json", "--save", "./s.json"])
        .current_dir(d)
        .status(2)
        .stderr_contains("is not one")
        .run();
}

// ---------------------------------------------------------------------------
// Class 5: what an output names
// ---------------------------------------------------------------------------

#[test]
fn output_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("shared")).unwrap();
    fs::write(d.join("shared/report.json"), "old").unwrap();
    std::os::unix::fs::symlink("shared/report.json", d.join("report.json")).unwrap();
    Test::new()
        .args(["score", "--format", "json", "--answers"])
        .arg(example("clinician.yaml"))
        .args(["--output", "report.json"])
        .current_dir(d)
        .stdout("")
        .run();
    assert!(is_symlink(&d.join("report.json")), "the link was replaced");
    let written = fs::read_to_string(d.join("shared/report.json")).unwrap();
    assert!(written.contains("\"recommendation\""), "{written}");
    assert_eq!(names(d), ["report.json", "shared"]);
    assert_eq!(names(&d.join("shared")), ["report.json"]);

    // A link to a file not there yet makes the file, as `>` would.
    std::os::unix::fs::symlink("shared/new.csv", d.join("new.csv")).unwrap();
    Test::new()
        .args(["sample", "--respondents", "2", "--output", "new.csv"])
        .current_dir(d)
        .run();
    assert!(is_symlink(&d.join("new.csv")));
    assert!(
        fs::read_to_string(d.join("shared/new.csv"))
            .unwrap()
            .starts_with("respondent,")
    );
}

#[test]
fn output_into_a_fifo_is_written_straight() {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    // Our read end, opened without waiting for a writer; once pathfit has
    // written and closed its end, reading gives what it wrote, then the end.
    let mut reader = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    Test::new()
        .args(["sample", "--respondents", "3", "--output"])
        .arg(&fifo)
        .run();
    let mut read = String::new();
    reader.read_to_string(&mut read).unwrap();
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(read.starts_with("respondent,"), "{read:?}");
    assert_eq!(read.lines().count(), 4, "{read}");
    assert_eq!(names(dir.path()), ["pipe"]);
}

#[test]
fn output_onto_a_character_device_is_written_straight() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A link to standard output: the report arrives on standard output.
    std::os::unix::fs::symlink("/dev/stdout", d.join("out")).unwrap();
    Test::new()
        .args(["sample", "--respondents", "2", "--output", "out"])
        .current_dir(d)
        .stdout_contains("respondent,")
        .run();
    assert!(is_symlink(&d.join("out")));
    // A null device of our own (making one needs root).
    if is_root() {
        null_device(d);
        Test::new()
            .args(["sample", "--respondents", "2", "--output", "null"])
            .current_dir(d)
            .stdout("")
            .run();
        let meta = fs::symlink_metadata(d.join("null")).unwrap();
        assert!(meta.file_type().is_char_device(), "{meta:?}");
    } else {
        eprintln!("not root: the mknod part of this test is skipped");
    }
    assert!(
        names(d).iter().all(|n| !n.contains("pathfit")),
        "{:?}",
        names(d)
    );
}

#[test]
fn output_onto_a_folder_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("reports")).unwrap();
    fs::write(d.join("class.csv"), class_csv(3)).unwrap();
    for args in [
        &["batch", "--answers", "class.csv", "--output", "reports"][..],
        &["batch", "--answers", "class.csv", "--summary", "reports"][..],
        &["sample", "--output", "reports/"][..],
    ] {
        Test::new()
            .args(args)
            .current_dir(d)
            .status(74)
            .stdout("")
            .stderr_contains("is a folder")
            .run();
        assert!(names(&d.join("reports")).is_empty());
    }
    assert_eq!(names(d), ["class.csv", "reports"]);
}

// ---------------------------------------------------------------------------
// Class 6: modes
// ---------------------------------------------------------------------------

#[test]
fn new_outputs_follow_the_umask_and_replaced_ones_keep_their_mode() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("class.csv"), class_csv(3)).unwrap();
    let batch = [
        "batch",
        "--answers",
        "class.csv",
        "--output",
        "out.csv",
        "--summary",
        "summary.json",
    ];
    with_umask("022", d, &batch);
    assert_eq!(mode(&d.join("out.csv")), 0o644);
    assert_eq!(mode(&d.join("summary.json")), 0o644);
    with_umask("022", d, &["sample", "--output", "s.csv"]);
    assert_eq!(mode(&d.join("s.csv")), 0o644);
    with_umask("077", d, &["sample", "--output", "private.csv"]);
    assert_eq!(mode(&d.join("private.csv")), 0o600);

    // Shared with a group: replacing keeps 664 whatever the umask.
    for file in ["out.csv", "summary.json"] {
        fs::set_permissions(d.join(file), fs::Permissions::from_mode(0o664)).unwrap();
    }
    with_umask("077", d, &batch);
    assert_eq!(mode(&d.join("out.csv")), 0o664);
    assert_eq!(mode(&d.join("summary.json")), 0o664);
    assert_eq!(
        names(d),
        [
            "class.csv",
            "out.csv",
            "private.csv",
            "s.csv",
            "summary.json"
        ]
    );
}

#[test]
fn a_replaced_output_keeps_its_owner_where_pathfit_may_keep_it() {
    if !is_root() {
        eprintln!("not root: giving a file to another user needs root; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("counselor.csv");
    fs::write(&target, "old").unwrap();
    std::os::unix::fs::chown(&target, Some(4321), Some(4321)).unwrap();
    Test::new().args(["sample", "--output"]).arg(&target).run();
    let meta = fs::metadata(&target).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("respondent,")
    );
}

// ---------------------------------------------------------------------------
// Class 7: no temporary file left on a signal
// ---------------------------------------------------------------------------

/// The temporary files pathfit left in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.contains("pathfit"))
        .collect()
}

/// Waits (bounded by a count, not a clock) for `ready`; a pathfit that
/// ended instead fails the test with what it said.
fn wait_for(child: &mut std::process::Child, what: &str, ready: &mut dyn FnMut() -> bool) {
    use std::io::Read;
    for _ in 0..2000 {
        if ready() {
            return;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    let mut said = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut said);
    }
    panic!("{what}: pathfit ended with {status}: {said}");
}

/// Starts a batch reading a FIFO that this test feeds, so that it is
/// certainly still running (waiting for more rows) when the signal comes.
/// Returns once its temporary output file exists, with the FIFO's write
/// end (held open, so the batch waits for more).
fn batch_waiting_on_a_fifo(dir: &Path, traps: &str) -> (std::process::Child, fs::File, PathBuf) {
    let fifo = dir.join("class.csv");
    mkfifo(&fifo);
    // `exec` keeps the process (and the pid) and what the trap ignores.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("{traps} exec \"$0\" \"$@\""))
        .arg(PATHFIT)
        .args(["batch", "--answers", "class.csv", "--output", "results.csv"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The write end, once pathfit has opened the read end (until then a
    // non-blocking open fails).
    let mut feed = None;
    wait_for(&mut child, "pathfit never opened the FIFO", &mut || {
        use std::os::unix::fs::OpenOptionsExt;
        feed = fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .ok();
        feed.is_some()
    });
    let mut feed = feed.unwrap();
    // Well under a pipe's buffer, so the non-blocking write never waits.
    feed.write_all(class_csv(20).as_bytes()).unwrap();
    let mut temporary = None;
    wait_for(&mut child, "no temporary file appeared", &mut || {
        temporary = temporaries(dir).into_iter().next();
        temporary.is_some()
    });
    (child, feed, dir.join(temporary.unwrap()))
}

#[test]
fn an_interrupted_batch_removes_its_temporary_file() {
    for signal in ["INT", "TERM", "HUP"] {
        // Under `nohup` pathfit inherits an ignored SIGHUP and rightly keeps
        // it ignored (`a_signal_ignored_from_the_start_stays_ignored`), so
        // this case would wait for ever.
        #[cfg(target_os = "linux")]
        if signal == "HUP" && signal_masks(std::process::id()).0 & 1 != 0 {
            eprintln!("SIGHUP is ignored here (nohup?): its case is not run");
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("results.csv"), "last year's results\n").unwrap();
        let (child, feed, temporary) = batch_waiting_on_a_fifo(dir.path(), "");
        // A person (or a later run) can tell what the file is.
        let name = temporary
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with(".results.csv.pathfit-tmp-"), "{name}");
        let killed = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        drop(feed);
        let err = text_of(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "SIG{signal}: {err}");
        assert!(err.contains("results.csv"), "SIG{signal}: {err}");
        assert!(
            temporaries(dir.path()).is_empty(),
            "SIG{signal} left {:?}",
            names(dir.path())
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("results.csv")).unwrap(),
            "last year's results\n",
            "SIG{signal}"
        );
    }
}

/// The signals process `pid` ignores and catches, from /proc.
#[cfg(target_os = "linux")]
fn signal_masks(pid: u32) -> (u64, u64) {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let mask = |field: &str| {
        let line = status.lines().find(|l| l.starts_with(field)).unwrap();
        u64::from_str_radix(line[field.len()..].trim(), 16).unwrap()
    };
    (mask("SigIgn:"), mask("SigCgt:"))
}

#[cfg(target_os = "linux")]
#[test]
fn a_signal_ignored_from_the_start_stays_ignored() {
    // `nohup pathfit batch …` must outlive the terminal: pathfit does not
    // take over a SIGHUP it was started ignoring.
    const HUP: u64 = 1 << (1 - 1);
    const TERM: u64 = 1 << (15 - 1);
    let dir = tempfile::tempdir().unwrap();
    let (child, mut feed, _) = batch_waiting_on_a_fifo(dir.path(), "trap '' HUP;");
    let (ignored, caught) = signal_masks(child.id());
    assert!(
        ignored & HUP != 0 && caught & HUP == 0,
        "SIGHUP is no longer ignored: {ignored:x} {caught:x}"
    );
    assert!(caught & TERM != 0, "SIGTERM is not watched: {caught:x}");
    let hung_up = Command::new("kill")
        .arg("-HUP")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(hung_up.success());
    feed.write_all(class_csv(3).lines().nth(1).unwrap().as_bytes())
        .unwrap();
    feed.write_all(b"\n").unwrap();
    drop(feed);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out.stderr));
    let results = fs::read_to_string(dir.path().join("results.csv")).unwrap();
    assert_eq!(results.lines().count(), 1 + 20 + 1, "{results}");
}

// ---------------------------------------------------------------------------
// Class 13: nothing written before the header is checked
// ---------------------------------------------------------------------------

#[test]
fn an_unknown_column_writes_nothing_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("class.csv"),
        "respondent,explain-result,no-such-question\ns1,3,4\n",
    )
    .unwrap();
    Test::new()
        .args(["batch", "--answers", "class.csv"])
        .current_dir(d)
        .status(65)
        .stdout("")
        .stderr_contains("no-such-question")
        .run();
    Test::new()
        .args(["batch", "--answers", "class.csv", "--output", "out.csv"])
        .args(["--summary", "summary.json"])
        .current_dir(d)
        .status(65)
        .stdout("")
        .stderr_contains("no-such-question")
        .run();
    assert_eq!(names(d), ["class.csv"]);
}
