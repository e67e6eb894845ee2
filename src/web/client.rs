//! A minimal HTTP/1.1 client over a plain TCP connection, for drills that talk to a
//! real `nusqa serve` (`nusqa bench crash --server`, the crash tests): one request per
//! connection, the status read back.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// How long a request may wait for its answer.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends `method path` with an empty body (and `Authorization: Bearer token` when
/// given) to `127.0.0.1:port` and returns the answer's status. A refused connection,
/// a connection closed before an answer (a killed server) or an answer that is not
/// HTTP is an error.
pub fn status(port: u16, method: &str, path: &str, token: Option<&str>) -> std::io::Result<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(READ_TIMEOUT))?;
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let req =
        format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n{auth}Content-Length: 0\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes())?;
    let mut out = Vec::new();
    s.read_to_end(&mut out)?;
    let head = String::from_utf8_lossy(&out);
    head.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("no HTTP status in an answer of {} bytes", out.len()),
            )
        })
}
