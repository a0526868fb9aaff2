//! `weerstand serve`: the register's what-ifs live, in a web page on this machine.
//!
//! One page (HTML, CSS, JavaScript and the font embedded in the binary, nothing fetched from
//! elsewhere) and a small JSON interface: `GET /api/knobs` gives the knobs built from the register,
//! `POST /api/whatif` re-simulates a what-if against the base with the same seed and draws
//! (common random numbers) and answers with the comparison and its charts, `POST /api/save`
//! writes the what-if as a scenario file. The simulation runs on its own threads, one request at a
//! time (a few wait; more are refused), each bounded in iterations and body size; a request that
//! fails answers with its problems at their place in the request, and never stops the server.

pub mod page;
pub mod view;

use crate::compare::Run;
use crate::diagnostic::Diagnostic;
use crate::inputs::{InputError, Inputs};
use crate::lang::Lang;
use crate::model::Register;
use crate::results::Results;
use crate::scenario::Scenario;
use crate::sim::{Provenance, Settings};
use crate::whatif::{self, Request, RequestError};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The largest request body: a what-if is a list of changes, never a register.
pub const MAX_BODY: usize = 64 * 1024;
/// Fewest iterations a request may ask for.
pub const MIN_ITERATIONS: usize = 1_000;
/// Base runs kept for other iteration counts than the server's own.
const BASE_RUNS_KEPT: usize = 4;
/// Requests that may wait while one runs; more are refused at once.
const WAITING: usize = 4;

/// What the server is started with.
pub struct Config {
    pub inputs: Inputs,
    /// The register's name as given on the command line, for the command a page shows.
    pub register_arg: String,
    pub scenarios: Vec<Scenario>,
    pub settings: Settings,
    pub max_iterations: usize,
    pub lang: Lang,
    /// Where saved scenarios go.
    pub save_dir: PathBuf,
    /// The save folder as the user would type it, for the command a page shows.
    pub save_dir_arg: String,
    pub pool: rayon::ThreadPool,
    /// Listening on this machine only: then a request must name this machine as its host, so that
    /// a web site whose name is made to point here (DNS rebinding) is not answered.
    pub local_only: bool,
}

/// The server's state: its configuration, the register, and the base run per iteration count.
pub struct Server {
    config: Config,
    register: Register,
    knobs: whatif::Knobs,
    base: Mutex<HashMap<usize, Arc<Results>>>,
    running: tokio::sync::Semaphore,
    waiting: tokio::sync::Semaphore,
    /// Serialises saving, so that two saves never pick the same file name.
    saving: Mutex<()>,
}

/// A failed request: the HTTP status and the problems, each with the change it concerns.
#[derive(Debug, Serialize)]
pub struct Failure {
    #[serde(skip)]
    pub status: StatusCode,
    pub message: String,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Serialize)]
pub struct Problem {
    /// Index of the change in the request it concerns, if any.
    pub change: Option<usize>,
    /// The problem as `validate` prints it (place, message, the text with its mark).
    pub text: String,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.status, Json(&self)).into_response()
    }
}

impl Failure {
    fn new(status: StatusCode, message: String) -> Failure {
        Failure {
            status,
            message,
            problems: Vec::new(),
        }
    }
}

impl Server {
    /// Prepares the server: validates the register, runs the base once (so the first request
    /// costs what every later one costs) and builds the knobs.
    pub fn new(config: Config) -> Result<Server, String> {
        let lang = config.lang;
        let (register, _) = config
            .inputs
            .model(&[])
            .map_err(|e| input_failure(&config.inputs, e, &[], lang).message)?;
        let mut server = Server {
            knobs: whatif::Knobs::default(),
            register,
            base: Mutex::new(HashMap::new()),
            running: tokio::sync::Semaphore::new(1),
            waiting: tokio::sync::Semaphore::new(WAITING),
            saving: Mutex::new(()),
            config,
        };
        let base = server.base(server.config.settings.iterations);
        server.knobs = whatif::knobs(
            &server.config.inputs,
            &server.register,
            &base,
            &server.config.scenarios,
            lang,
        );
        Ok(server)
    }

    /// The base run at `iterations`, simulated once.
    fn base(&self, iterations: usize) -> Arc<Results> {
        if let Some(r) = self.base.lock().expect("not poisoned").get(&iterations) {
            return r.clone();
        }
        let results = Arc::new(self.simulate(&self.register, &self.provenance(&[], &self.register), iterations));
        let mut cache = self.base.lock().expect("not poisoned");
        // A few counts are kept (the server's own always): requests that each ask another count
        // must not fill the memory with base runs.
        if cache.len() >= BASE_RUNS_KEPT {
            let own = self.config.settings.iterations;
            cache.retain(|&n, _| n == own);
        }
        cache.insert(iterations, results.clone());
        results
    }

    fn provenance(&self, applied: &[&Scenario], register: &Register) -> Provenance {
        self.config.inputs.provenance(applied, register, self.config.lang)
    }

    fn simulate(&self, register: &Register, provenance: &Provenance, iterations: usize) -> Results {
        let settings = Settings {
            iterations,
            ..self.config.settings.clone()
        };
        self.config
            .pool
            .install(|| crate::sim::simulate(register, &settings, provenance, &|_| {}))
    }

    /// A request made into its scenario and the register it gives (with that register's
    /// warnings and the texts messages point into), or the failure with every problem.
    fn what_if(&self, request: &Request) -> Result<(Inputs, whatif::Built, Register, Vec<Diagnostic>), Failure> {
        let lang = self.config.lang;
        let mut inputs = self.config.inputs.clone();
        let built = whatif::build(&mut inputs, request, &self.config.scenarios, lang).map_err(|e| match e {
            RequestError::NoScenario(i) => Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "{}: scenarios[{i}] — {} {}",
                    lang.pick("verzoek", "request"),
                    lang.pick("er zijn maar", "there are only"),
                    self.config.scenarios.len()
                ),
            ),
            RequestError::Invalid(d) => input_failure(&inputs, InputError::Invalid(d), &[], lang),
        })?;
        let (register, warnings) = inputs
            .model(&[&built.scenario])
            .map_err(|e| input_failure(&inputs, e, &built.change_sources, lang))?;
        Ok((inputs, built, register, warnings))
    }

    /// A what-if against the base: the comparison and its charts.
    pub fn evaluate(&self, request: &Request) -> Result<view::View, Failure> {
        let started = Instant::now();
        let lang = self.config.lang;
        let _numbers = crate::format::style(lang);
        let iterations = request.iterations.unwrap_or(self.config.settings.iterations);
        if !(MIN_ITERATIONS..=self.config.max_iterations).contains(&iterations) {
            return Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "{}: iterations {} — {} {} {} {}",
                    lang.pick("verzoek", "request"),
                    crate::format::decimal(iterations as f64, 0),
                    lang.pick("kies tussen", "choose between"),
                    crate::format::decimal(MIN_ITERATIONS as f64, 0),
                    lang.pick("en", "and"),
                    crate::format::decimal(self.config.max_iterations as f64, 0)
                ),
            ));
        }
        let (inputs, built, register, warnings) = self.what_if(request)?;
        if !register.is_quantified() {
            return Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                lang.pick(
                    "er valt niets te simuleren: geen risico heeft nog een kans en een bedrag",
                    "there is nothing to simulate: no risk has a probability and an amount any more",
                )
                .into(),
            ));
        }
        let settings = Settings {
            iterations,
            ..self.config.settings.clone()
        };
        // A what-if may add risks or years; its memory stays within what a run on this machine may take.
        let needed = crate::sim::memory_needed(&register, &settings);
        if needed > MAX_MEMORY {
            return Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "{} ({} MiB)",
                    lang.pick(
                        "deze doorrekening vraagt te veel geheugen; kies minder iteraties",
                        "this run needs too much memory; choose fewer iterations"
                    ),
                    needed >> 20
                ),
            ));
        }
        let base = self.base(iterations);
        let applied = [&built.scenario];
        let results = if request.is_empty() {
            (*base).clone()
        } else {
            self.simulate(&register, &self.provenance(&applied, &register), iterations)
        };
        let changes = crate::scenario::parameter::changes(&built.scenario, &register, lang);
        let name = if changes.is_empty() {
            lang.pick("Wat als (nog niets gewijzigd)", "What if (nothing changed yet)")
                .to_string()
        } else {
            lang.pick("Wat als", "What if").to_string()
        };
        let runs = [
            Run {
                name: lang.pick("Basis (register)", "Base (register)").into(),
                description: None,
                results: (*base).clone(),
            },
            Run {
                name,
                description: None,
                results,
            },
        ];
        let mut view = view::build(&runs, lang).map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e))?;
        view.changes = changes;
        view.command = whatif::command(
            &self.config.register_arg,
            request,
            None,
            self.config.settings.seed,
            iterations,
        );
        view.warnings = warnings
            .iter()
            .filter(|d| d.span.is_some_and(|s| built.change_sources.contains(&s.source)))
            .map(|d| d.headline(&inputs.sources, lang))
            .collect();
        view.server_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(view)
    }

    /// Writes the what-if as a scenario file in the save folder (a new name when the name is taken:
    /// nothing is overwritten, the register never) and returns where, with the command that
    /// compares it.
    pub fn save(&self, save: &Save) -> Result<Saved, Failure> {
        let lang = self.config.lang;
        let name = save.name.trim();
        if name.is_empty() {
            return Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                lang.pick("geef het scenario een naam", "give the scenario a name")
                    .into(),
            ));
        }
        if save.request.is_empty() {
            return Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                lang.pick(
                    "er is niets gewijzigd: een scenario zonder wijziging bewaar ik niet",
                    "nothing is changed: a scenario without a change is not saved",
                )
                .into(),
            ));
        }
        // The what-if must be valid before it becomes a file.
        let (_, built, _, _) = self.what_if(&save.request)?;
        let source = format!(
            "{} {} (seed {})",
            lang.pick("opgesteld met weerstand serve op", "made with weerstand serve on"),
            self.config.register_arg,
            self.config.settings.seed
        );
        let text = whatif::scenario_yaml(&built.scenario, name, &save.description, &source);
        // Read back as `--scenario` will read it, before it is written.
        let mut check = self.config.inputs.clone();
        let (again, _) = check
            .scenario_from_bytes("scenario", text.as_bytes())
            .map_err(|e| input_failure(&check, e, &[], lang))?;
        check
            .model(&[&again])
            .map_err(|e| input_failure(&check, e, &[], lang))?;
        let _one = self.saving.lock().expect("not poisoned");
        let io = |e: std::io::Error| {
            Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!(
                    "{} {}: {e}",
                    lang.pick("kan het scenario niet schrijven in", "cannot write the scenario in"),
                    self.config.save_dir.display()
                ),
            )
        };
        std::fs::create_dir_all(&self.config.save_dir).map_err(io)?;
        let stem = whatif::file_stem(name);
        let register_path = std::fs::canonicalize(self.config.inputs.register_name()).ok();
        let mut k = 1;
        let (path, file_name) = loop {
            let file_name = if k == 1 {
                format!("{stem}.yaml")
            } else {
                format!("{stem}-{k}.yaml")
            };
            let path = self.config.save_dir.join(&file_name);
            k += 1;
            if path.exists()
                || std::fs::canonicalize(&path)
                    .ok()
                    .is_some_and(|p| Some(p) == register_path)
            {
                continue;
            }
            break (path, file_name);
        };
        // Written whole or not at all: a temporary file beside it, created new, then renamed.
        let temporary = self.config.save_dir.join(format!(".{file_name}.tmp"));
        {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)
                .map_err(io)?;
            f.write_all(text.as_bytes()).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&temporary, &path).map_err(io)?;
        let shown = if self.config.save_dir_arg.is_empty() {
            file_name.clone()
        } else {
            format!("{}/{file_name}", self.config.save_dir_arg.trim_end_matches('/'))
        };
        let iterations = save.request.iterations.unwrap_or(self.config.settings.iterations);
        Ok(Saved {
            command: whatif::command(
                &self.config.register_arg,
                &save.request,
                Some(&shown),
                self.config.settings.seed,
                iterations,
            )
            .unwrap_or_default(),
            path: shown,
            yaml: text,
        })
    }
}

/// The simulation settings of every run the server makes: the base and each what-if alike
/// (netto, the default percentiles, the register's zekerheid unless a knob sets it, samples kept
/// for the charts, no per-segment runs), so that `compare` with the same seed and count gives the
/// same figures.
pub fn settings(iterations: usize, seed: u64) -> Settings {
    Settings {
        iterations,
        seed,
        basis: crate::model::Basis::Netto,
        percentiles: crate::sim::DEFAULT_PERCENTILES.to_vec(),
        certainty: None,
        keep_samples: true,
        extras: false,
    }
}

/// The most memory one what-if may take.
const MAX_MEMORY: u64 = 4 << 30;

/// A save request: the what-if and its name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Save {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub request: Request,
}

#[derive(Debug, Serialize)]
pub struct Saved {
    pub path: String,
    pub command: String,
    pub yaml: String,
}

/// The problems of an invalid what-if, each with the change it points into.
fn input_failure(
    inputs: &Inputs,
    error: InputError,
    change_sources: &[crate::source::SourceId],
    lang: Lang,
) -> Failure {
    match error {
        InputError::Io { path, error } => Failure::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{path}: {error}")),
        InputError::Invalid(diagnostics) => {
            let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
            Failure {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                message: format!(
                    "{} ({})",
                    lang.pick(
                        "deze wijziging maakt het register ongeldig",
                        "this change makes the register invalid"
                    ),
                    errors.len()
                ),
                problems: errors
                    .iter()
                    .map(|d| Problem {
                        change: d.span.and_then(|s| change_sources.iter().position(|&c| c == s.source)),
                        text: d.render(&inputs.sources, lang).trim_end().to_string(),
                    })
                    .collect(),
            }
        }
    }
}

/// The routes, bounded in body size.
pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/fonts/{name}", get(font))
        .route("/api/knobs", get(knobs))
        .route("/api/whatif", post(whatif_route))
        .route("/api/save", post(save_route))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(server.clone(), this_machine_only))
        .with_state(server)
}

async fn index(State(server): State<Arc<Server>>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page::html(server.config.lang),
    )
        .into_response()
}

async fn font(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    let bytes: &'static [u8] = match name.as_str() {
        "dejavu-sans.ttf" => dejavu::sans::regular(),
        "dejavu-sans-bold.ttf" => dejavu::sans::bold(),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    ([(header::CONTENT_TYPE, "font/ttf")], bytes).into_response()
}

#[derive(Serialize)]
struct KnobsView<'a> {
    organisation: &'a str,
    register: &'a str,
    seed: u64,
    iterations: usize,
    max_iterations: usize,
    unit: f64,
    knobs: &'a whatif::Knobs,
}

async fn knobs(State(server): State<Arc<Server>>) -> Response {
    Json(KnobsView {
        organisation: &server.register.metadata.organisation,
        register: &server.config.register_arg,
        seed: server.config.settings.seed,
        iterations: server.config.settings.iterations,
        max_iterations: server.config.max_iterations,
        unit: server.register.metadata.unit,
        knobs: &server.knobs,
    })
    .into_response()
}

/// The body as the JSON expected, or what is wrong with it and where (serde's own words for the
/// kind of mistake).
fn parse<T: serde::de::DeserializeOwned>(body: Result<Bytes, BytesRejection>, lang: Lang) -> Result<T, Failure> {
    let bytes = body.map_err(|e| {
        let status = e.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            format!(
                "{} {} KiB",
                lang.pick(
                    "verzoek te groot: een wat-als is hooguit",
                    "request too large: a what-if is at most"
                ),
                MAX_BODY / 1024
            )
        } else {
            format!(
                "{}: {}",
                lang.pick("verzoek niet leesbaar", "request not readable"),
                e.body_text()
            )
        };
        Failure::new(status, message)
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.split(" at line ").next().unwrap_or(&detail).to_string();
        let status = if e.is_data() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::BAD_REQUEST
        };
        Failure::new(
            status,
            format!(
                "{} {}, {} {}: {detail}",
                lang.pick(
                    "verzoek niet leesbaar als JSON: regel",
                    "request not readable as JSON: line"
                ),
                e.line(),
                lang.pick("kolom", "column"),
                e.column()
            ),
        )
    })
}

/// Runs `work` on the blocking pool, one at a time, a few waiting; a panic is an answer, not the end
/// of the server.
async fn bounded<T: Send + 'static>(
    server: &Arc<Server>,
    work: impl FnOnce(&Server) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let lang = server.config.lang;
    let Ok(_waiting) = server.waiting.try_acquire() else {
        return Err(Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            lang.pick(
                "de server rekent al aan andere vragen; probeer het zo opnieuw",
                "the server is busy with other questions; try again shortly",
            )
            .into(),
        ));
    };
    let _running = server.running.acquire().await.expect("never closed");
    let s = server.clone();
    match tokio::task::spawn_blocking(move || work(&s)).await {
        Ok(result) => result,
        Err(e) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "{}: {e}",
                lang.pick("interne fout bij deze vraag", "internal error on this question")
            ),
        )),
    }
}

/// Whether a request's `Host` names this machine (`localhost`, `127.0.0.1`, `[::1]`, any port).
fn names_this_machine(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Refuses a request for another host name when the server listens on this machine only.
async fn this_machine_only(
    State(server): State<Arc<Server>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if server.config.local_only && !names_this_machine(request.headers()) {
        return Failure::new(
            StatusCode::MISDIRECTED_REQUEST,
            server
                .config
                .lang
                .pick(
                    "deze server beantwoordt alleen verzoeken aan localhost",
                    "this server answers requests for localhost only",
                )
                .into(),
        )
        .into_response();
    }
    next.run(request).await
}

/// Only a JSON body is read: a browser sends one from another site only after asking (CORS), which
/// this server never allows, so a page elsewhere cannot make it simulate or save.
fn json_only(headers: &HeaderMap, lang: Lang) -> Result<(), Failure> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if json {
        Ok(())
    } else {
        Err(Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            lang.pick(
                "verzoek niet leesbaar: stuur JSON (Content-Type: application/json)",
                "request not readable: send JSON (Content-Type: application/json)",
            )
            .into(),
        ))
    }
}

async fn whatif_route(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(server, &headers, body, |s, request: Request| s.evaluate(&request)).await
}

async fn save_route(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(server, &headers, body, |s, save: Save| s.save(&save)).await
}

/// Reads a JSON request and answers it with `work`, bounded ([`bounded`]), as JSON.
async fn answer<T: serde::de::DeserializeOwned + Send + 'static, R: Serialize + Send + 'static>(
    server: Arc<Server>,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    work: fn(&Server, T) -> Result<R, Failure>,
) -> Response {
    let lang = server.config.lang;
    let request: T = match json_only(headers, lang).and_then(|()| parse(body, lang)) {
        Ok(r) => r,
        Err(f) => return f.into_response(),
    };
    match bounded(&server, move |s| work(s, request)).await {
        Ok(answer) => Json(answer).into_response(),
        Err(f) => f.into_response(),
    }
}

/// Serves until interrupted: `on_ready` gets the address actually bound (port 0 picks a free one).
pub fn run(
    server: Server,
    address: std::net::SocketAddr,
    on_ready: impl FnOnce(std::net::SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address).await?;
        on_ready(listener.local_addr()?);
        let app = router(Arc::new(server));
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(iterations: usize) -> Server {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/risks/ijmond-werkt-2026.yaml");
        let today = crate::date::Date::parse("2026-11-24").unwrap();
        Server::new(Config {
            inputs: Inputs::new(std::path::Path::new(path), today).unwrap(),
            register_arg: "risks/ijmond-werkt-2026.yaml".into(),
            scenarios: Vec::new(),
            settings: settings(iterations, 1),
            max_iterations: 100_000,
            lang: Lang::Nl,
            save_dir: std::env::temp_dir(),
            save_dir_arg: String::new(),
            pool: rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap(),
            local_only: true,
        })
        .unwrap()
    }

    #[test]
    fn requests_for_many_iteration_counts_keep_a_few_base_runs() {
        let server = server(2_000);
        for iterations in (1..=9).map(|k| 1_000 + 100 * k) {
            let request = Request {
                iterations: Some(iterations),
                ..Request::default()
            };
            server.evaluate(&request).map_err(|f| f.message).unwrap();
            let cache = server.base.lock().unwrap();
            assert!(cache.len() <= BASE_RUNS_KEPT, "{} base runs kept", cache.len());
            assert!(cache.contains_key(&2_000) && cache.contains_key(&iterations));
        }
    }

    #[test]
    fn hosts_that_name_this_machine() {
        let with = |host: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, host.parse().unwrap());
            names_this_machine(&h)
        };
        for host in ["localhost", "localhost:8080", "127.0.0.1:80", "[::1]:8080", "LOCALHOST"] {
            assert!(with(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "10.0.0.1:8080",
        ] {
            assert!(!with(host), "{host}");
        }
        assert!(!names_this_machine(&HeaderMap::new()));
    }
}
