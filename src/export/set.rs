//! The folder a run writes (`--out DIR`): replaced as a whole, by one run at a time.
//!
//! The new set is written complete into a staging folder beside `DIR`; files already in `DIR`
//! that the run does not write are hard-linked into it, so nothing of the user's is lost; then the
//! staging folder and `DIR` trade places in one atomic step (Linux `renameat2` with
//! `RENAME_EXCHANGE`) and the old set is removed. A run stopped at any point (Ctrl-C, a crash, a
//! full disk, a kill) leaves `DIR` holding the old set or the new one, never a mix; what it left
//! beside `DIR` (its staging folder, its lock) is cleaned up by the next run, which sees that its
//! process is gone. A second run that wants the same folder while the first is writing is told so
//! and stops.
//!
//! Elsewhere, or on a file system without the exchange, the old set is renamed aside and the new
//! one into its place right after. A run stopped between those two renames leaves no `DIR` for
//! that instant, never a mix: the old set lies beside it (`.DIR.weerstand-PID.old`) and the next
//! run puts it back before it writes.
//!
//! A folder reached through a link is traded at the link's target, so the link stays. A folder
//! holding subfolders (or links), or the one the shell stands in, cannot be traded without moving
//! what is not ours or pulling the folder from under the shell, and writing it file by file could
//! leave files of two runs: it is refused, with the reason, before the simulation runs
//! ([`check_folder`]).

use super::WriteError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `files` (name, contents) as the folder `dir`, refusing when an input lives in it.
pub fn write_set(dir: &Path, files: &[(String, &[u8])], inputs: &[PathBuf]) -> Result<(), WriteError> {
    write_set_until(dir, files, inputs, usize::MAX, Swap::Exchange)
}

/// How the staging folder takes the folder's place.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Swap {
    /// One atomic exchange where the system has it, else [`Swap::Renames`].
    Exchange,
    /// Two renames: the old set aside, the new one in. Production reaches it as the fallback of
    /// [`Swap::Exchange`]; the tests force it.
    #[cfg_attr(not(test), expect(dead_code))]
    Renames,
}

/// [`write_set`], stopping without any cleanup after `stop` steps, as a killed run would: for the
/// tests that stop it at every point, with either way of swapping.
fn write_set_until(
    dir: &Path,
    files: &[(String, &[u8])],
    inputs: &[PathBuf],
    stop: usize,
    swap: Swap,
) -> Result<(), WriteError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    // A folder reached through a link is traded where the link leads, so the link stays.
    let linked = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    let target = if linked {
        std::fs::canonicalize(dir).map_err(io(dir))?
    } else {
        dir.to_path_buf()
    };
    let dir = target.as_path();
    check_folder(dir, inputs)?;
    let (parent, name) = place(dir)?;
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let lock = Lock::take(&parent, &name)?;
    clean_leftovers(&parent, &name);
    // Checked again under the lock: the folder may have gained a subfolder since.
    let Some(carried) = existing_files(dir) else {
        return Err(WriteError::NotOwnFolder(dir.to_path_buf(), NotOwn::Subfolders));
    };
    let staging = parent.join(format!(".{name}.weerstand-{}", std::process::id()));
    let mut step = 0;
    let mut stopped = || {
        step += 1;
        step > stop
    };
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging).map_err(io(&staging))?;
    if stopped() {
        std::mem::forget(lock);
        return Ok(());
    }
    for (file_name, bytes) in files {
        let path = staging.join(file_name);
        let mut file = std::fs::File::create(&path).map_err(io(&path))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(io(&path))?;
        if stopped() {
            std::mem::forget(lock);
            return Ok(());
        }
    }
    for old in carried
        .iter()
        .filter(|f| !files.iter().any(|(n, _)| f.file_name() == Some(n.as_ref())))
    {
        let target = staging.join(old.file_name().expect("a file in the folder"));
        std::fs::hard_link(old, &target)
            .or_else(|_| std::fs::copy(old, &target).map(|_| ()))
            .map_err(io(old))?;
    }
    if stopped() {
        std::mem::forget(lock);
        return Ok(());
    }
    let exchanged = match swap {
        Swap::Exchange => exchange(&staging, dir).map_err(io(dir))?,
        Swap::Renames => false,
    };
    if !exchanged {
        // The old set aside, the new one in, at once after each other; the next run puts the old
        // set back when a stop fell between the two.
        let aside = aside(&staging);
        if dir.exists() {
            std::fs::rename(dir, &aside).map_err(io(dir))?;
            if stopped() {
                std::mem::forget(lock);
                return Ok(());
            }
        }
        if let Err(e) = std::fs::rename(&staging, dir) {
            let _ = std::fs::rename(&aside, dir);
            return Err(WriteError::Io(dir.to_path_buf(), e));
        }
        if stopped() {
            std::mem::forget(lock);
            return Ok(());
        }
        let _ = std::fs::rename(&aside, &staging);
    }
    if stopped() {
        std::mem::forget(lock);
        return Ok(());
    }
    // The staging folder now holds the old set.
    let _ = std::fs::remove_dir_all(&staging);
    drop(lock);
    Ok(())
}

/// The folder's parent and its name.
fn place(dir: &Path) -> Result<(PathBuf, String), WriteError> {
    let absolute = std::path::absolute(dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
    let name = absolute.file_name().map(|n| n.to_string_lossy().into_owned());
    match (absolute.parent(), name) {
        (Some(parent), Some(name)) if name != ".." => Ok((parent.to_path_buf(), name)),
        _ => Err(WriteError::Io(
            dir.to_path_buf(),
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a folder a run can write"),
        )),
    }
}

/// Why a folder cannot be written as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotOwn {
    /// It is a file.
    File,
    /// It holds subfolders or links: not ours to move.
    Subfolders,
    /// The shell stands in it (or below it): trading it would pull it from under the shell.
    Cwd,
    /// It holds registers or scenarios (`.yaml`): a folder of inputs, not of results.
    Registers,
}

/// Whether `dir` can be written as one run's output folder: not a file, not where an input lives,
/// no subfolders, not the folder the shell stands in. Commands call it before they simulate, so a
/// mistake in `--out` costs no waiting; [`write_set`] calls it again.
pub fn check_folder(dir: &Path, inputs: &[PathBuf]) -> Result<(), WriteError> {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    place(&dir)?;
    if dir.exists() && !dir.is_dir() {
        return Err(WriteError::NotOwnFolder(dir, NotOwn::File));
    }
    refuse_inputs_inside(&dir, inputs)?;
    if std::env::current_dir().is_ok_and(|cwd| cwd.starts_with(&dir)) {
        return Err(WriteError::NotOwnFolder(dir, NotOwn::Cwd));
    }
    let Some(files) = existing_files(&dir) else {
        return Err(WriteError::NotOwnFolder(dir, NotOwn::Subfolders));
    };
    let yaml = |f: &PathBuf| {
        f.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
    };
    if files.iter().any(yaml) {
        return Err(WriteError::NotOwnFolder(dir, NotOwn::Registers));
    }
    Ok(())
}

/// The register, a scenario or a template inside the output folder would be replaced with it.
fn refuse_inputs_inside(dir: &Path, inputs: &[PathBuf]) -> Result<(), WriteError> {
    let Ok(dir) = std::fs::canonicalize(dir) else {
        return Ok(());
    };
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|i| i.starts_with(&dir)) {
            return Err(WriteError::InputInFolder(input.clone()));
        }
    }
    Ok(())
}

/// The regular files in `dir` (none when it does not exist), or `None` when it holds anything else.
fn existing_files(dir: &Path) -> Option<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Some(Vec::new());
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.ok()?;
        if !entry.file_type().ok()?.is_file() {
            return None;
        }
        files.push(entry.path());
    }
    Some(files)
}

/// Puts `staging` in the place of `dir` (and `dir`, if it exists, in the place of `staging`) in
/// one step; `false` when this system or file system cannot (the caller renames twice instead).
fn exchange(staging: &Path, dir: &Path) -> std::io::Result<bool> {
    if !dir.exists() {
        return std::fs::rename(staging, dir).map(|()| true);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, staging, CWD, dir, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(true),
            Err(e)
                if [
                    rustix::io::Errno::INVAL,
                    rustix::io::Errno::NOSYS,
                    rustix::io::Errno::OPNOTSUPP,
                ]
                .contains(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(false)
}

/// Where the two-rename swap keeps the old set for that instant: the staging folder's name with
/// `.old`, so that [`clean_leftovers`] finds it by the run's process id.
fn aside(staging: &Path) -> PathBuf {
    let mut aside = staging.as_os_str().to_owned();
    aside.push(".old");
    PathBuf::from(aside)
}

/// Whether a process with this id is running (on a system without `/proc`, assumed so).
pub(super) fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.exists() || proc.join(pid.to_string()).exists()
}

/// Removes the staging folders that runs into this folder left when they were stopped.
fn clean_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.weerstand-");
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.trim_end_matches(".old").parse::<u32>();
        if pid.is_ok_and(|pid| pid == std::process::id() || !alive(pid)) {
            let folder = parent.join(name);
            // A run stopped between its two renames: the old set goes back where it was.
            let restored = rest.ends_with(".old") && !folder.exists() && std::fs::rename(entry.path(), &folder).is_ok();
            if !restored {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// The lock on an output folder: a file beside it holding the writing run's process id.
struct Lock(PathBuf);

impl Lock {
    fn take(parent: &Path, name: &str) -> Result<Lock, WriteError> {
        let path = parent.join(format!(".{name}.weerstand-lock"));
        for _ in 0..2 {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(Lock(path));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path)
                        .ok()
                        .and_then(|t| t.trim().parse::<u32>().ok());
                    match holder {
                        Some(pid) if pid != std::process::id() && alive(pid) => {
                            return Err(WriteError::Busy { lock: path, pid });
                        }
                        // Left by a run that is gone (or being written this instant: try once more).
                        _ => {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => return Err(WriteError::Io(path, e)),
            }
        }
        Err(WriteError::Io(
            path,
            std::io::Error::other("the lock could not be taken"),
        ))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| {
                        (
                            e.file_name().to_string_lossy().into_owned(),
                            std::fs::read_to_string(e.path()).unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }

    fn set(tag: &str) -> Vec<(String, Vec<u8>)> {
        ["a.json", "b.md", "c.png"]
            .iter()
            .map(|n| (n.to_string(), format!("{tag} {n}").into_bytes()))
            .collect()
    }

    fn refs(set: &[(String, Vec<u8>)]) -> Vec<(String, &[u8])> {
        set.iter().map(|(n, b)| (n.clone(), b.as_slice())).collect()
    }

    /// Stopped after every step of the write phase, with either way of swapping, the folder holds
    /// the old set or the new one, never a mix (with two renames it may be missing for that
    /// instant, the old set beside it); the user's own file survives; the next run puts back or
    /// cleans up what was left and writes its set whole.
    #[test]
    fn a_run_stopped_at_any_point_leaves_the_old_set_or_the_new() {
        for swap in [Swap::Exchange, Swap::Renames] {
            for stop in 0..10 {
                let root = tempfile::tempdir().unwrap();
                let dir = root.path().join("rapport");
                write_set(&dir, &refs(&set("old")), &[]).unwrap();
                std::fs::write(dir.join("notities.txt"), "mine").unwrap();
                let old = contents(&dir);
                write_set_until(&dir, &refs(&set("new")), &[], stop, swap).unwrap();
                let now = contents(&dir);
                let new: Vec<(String, String)> = {
                    let mut n: Vec<(String, String)> = set("new")
                        .into_iter()
                        .map(|(n, b)| (n, String::from_utf8(b).unwrap()))
                        .collect();
                    n.push(("notities.txt".into(), "mine".into()));
                    n.sort();
                    n
                };
                let old_aside = || {
                    let aside = root
                        .path()
                        .join(format!(".rapport.weerstand-{}.old", std::process::id()));
                    contents(&aside) == old
                };
                assert!(
                    now == old || now == new || (swap == Swap::Renames && !dir.exists() && old_aside()),
                    "{swap:?}, stopped after {stop} steps: {now:?}"
                );
                // A stopped run left its lock and staging folder behind; as its "process" is this
                // one, the next run treats them as its own leftovers.
                write_set(&dir, &refs(&set("next")), &[]).unwrap();
                let next = contents(&dir);
                assert_eq!(next.len(), 4, "{swap:?}, stopped after {stop}: {next:?}");
                assert_eq!(next[0].1, "next a.json");
                assert_eq!(
                    next[3],
                    ("notities.txt".into(), "mine".into()),
                    "{swap:?}, stopped after {stop}"
                );
                let beside: Vec<String> = std::fs::read_dir(root.path())
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
                assert_eq!(
                    beside,
                    ["rapport"],
                    "{swap:?}, stopped after {stop}: nothing left beside the folder"
                );
            }
        }
    }

    /// The two-rename swap, run to its end, leaves the new set in place and nothing beside it.
    #[test]
    fn the_two_rename_swap_replaces_the_set() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("rapport");
        write_set_until(&dir, &refs(&set("old")), &[], usize::MAX, Swap::Renames).unwrap();
        write_set_until(&dir, &refs(&set("new")), &[], usize::MAX, Swap::Renames).unwrap();
        assert_eq!(contents(&dir)[0].1, "new a.json");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_second_run_is_told_that_the_folder_is_busy() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("rapport");
        // PID 1 is always running.
        std::fs::write(root.path().join(".rapport.weerstand-lock"), "1").unwrap();
        if Path::new("/proc/1").exists() {
            assert!(matches!(
                write_set(&dir, &refs(&set("x")), &[]),
                Err(WriteError::Busy { pid: 1, .. })
            ));
            assert!(!dir.exists());
        }
        // A lock whose process is gone is taken over.
        std::fs::write(root.path().join(".rapport.weerstand-lock"), "4294967").unwrap();
        write_set(&dir, &refs(&set("x")), &[]).unwrap();
        assert_eq!(contents(&dir).len(), 3);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_reached_through_a_link_keeps_its_link() {
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("echt");
        std::fs::create_dir(&real).unwrap();
        let link = root.path().join("rapport");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_set(&link, &refs(&set("x")), &[]).unwrap();
        std::fs::write(real.join("notities.txt"), "mine").unwrap();
        write_set(&link, &refs(&set("y")), &[]).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(contents(&real).len(), 4);
        assert_eq!(contents(&link)[0].1, "y a.json");
        // Traded as a whole at the link's target: nothing left beside either.
        let mut beside: Vec<String> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(beside, ["echt", "rapport"]);
    }

    /// A folder with a subfolder, or with registers or scenarios in it, is refused and untouched.
    #[test]
    fn a_folder_that_is_not_for_results_is_refused_and_untouched() {
        for (extra, why) in [("sub/x.txt", NotOwn::Subfolders), ("scenario.yaml", NotOwn::Registers)] {
            let root = tempfile::tempdir().unwrap();
            let dir = root.path().join("map");
            let path = dir.join(extra);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "mine").unwrap();
            std::fs::write(dir.join("notities.txt"), "mine").unwrap();
            match write_set(&dir, &refs(&set("x")), &[]) {
                Err(WriteError::NotOwnFolder(_, w)) => assert_eq!(w, why, "{extra}"),
                other => panic!("{extra}: {other:?}"),
            }
            assert_eq!(contents(&dir).len(), 2, "{extra}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
            assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1, "nothing beside it");
        }
    }

    #[test]
    fn a_file_is_not_a_folder_and_stays() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("rapport");
        std::fs::write(&file, "mine").unwrap();
        assert!(write_set(&file, &refs(&set("x")), &[]).is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1, "nothing beside it");
    }

    #[test]
    fn an_input_inside_the_folder_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("rapport");
        std::fs::create_dir(&dir).unwrap();
        let template = dir.join("mijn.md.j2");
        std::fs::write(&template, "keep").unwrap();
        assert!(matches!(
            write_set(&dir, &refs(&set("x")), std::slice::from_ref(&template)),
            Err(WriteError::InputInFolder(_))
        ));
        assert_eq!(std::fs::read_to_string(&template).unwrap(), "keep");
        assert_eq!(contents(&dir).len(), 1);
    }
}
