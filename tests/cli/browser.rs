//! A small client of the Chrome DevTools Protocol for the browser tests and the latency benchmark
//! (`examples/serve_latency.rs` includes this file): a headless Chromium with a profile of its
//! own, one page, and the few calls they need — go to a page, run JavaScript in it, wait for a
//! condition, take a screenshot.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// Chromium on the PATH, if there is one.
pub fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
    profile: PathBuf,
}

impl Browser {
    /// Starts headless Chromium (`width` × `height` window) and opens one blank page.
    pub fn launch(chromium: &Path, width: u32, height: u32) -> Result<Browser, String> {
        // A profile of its own per browser: tests run in parallel.
        static STARTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let profile = std::env::temp_dir().join(format!(
            "weerstand-chromium-{}-{}",
            std::process::id(),
            STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                &format!("--window-size={width},{height}"),
                &format!("--user-data-dir={}", profile.display()),
                "about:blank",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("chromium does not start: {e}"))?;
        // Chromium says where its DevTools listen on standard error.
        let stderr = child.stderr.take().expect("piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !sent && let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].trim().to_string());
                    sent = true;
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .map_err(|_| "chromium did not report its DevTools address within 60 s".to_string())?;
        let (socket, _) = tungstenite::connect(url.as_str()).map_err(|e| format!("DevTools: {e}"))?;
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream
                .set_read_timeout(Some(Duration::from_secs(120)))
                .map_err(|e| e.to_string())?;
        }
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next: 0,
            profile,
        };
        let target = browser.call_browser("Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"].as_str().ok_or("no target id")?.to_string();
        let attached =
            browser.call_browser("Target.attachToTarget", json!({"targetId": target_id, "flatten": true}))?;
        browser.session = attached["sessionId"].as_str().ok_or("no session id")?.to_string();
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(browser)
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Result<Value, String> {
        self.next += 1;
        let id = self.next;
        let mut message = json!({"id": id, "method": method, "params": params});
        if session {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .map_err(|e| format!("{method}: {e}"))?;
        loop {
            let reply = match self.socket.read() {
                // A read with a timeout (set at launch) fails with EINTR when the test process is
                // stopped and continued, even without a signal handler (signal(7)): it made a CI
                // run fail once. tungstenite keeps what it had read of a frame, so reading again
                // goes on where it was.
                Err(tungstenite::Error::Io(e)) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                reply => reply.map_err(|e| format!("{method}: {e}"))?,
            };
            let Message::Text(text) = reply else { continue };
            let value: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            if value["id"].as_u64() == Some(id) {
                if let Some(error) = value.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(value["result"].clone());
            }
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.send(method, params, false)
    }

    /// A DevTools call on the page.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.send(method, params, true)
    }

    /// Opens `url` and waits until the document has loaded.
    pub fn goto(&mut self, url: &str) -> Result<(), String> {
        self.call("Page.navigate", json!({"url": url}))?;
        self.wait_for(
            "document.readyState === 'complete' && location.href !== 'about:blank'",
            60,
        )
    }

    /// Runs `expression` in the page (a promise is awaited) and returns its value as JSON.
    pub fn eval(&mut self, expression: &str) -> Result<Value, String> {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        )?;
        if let Some(details) = result.get("exceptionDetails") {
            return Err(format!("{expression}: {details}"));
        }
        Ok(result["result"]["value"].clone())
    }

    /// Waits until `condition` is true in the page, at most `seconds`.
    pub fn wait_for(&mut self, condition: &str, seconds: u64) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            if self.eval(&format!("!!({condition})"))? == json!(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("not true after {seconds} s: {condition}"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A PNG of the whole page, `width` wide.
    pub fn screenshot(&mut self) -> Result<Vec<u8>, String> {
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
        )?;
        decode_base64(shot["data"].as_str().ok_or("no image")?)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Standard base64 (with padding), as DevTools sends images.
pub fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    let value = |c: u8| -> Result<u32, String> {
        Ok(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("not base64: {}", c as char)),
        })
    };
    let bytes: Vec<u8> = text.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for chunk in bytes.chunks(4) {
        let data: Vec<u8> = chunk.iter().copied().take_while(|&c| c != b'=').collect();
        let mut n = 0u32;
        for (i, &c) in data.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let keep = data.len().saturating_sub(1);
        for i in 0..keep {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_decodes_the_reference_vectors() {
        for (text, plain) in [
            ("", ""),
            ("Zg==", "f"),
            ("Zm8=", "fo"),
            ("Zm9v", "foo"),
            ("Zm9vYmFy", "foobar"),
        ] {
            assert_eq!(super::decode_base64(text).unwrap(), plain.as_bytes());
        }
    }
}
