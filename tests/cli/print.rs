//! The report as a controller prints it: the HTML printed to A4 by a real Chromium, its pages
//! rendered by poppler, each page looked at; and the page on screens from 800 px wide.
//!
//! Without Chromium (or poppler) on the machine these tests say so and pass, except under
//! `CI=true`, where a missing browser is a failure: `.ci/run` installs both.

use super::*;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

/// A program on the PATH, if there is one.
fn program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Chromium and pdftoppm, or `None` (a failure under CI).
fn tools() -> Option<(PathBuf, PathBuf)> {
    let found = (
        program(&["chromium", "chromium-browser", "google-chrome"]),
        program(&["pdftoppm"]),
    );
    match found {
        (Some(chromium), Some(pdftoppm)) => Some((chromium, pdftoppm)),
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true but chromium or pdftoppm is missing: .ci/run installs them"
            );
            say_skipped("the print tests: chromium or pdftoppm (poppler-utils) is not installed");
            None
        }
    }
}

/// Runs headless Chromium with a profile of its own in `dir`.
fn chromium(chromium: &Path, dir: &Path, args: &[&str]) -> std::process::Output {
    let profile = format!("--user-data-dir={}", dir.join("profiel").display());
    let output = Process::new("timeout")
        .arg("120")
        .arg(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            &profile,
        ])
        .args(args)
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The shipped report, written into `dir/rapport`.
fn shipped_report(dir: &Path) -> PathBuf {
    let out = dir.join("rapport");
    weerstand()
        .current_dir(repo(""))
        .args(["report", IJMOND, "--seed", "2026", "-n", "20000", "--out"])
        .arg(&out)
        .assert()
        .success();
    out.join("risicoparagraaf.html")
}

/// A greyscale page from a binary PGM file: (width, height, pixels).
fn pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    // Header: "P5", width, height, maxval, each followed by white space.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..].to_vec())
}

/// The share of a page's body (between the running header and the page number) that has ink.
fn ink(page: &(usize, usize, Vec<u8>)) -> f64 {
    let (w, h, pixels) = page;
    let (top, bottom) = (h * 6 / 100, h * 94 / 100);
    let inked = (top..bottom)
        .filter(|y| pixels[y * w..(y + 1) * w].iter().any(|&p| p < 200))
        .count();
    inked as f64 / (bottom - top) as f64
}

#[test]
fn the_shipped_report_prints_on_a4_without_empty_pages() {
    let Some((chromium_path, pdftoppm)) = tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = shipped_report(dir.path());
    let pdf = dir.path().join("rapport.pdf");
    chromium(
        &chromium_path,
        dir.path(),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", html.display()),
        ],
    );
    let prefix = dir.path().join("pagina");
    let status = Process::new(pdftoppm)
        .args(["-r", "30", "-gray"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    pages.sort();
    // The paragraph with its charts and tables takes fourteen pages; a layout that leaves pages
    // half empty, or a chart shrunk away, moves this.
    assert!((9..=14).contains(&pages.len()), "{} pages", pages.len());
    // A page before the last one is a full page (the shipped report's have 40-60% of their rows
    // inked); the last may be short, but not a stray table row (the old layout's had 2%).
    for (k, page) in pages.iter().enumerate() {
        let share = ink(&pgm(&std::fs::read(page).unwrap()));
        let least = if k + 1 == pages.len() { 0.08 } else { 0.25 };
        assert!(
            share >= least,
            "page {} of {} is nearly empty: {:.0}% ink",
            k + 1,
            pages.len(),
            share * 100.0
        );
    }
}

#[test]
fn the_page_fits_screens_from_800_pixels() {
    let Some((chromium_path, _)) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let html = shipped_report(dir.path());
    // A copy of the page with a probe that writes into the title how far the widest element
    // reaches, where the text column ends, and the page's and the window's width (the report
    // itself carries no script).
    let probe = "<script>addEventListener('load', () => { \
                 const right = e => Math.ceil(e.getBoundingClientRect().right); \
                 const widest = Math.max(...[...document.querySelectorAll('body *')].map(right)); \
                 const column = right(document.body) - parseFloat(getComputedStyle(document.body).paddingRight); \
                 document.title = [widest, Math.ceil(column), document.documentElement.scrollWidth, innerWidth].join(' '); \
                 });</script></body>";
    let page = std::fs::read_to_string(&html).unwrap().replace("</body>", probe);
    let probed = html.with_file_name("probe.html");
    std::fs::write(&probed, page).unwrap();
    for width in [800, 1000, 1280] {
        let output = chromium(
            &chromium_path,
            dir.path(),
            &[
                &format!("--window-size={width},900"),
                "--virtual-time-budget=3000",
                "--dump-dom",
                &format!("file://{}", probed.display()),
            ],
        );
        let dom = String::from_utf8_lossy(&output.stdout);
        let title = dom
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or_default();
        let numbers: Vec<f64> = title.split(' ').filter_map(|w| w.parse().ok()).collect();
        assert_eq!(numbers.len(), 4, "at {width} px: {title}");
        let [widest, column, page, window] = [numbers[0], numbers[1], numbers[2], numbers[3]];
        assert!(
            widest <= column + 1.0,
            "at {width} px something reaches {widest}, past the column at {column}"
        );
        assert!(
            page <= window,
            "at {width} px the page is {page} wide in a window of {window}"
        );
    }
}
