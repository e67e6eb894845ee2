//! Drafts: what ministry staff have (an order's plain text or a `.docx` file, and its
//! metadata in the `act.json` shape) made checkable, pure: text in, report out.
//!
//! * [`order_text`]: the order's own structure (title, requisites, preamble,
//!   paragraphs, signature, annex, quoted new wordings, tables) read into a clause tree
//!   of the corpus's shape, with every abzats' line;
//! * [`requisites`]: the requisites line and the signature, compared with metadata;
//! * [`docx`]: the text of a `.docx` file (zip and XML, bounded);
//! * [`check`]: the check report ([`report`]): every problem with its place, and what
//!   publication needs ([`Prepared`]);
//! * [`preview`]: per target act and date, the diff, the notes and the services a
//!   draft changes;
//! * `metadata`, `entry_into_force`, `in_force`: the checks of the metadata, of the
//!   entry-into-force clause, and of the operations on their dates.
//!
//! Nothing here reads or writes files: the CLI reads them, the integrator's draft store
//! keeps drafts in the state directory.

pub mod check;
pub mod docx;
mod entry_into_force;
mod in_force;
mod metadata;
pub mod order_text;
pub mod preview;
pub mod report;
pub mod requisites;

pub use check::{check, check_bytes, check_docx, check_order};
pub use preview::{Preview, preview};
pub use report::{CheckReport, Place, Prepared, Problem, Severity};
