//! Who a local CLI user is, for the audit log.

/// `local:<unix user>` (from `USER` or `LOGNAME`), or `local:unknown`.
pub fn local_user() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| !u.is_empty() && u.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or_else(|| "unknown".to_string());
    format!("local:{user}")
}
