//! A `nusqa serve` child process for a drill: started on a free port of 127.0.0.1
//! with a state directory (so it accepts writes), waited for until it answers, and
//! killed with SIGKILL.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::DrillError;
use crate::web::client;

/// A port of 127.0.0.1 that was free a moment ago.
pub fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A running `nusqa serve`. Dropping it kills it.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// The port it listens on.
    pub port: u16,
}

impl Server {
    /// Starts `exe serve` (the `nusqa` binary) on `corpus`, `state` and `index`, on a
    /// free port. `step_pause_ms` sets `NUSQA_CRASH_TEST_DELAY_MS`: the pause between
    /// the steps of a corpus transaction, which debug builds honour.
    pub fn spawn(
        exe: &Path,
        corpus: &Path,
        state: &Path,
        index: &Path,
        step_pause_ms: u64,
    ) -> Result<Server, DrillError> {
        let port = free_port()?;
        let child = Command::new(exe)
            .arg("--corpus")
            .arg(corpus)
            .arg("--state")
            .arg(state)
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--index"])
            .arg(index)
            .env("NUSQA_CRASH_TEST_DELAY_MS", step_pause_ms.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        Ok(Server { child, port })
    }

    /// Waits until the server answers `GET /api/acts` with 200, at most `within`.
    pub fn wait_ready(&mut self, within: Duration) -> Result<(), DrillError> {
        let start = Instant::now();
        while start.elapsed() < within {
            if client::status(self.port, "GET", "/api/acts", None).ok() == Some(200) {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait()? {
                return Err(DrillError::NotReady(format!(
                    "the server exited before answering: {status}"
                )));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(DrillError::NotReady(format!(
            "the server did not answer within {} s",
            within.as_secs()
        )))
    }

    /// Kills the server with SIGKILL and waits for it to go.
    pub fn kill(&mut self) -> std::io::Result<()> {
        match self.child.try_wait()? {
            Some(_) => Ok(()),
            None => {
                self.child.kill()?;
                self.child.wait().map(|_| ())
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.kill();
    }
}
