//! `weerstand serve FILE [--scenario F …]`: the what-if page ([`crate::serve`]) on this machine.

use super::{Env, fail, read_inputs};
use crate::error::{Error, Outcome};
use crate::lang::Lang;
use crate::serve::{Config, Server};
use std::io::Write;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};

/// The command line's choices.
pub struct Options {
    pub iterations: usize,
    pub seed: Option<u64>,
    pub threads: Option<u16>,
    pub port: u16,
    pub host: String,
    pub save_dir: Option<PathBuf>,
    pub max_iterations: usize,
}

pub fn run(env: &Env, path: &Path, scenario_files: &[PathBuf], options: &Options, out: &mut dyn Write) -> Outcome {
    let lang = env.lang;
    let (save_dir, save_dir_arg) = match &options.save_dir {
        Some(dir) => (dir.clone(), dir.display().to_string()),
        None => {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            match parent {
                Some(p) => (p.join("scenarios"), p.join("scenarios").display().to_string()),
                None => (PathBuf::from("scenarios"), "scenarios".to_string()),
            }
        }
    };
    let (mut inputs, mut scenarios, _) = read_inputs(env, path, scenario_files, &[])?;
    // Every scenario must apply to the register on its own, as `compare` would apply it.
    let (register, _) = inputs.model(&[]).map_err(|e| fail(&inputs.sources, e, lang))?;
    if !register.is_quantified() {
        return Err(super::simulate::nothing_to_simulate(inputs.register_name(), lang));
    }
    for s in &scenarios {
        inputs.model(&[s]).map_err(|e| fail(&inputs.sources, e, lang))?;
    }
    // Without --scenario, the scenarios kept beside the register (and saved there by the page) are
    // the toggles; one that does not apply to this register is left out, saying why.
    if scenario_files.is_empty() {
        for file in scenario_folder(&save_dir) {
            let read = inputs.scenario(&file).and_then(|(s, _)| inputs.model(&[&s]).map(|_| s));
            match read {
                Ok(s) => scenarios.push(s),
                Err(e) => {
                    let reason = match e {
                        crate::inputs::InputError::Io { error, .. } => error.to_string(),
                        crate::inputs::InputError::Invalid(d) => d
                            .iter()
                            .find(|d| d.is_error())
                            .map(|d| d.headline(&inputs.sources, lang))
                            .unwrap_or_default(),
                    };
                    eprintln!(
                        "{} {}: {reason}",
                        lang.pick("let op: scenario overgeslagen", "note: scenario left out"),
                        file.display()
                    );
                }
            }
        }
    }
    let iterations = options.iterations;
    if iterations > options.max_iterations {
        return Err(Error::Usage(format!(
            "--iterations {} {} --max-iterations {}",
            crate::format::decimal(iterations as f64, 0),
            lang.pick("is meer dan", "is more than"),
            crate::format::decimal(options.max_iterations as f64, 0)
        )));
    }
    let address = address(&options.host, options.port, lang)?;
    let seed = options.seed.unwrap_or_else(|| u64::from(rand::random::<u32>()));
    let register_arg = path.display().to_string();
    let pool = super::simulate::thread_pool(options.threads, lang)?;
    let settings = crate::serve::settings(iterations, seed);
    if !address.ip().is_loopback() {
        eprintln!(
            "{}",
            lang.pick(
                &format!(
                    "let op: de pagina is bereikbaar voor iedereen op het netwerk die {address} kan bereiken, zonder wachtwoord; wie hem opent kan scenario's bewaren in {}",
                    save_dir.display()
                ),
                &format!(
                    "note: the page can be reached by anyone on the network who can reach {address}, without a password; whoever opens it can save scenarios in {}",
                    save_dir.display()
                ),
            )
        );
    }
    let server = Server::new(Config {
        inputs,
        register_arg,
        scenarios,
        settings,
        max_iterations: options.max_iterations,
        lang,
        save_dir,
        save_dir_arg,
        pool,
        local_only: address.ip().is_loopback(),
    })
    .map_err(Error::Invalid)?;
    // Messages in answers are read in a browser, never on a terminal.
    crate::diagnostic::set_colour(false);
    let mut announce_error = None;
    crate::serve::run(server, address, |bound| {
        let shown = if bound.ip().is_loopback() {
            format!("http://localhost:{}/", bound.port())
        } else {
            format!("http://{bound}/")
        };
        let text = match lang {
            Lang::Nl => format!(
                "weerstand serve: open {shown} in een browser (seed {seed}, {} iteraties per run); stoppen met Ctrl-C\n",
                crate::format::decimal(iterations as f64, 0)
            ),
            Lang::En => format!(
                "weerstand serve: open {shown} in a browser (seed {seed}, {} iterations per run); stop with Ctrl-C\n",
                crate::format::decimal(iterations as f64, 0)
            ),
        };
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            announce_error = Some(e);
        }
    })
    .map_err(|e| {
        Error::Usage(format!(
            "{} {address}: {e}",
            lang.pick("kan niet luisteren op", "cannot listen on")
        ))
    })?;
    Ok(())
}

/// The address to listen on: `localhost` and names resolve, an IP address stands as it is.
fn address(host: &str, port: u16, lang: Lang) -> Outcome<SocketAddr> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, port));
    }
    (host, port)
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| {
            Error::Usage(format!(
                "--host {host}: {}",
                lang.pick("geen adres van deze computer", "no address of this machine")
            ))
        })
}

/// The scenario files in `dir` (`.yaml`, `.yml`), by name; none when there is no such folder.
fn scenario_folder(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
