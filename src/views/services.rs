//! The state services governed on a date.

use chrono::NaiveDate;
use serde::Serialize;

use crate::library::Library;
use crate::services::{Registry, ServiceSummary};

/// `services --json` and `GET /api/services`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ServicesView {
    /// The date.
    pub date: NaiveDate,
    /// The services whose Rules are in force on it.
    pub services: Vec<ServiceSummary>,
}

impl ServicesView {
    /// The services on `date`.
    pub fn build(lib: &Library, date: NaiveDate) -> ServicesView {
        ServicesView {
            date,
            services: Registry::new(lib).services(date),
        }
    }
}
