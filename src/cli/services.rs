//! `services`, `service`, `service-history` and `impact`: the state-services registry.

use std::fmt::Write;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CliError, print_json, today};
use crate::corpus::Loaded;
use crate::model::{Provenance, RegistryId};
use crate::services::{
    Attribute, AttributeValue, Attributes, NameValue, Passport, Registry, SegmentStatus, ServiceError, ServiceId,
    Statement,
};

fn service_id(s: &str) -> Result<ServiceId, CliError> {
    s.parse().map_err(|e| CliError::BadArgument(format!("{e}")))
}

fn not_found(e: ServiceError) -> CliError {
    CliError::NotFound(e.to_string())
}

/// `nusqa services [--as-of DATE]`.
pub fn services(loaded: &Loaded, as_of: Option<NaiveDate>, json: bool) -> Result<ExitCode, CliError> {
    let view = crate::views::ServicesView::build(&loaded.library, as_of.unwrap_or_else(today));
    if json {
        print_json(&view)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (date, list) = (view.date, view.services);
    outln!("{} state service(s) as of {date}", list.len());
    for s in &list {
        outln!("{}  {}", s.id, name_text(&s.name.kk));
        outln!(
            "    Rules: {} {} — {}",
            s.rules.act,
            s.rules.eid,
            s.rules.heading.as_deref().unwrap_or("(no heading)")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa service ID [--as-of DATE]`: the passport.
pub fn service(loaded: &Loaded, id: &str, as_of: Option<NaiveDate>, json: bool) -> Result<ExitCode, CliError> {
    let reg = Registry::new(&loaded.library);
    let id = service_id(id)?;
    let date = as_of.unwrap_or_else(today);
    let p = reg.passport(&id, date).map_err(not_found)?;
    if json {
        print_json(&p)?;
    } else {
        out!("{}", passport_text(&p));
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa service-history ID [ATTRIBUTE]`.
pub fn service_history(loaded: &Loaded, id: &str, attribute: Option<&str>, json: bool) -> Result<ExitCode, CliError> {
    let reg = Registry::new(&loaded.library);
    let id = service_id(id)?;
    let attribute: Option<Attribute> = attribute
        .map(str::parse)
        .transpose()
        .map_err(|e| CliError::BadArgument(format!("{e}")))?;
    let h = reg.history(&id, attribute).map_err(not_found)?;
    if json {
        print_json(&h)?;
        return Ok(ExitCode::SUCCESS);
    }
    let what = attribute.map_or("every attribute".to_string(), |a| a.to_string());
    outln!("{} — history of {what}", h.id);
    for s in &h.segments {
        let to = s.to.map_or("…".to_string(), |d| d.to_string());
        let by: Vec<String> = s.changed_by.iter().map(ToString::to_string).collect();
        outln!("[{} – {to})  changed by {}", s.from, by.join(", "));
        match s.status {
            SegmentStatus::Repealed => outln!("    the Rules are repealed"),
            SegmentStatus::InForce => {
                if attribute.is_none()
                    && let Some(n) = &s.name
                {
                    outln!("    name: {}", name_text(n));
                }
                out!("{}", attributes_text(&s.attributes, "    "));
            }
        }
    }
    for p in &h.pending {
        outln!(
            "pending: {} {} by {} (earliest {})",
            p.kind,
            p.target
                .as_ref()
                .map_or("the whole act".to_string(), ToString::to_string),
            p.source.act,
            p.earliest.map_or("unknown".into(), |d| d.to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa impact ACT`.
pub fn impact(loaded: &Loaded, act: &RegistryId, json: bool) -> Result<ExitCode, CliError> {
    let reg = Registry::new(&loaded.library);
    let imp = reg.impact(act).map_err(not_found)?;
    if json {
        print_json(&imp)?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{} changes {} state service(s)", imp.act, imp.services.len());
    for s in &imp.services {
        outln!("{}  {}", s.id, s.name.as_deref().unwrap_or(""));
        for c in &s.changes {
            let when = match c.date {
                Some(d) => format!("from {d}"),
                None => format!(
                    "pending (earliest {})",
                    c.earliest.map_or("unknown".into(), |d| d.to_string())
                ),
            };
            let attrs: Vec<&str> = c.attributes.iter().map(|a| a.attribute.as_str()).collect();
            let clauses: Vec<&str> = c.clauses.iter().map(|e| e.as_str()).collect();
            outln!(
                "    {when}: attributes [{}]; clauses [{}]{}",
                attrs.join(", "),
                clauses.join(", "),
                if c.ends_service { "; the service ends" } else { "" }
            );
        }
    }
    for o in &imp.outside {
        outln!(
            "outside any service: op {} on {} {}",
            o.op,
            o.target_act,
            o.target.as_ref().map_or("(whole act)".to_string(), ToString::to_string)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn name_text(n: &NameValue) -> String {
    match n {
        NameValue::Known { text, .. } => text.clone(),
        NameValue::Unknown { reason } => format!("(unknown: {reason})"),
    }
}

fn by(source: &Provenance) -> String {
    match &source.item {
        None => format!("base text of {}", source.act),
        Some(item) => {
            let mut s = format!("{} {item}", source.act);
            if let Some(a) = source.abzats {
                let _ = write!(s, " abzats {a}");
            }
            s
        }
    }
}

fn statement_text(s: &Statement) -> String {
    let mut out = format!(
        "{} — {}, since {}, by {} [{}]",
        s.value.summary().replace('\n', " / "),
        s.eid,
        s.since,
        by(&s.source),
        s.rule
    );
    for p in &s.pending {
        let _ = write!(
            out,
            "; pending {} by {} (earliest {})",
            p.kind,
            p.source.act,
            p.earliest.map_or("unknown".into(), |d| d.to_string())
        );
    }
    out
}

fn attributes_text(attributes: &Attributes, indent: &str) -> String {
    let mut out = String::new();
    for (a, v) in attributes.iter() {
        match v {
            AttributeValue::Known { statements } => {
                let _ = writeln!(out, "{indent}{a}:");
                for s in statements {
                    let _ = writeln!(out, "{indent}  {}", statement_text(s));
                }
            }
            AttributeValue::Partial { statements, reason } => {
                let _ = writeln!(out, "{indent}{a} (partly known: {reason}):");
                for s in statements {
                    let _ = writeln!(out, "{indent}  {}", statement_text(s));
                }
            }
            AttributeValue::Unknown { reason, see } => {
                let _ = writeln!(out, "{indent}{a}: unknown — {reason}");
                for r in see {
                    let _ = writeln!(
                        out,
                        "{indent}  see {} (since {}, by {}) → {}",
                        r.eid,
                        r.since,
                        by(&r.source),
                        r.points_to
                    );
                }
            }
        }
    }
    out
}

fn passport_text(p: &Passport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", p.id, name_text(&p.name.kk));
    let _ = writeln!(out, "as of {}", p.date);
    if let NameValue::Known {
        eid,
        since,
        source,
        rule,
        ..
    } = &p.name.kk
    {
        let _ = writeln!(
            out,
            "  name (kk): from {eid}, since {since}, by {} [{rule}]",
            by(source)
        );
    }
    let _ = writeln!(out, "  name (ru): {}", name_text(&p.name.ru));
    let _ = writeln!(
        out,
        "  Rules: {} {} — {}",
        p.rules.act,
        p.rules.eid,
        p.rules.heading.as_deref().unwrap_or("(no heading)")
    );
    let _ = writeln!(out, "  act: {} ({})", p.rules.act_title, p.rules.work_uri);
    let _ = writeln!(
        out,
        "  authority: {}{}{}",
        p.authority.office,
        p.authority.kk.as_deref().map(|k| format!(" ({k})")).unwrap_or_default(),
        if p.authority.acting { ", acting" } else { "" }
    );
    let c = &p.classified_by;
    let _ = writeln!(
        out,
        "  a state service by {} in {} ({})",
        c.rule,
        c.eid,
        match (c.since, c.earliest) {
            (Some(s), _) => format!("since {s}"),
            (None, Some(e)) => format!("pending, earliest {e}"),
            (None, None) => "pending".to_string(),
        }
    );
    out.push_str(&attributes_text(&p.attributes, "  "));
    for pc in &p.pending {
        let _ = writeln!(
            out,
            "  pending: {} {} by {} (earliest {})",
            pc.kind,
            pc.target
                .as_ref()
                .map_or("the whole act".to_string(), ToString::to_string),
            pc.source.act,
            pc.earliest.map_or("unknown".into(), |d| d.to_string())
        );
    }
    out
}
