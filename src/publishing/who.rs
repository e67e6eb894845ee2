//! Who a local CLI user is, for the audit log.

/// `local:<unix user>` (from `USER` or `LOGNAME`), else `local:uid-<uid>` on Unix,
/// else `local:unknown`.
pub fn local_user() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| !u.is_empty() && u.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or_else(uid);
    format!("local:{user}")
}

#[cfg(unix)]
fn uid() -> String {
    // SAFETY: getuid has no preconditions and cannot fail.
    format!("uid-{}", unsafe { libc::getuid() })
}

#[cfg(not(unix))]
fn uid() -> String {
    "unknown".to_string()
}
